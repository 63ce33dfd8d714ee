using System.CommandLine;
using System.Globalization;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// The <c>mqtt</c> section of <c>energylogger bench</c>: bytes on the wire per published sample, for one
/// sample per PUBLISH and for batches filled up to the outbox's batch cap, on the custom-MQTT and the Kaa
/// DCX topic. Batches are made by the real outbox; the counts are exact for a given sample.
/// </summary>
internal static class WireCostReport
{
    /// <summary>TLS 1.2 AES-GCM: 5-byte header, 8-byte explicit nonce and 16-byte tag per record of up to 16 KB (RFC 5246, 6.2; RFC 5288, 3).</summary>
    private const int TlsRecordOverhead = 29;
    private const int TlsRecordMax = 16384;

    /// <summary>PUBACK: fixed header and packet id (MQTT 3.1.1, 3.4).</summary>
    private const int PubAckBytes = MqttWire.PubAckBytes;

    private const int SamplesPerDay = 24 * 3600 / 10;

    private static readonly (string Name, string Topic)[] Topics =
    [
        ("custom", "energylogger/energy-logger-02454C000001/telemetry"),
        ("kaa dcx", "kp1/bspu542ikfmmfgrk47s0-v1/dcx/JTjdbENzHh/json/42"),
    ];

    public static Action<TextWriter> Prepare(ParseResult result, BenchOptions options)
    {
        string mapPath = result.GetValue(options.Map) ?? MapFile.DefaultPath;
        CycleWorkload real = CycleWorkload.Deye(mapPath);
        return output => Print(output, [(real.Name, real.SampleBytes()), (CycleWorkload.Synthetic().Name, CycleWorkload.Synthetic().SampleBytes())]);
    }

    private static void Print(TextWriter output, (string Name, byte[] Sample)[] samples)
    {
        output.WriteLine("mqtt: bytes per sample on the wire (PUBLISH QoS 1 with its PUBACK), one sample per message and");
        output.WriteLine($"      batched up to the outbox's {new OutboxOptions().MaxBatchBytes / 1024} KB cap; TLS adds {TlsRecordOverhead} B per record; a day is {SamplesPerDay} samples at 10 s");
        output.WriteLine();
        var table = new OutputTable(new("sample", -18), new("JSON B", 6), new("topic", -8, "  "), new("per msg", 7), new("MQTT B/sample", 13), new("TLS B/sample", 12), new("vs single", 9), new("TLS MB/day", 10));
        foreach ((string name, byte[] sample) in samples)
        {
            int[] batchSizes = [1, BatchedCount(sample)];
            foreach ((string topicName, string topic) in Topics)
            {
                double single = 0;
                foreach (int batch in batchSizes)
                {
                    (int mqtt, int tls) = Wire(sample, batch, topic);
                    double tlsPerSample = (double)tls / batch;
                    single = batch == 1 ? tlsPerSample : single;
                    bool first = topicName == Topics[0].Name && batch == 1;
                    table.Add(
                        first ? name : "",
                        first ? sample.Length.ToString(CultureInfo.InvariantCulture) : "",
                        batch == 1 ? topicName : "",
                        batch.ToString(CultureInfo.InvariantCulture),
                        (mqtt / batch).ToString(CultureInfo.InvariantCulture),
                        ((int)tlsPerSample).ToString(CultureInfo.InvariantCulture),
                        F(tlsPerSample / single) + "x",
                        F(tlsPerSample * SamplesPerDay / 1e6));
                }
            }
        }

        table.Write(output);
    }

    /// <summary>The most of these samples the real outbox puts into one batch while it drains a backlog.</summary>
    private static int BatchedCount(byte[] sample)
    {
        string directory = Directory.CreateTempSubdirectory("energylogger-bench-").FullName;
        try
        {
            var outbox = new Outbox(new DirectoryFileStore(directory), new OutboxOptions());
            outbox.Open();
            for (int i = 0; i < 64; i++)
            {
                outbox.Append(sample, 0, sample.Length);
            }

            var batch = new OutboxBatch();
            var buffer = new byte[outbox.Options.MaxBatchBytes];
            int most = 0;
            while (outbox.NextBatch(batch, buffer))
            {
                most = Math.Max(most, batch.Count);
                outbox.Acknowledge(batch);
            }

            return most;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Bytes of one PUBLISH carrying <paramref name="count"/> samples as a JSON array, its PUBACK, and with TLS records around both.</summary>
    private static (int Mqtt, int Tls) Wire(byte[] sample, int count, string topic)
    {
        int json = 2 + (count * sample.Length) + (count - 1);
        int publish = MqttWire.PublishBytes(topic, json, qos1: true);
        int tls = publish + (TlsRecordOverhead * ((publish + TlsRecordMax - 1) / TlsRecordMax)) + PubAckBytes + TlsRecordOverhead;
        return (publish + PubAckBytes, tls);
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
