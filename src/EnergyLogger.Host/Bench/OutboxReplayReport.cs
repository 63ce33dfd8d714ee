using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// The <c>outbox</c> section of <c>energylogger bench</c>: a day, three days and a week without the cloud at one sample
/// every 10 s, for the Deye map and the 255-point map, stored by the real outbox with the default 512 KB cap in a host
/// directory (<see cref="DirectoryFileStore"/>), then reopened as after a restart and replayed: batch by batch as each
/// PUBLISH is encoded and acknowledged, or against a real broker with <c>--broker</c>. It prints what the outbox kept
/// (bytes, samples at full resolution, aggregates, what was dropped) and the largest difference between an energy counter
/// the cloud receives and the sample it stands for, which must be 0. The store syncs every append to its medium, so by
/// default it runs in memory (/dev/shm); <c>--dir</c> measures a disk.
/// </summary>
internal static class OutboxReplayReport
{
    private const long FirstSeq = 1_000_000_001;

    private static readonly string[] EnergyPaths = [.. Enumerable.Range(0, TelemetrySchema.FieldCount).Select(TelemetrySchema.Field).Where(f => f.IsEnergy).Select(f => f.Path)];

    public static Action<TextWriter> Prepare(ParseResult result, BenchOptions options)
    {
        string mapPath = result.GetValue(options.Map) ?? MapFile.DefaultPath;
        string root = options.OutboxDirectory(result);
        if (!Directory.Exists(root))
        {
            throw new UsageException($"--dir: no directory {root}");
        }

        BrokerTarget? broker = options.Broker.Parse(result);
        int[] hours = Hours(result.GetValue(options.Hours) ?? "24,72,168");
        MapFile.Load(mapPath);
        return output => Print(output, mapPath, root, broker, hours);
    }

    private static int[] Hours(string list)
    {
        string[] parts = list.Split(',');
        var hours = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            hours[i] = WholeNumber.Parse("--hours", parts[i].Trim(), 1, 24 * 31);
        }

        return hours;
    }

    private static void Print(TextWriter output, string mapPath, string root, BrokerTarget? broker, int[] offline)
    {
        var options = new OutboxOptions();
        output.WriteLine($"outbox: offline at one sample every 10 s into the default {options.CapBytes / 1024} KB, reopened as after a restart, then replayed");
        output.WriteLine($"        {(broker is null ? "in-process (each batch's PUBLISH encoded and acknowledged)" : "to " + broker.Describe() + " (custom MQTT, acknowledged by PUBACK)")};");
        output.WriteLine($"        energy error = largest difference between a counter the cloud receives and its sample's; files in {root}");
        output.WriteLine();
        var table = new OutputTable(
            new("map", -14), new("offline", 7), new("samples", 7), new("bytes", 7), new("full-res", 8), new("aggregates", 10), new("oldest", 7), new("dropped", 7), new("energy error", 12), new("replay s", 8), new("records/s", 9));
        foreach (Func<OfflineWorkload> make in new Func<OfflineWorkload>[] { () => OfflineWorkload.Deye(mapPath), OfflineWorkload.Synthetic })
        {
            foreach (int hours in offline)
            {
                string directory = Path.Combine(root, $"energylogger-bench-{Environment.ProcessId}-{hours}");
                try
                {
                    Run(table, make(), hours, directory, broker);
                }
                finally
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        table.Write(output);
    }

    private static void Run(OutputTable table, OfflineWorkload workload, int hours, string directory, BrokerTarget? broker)
    {
        var options = new OutboxOptions();
        var outbox = new Outbox(new DirectoryFileStore(directory), options);
        outbox.Open();
        int samples = hours * 360;
        var counters = new Dictionary<long, double?[]>(samples);
        var text = new byte[JsonNumberFormat.MaxLength];
        for (int i = 0; i < samples; i++)
        {
            workload.Step(FirstSeq + i, 1000L + (i * (long)OfflineWorkload.IntervalMs), OfflineWorkload.StartUnixMs + (i * (long)OfflineWorkload.IntervalMs));
            outbox.Append(workload.Sample);
            counters[FirstSeq + i] = [.. EnergyPaths.Select(p => Published(workload.Sample, p, text))];
        }

        int bytes = outbox.StoredBytes;
        var watch = Stopwatch.StartNew();
        List<JsonElement> records = broker is null ? ReplayInProcess(directory) : ReplayToBroker(directory, broker);
        double seconds = watch.Elapsed.TotalSeconds;
        int full = records.Count(r => !r.TryGetProperty("agg", out _));
        long oldestInterval = records.Select(r => r.TryGetProperty("agg", out JsonElement a) ? a.GetProperty("interval_s").GetInt64() : 0).DefaultIfEmpty().Max();
        double error = records.Max(r => EnergyError(r, counters));
        CultureInfo invariant = CultureInfo.InvariantCulture;
        table.Add(
            workload.Name,
            hours + " h",
            samples.ToString(invariant),
            bytes.ToString(invariant),
            full.ToString(invariant),
            (records.Count - full).ToString(invariant),
            oldestInterval == 0 ? "-" : oldestInterval / 60 + " min",
            outbox.Counters.Dropped.ToString(invariant),
            error.ToString("G3", invariant),
            seconds.ToString("F2", invariant),
            (records.Count / seconds).ToString("F0", invariant));
    }

    /// <summary>A counter as the sample's JSON publishes it, or null when the sample has no good value of it.</summary>
    private static double? Published(Sample sample, string path, byte[] text)
    {
        int f = TelemetrySchema.IndexOf(path);
        if (!sample.Fed[f] || sample.Quality[f] != Core.Registers.ValueQuality.Ok)
        {
            return null;
        }

        int n = JsonNumberFormat.Write(sample.Values[f], sample.Digits[f], JsonWriter.DefaultMaxDecimals, text, 0);
        return double.Parse(Encoding.ASCII.GetString(text, 0, n), CultureInfo.InvariantCulture);
    }

    /// <summary>How far the record's counters are from those of the sample it stands for (an aggregate: its last).</summary>
    private static double EnergyError(JsonElement record, Dictionary<long, double?[]> counters)
    {
        long last = record.TryGetProperty("agg", out JsonElement agg) ? agg.GetProperty("seq_last").GetInt64() : record.GetProperty("seq").GetInt64();
        double?[] expected = counters[last];
        double error = 0;
        for (int c = 0; c < EnergyPaths.Length; c++)
        {
            double? kept = Value(record, EnergyPaths[c]);
            error = Math.Max(error, kept is null != expected[c] is null ? double.PositiveInfinity : Math.Abs((kept ?? 0) - (expected[c] ?? 0)));
        }

        return error;
    }

    private static double? Value(JsonElement record, string path)
    {
        JsonElement e = record;
        foreach (string part in path.Split('.'))
        {
            if (!e.TryGetProperty(part, out e))
            {
                return null;
            }
        }

        return e.GetDouble();
    }

    /// <summary>What the uplink does per batch, minus the network and MQTT: build it, take the acknowledgement.</summary>
    private static List<JsonElement> ReplayInProcess(string directory)
    {
        var outbox = new Outbox(new DirectoryFileStore(directory), new OutboxOptions());
        outbox.Open();
        var buffer = new byte[outbox.Options.MaxBatchBytes];
        var batch = new OutboxBatch();
        var records = new List<JsonElement>();
        while (outbox.NextBatch(batch, buffer))
        {
            records.AddRange(Parse(buffer, batch.Length));
            outbox.Acknowledge(batch);
        }

        return records;
    }

    /// <summary>The outbox as a virtual dongle's, sending to the broker until everything is acknowledged; what a subscriber received.</summary>
    private static List<JsonElement> ReplayToBroker(string directory, BrokerTarget broker)
    {
        var clock = new SystemClock();
        byte[] mac = [0x02, 0x45, 0x4C, 0x0B, 0x00, 0x01];
        string clientId = CloudSettings.ClientIdFor(mac);
        var received = new List<JsonElement>();
        using var subscriber = new MqttNetSession(clock);
        if (!subscriber.Connect(broker.ConnectOptions(clientId + "-bench", 60)).IsAccepted)
        {
            throw new UsageException($"cannot connect to {broker.Describe()}");
        }

        string topic = broker.PrefixFor(clientId) + "/telemetry";
        subscriber.Subscribe(topic, MqttQos.AtLeastOnce);
        var facts = new DeviceFacts { FirmwareVersion = "bench", Build = "bench", Mac = clientId[^12..], Ip = "127.0.0.1" };
        using var uplink = new BrokerUplink(broker, clientId, new UplinkHost(facts, null!, null!), clock, directory, jitterSeed: 1);
        int expected = uplink.Outbox.Pending;
        var e = new MqttEvent();
        long end = clock.MonotonicMs + 600_000;
        while ((uplink.Outbox.Pending > 0 || received.Count < expected) && clock.MonotonicMs < end)
        {
            uplink.Tick();
            while (subscriber.Poll(e))
            {
                if (e.Kind == MqttEventKind.Message && e.Topic == topic)
                {
                    received.AddRange(Parse(e.Payload, e.PayloadLength));
                }
            }

            clock.Sleep(1);
        }

        uplink.Close();
        return received;
    }

    private static IEnumerable<JsonElement> Parse(byte[] json, int length) =>
        System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetString(json, 0, length)).RootElement.EnumerateArray().Select(r => r.Clone()).ToList();
}
