using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// Bytes on the wire per published sample of a 255-point cycle: one sample per DCX request against samples
/// batched up to the 8 KB batch cap. The figures are columns; the timing is only that of the size arithmetic
/// (MQTTnet encodes the packets the logger sends).
/// </summary>
[Config(typeof(WireConfig))]
public class WireBenchmarks
{
    internal const string Topic = "kp1/bspu542ikfmmfgrk47s0-v1/dcx/JTjdbENzHh/json/42";

    private byte[] _batch = [];

    [Params(1, 0)]
    public int SamplesPerBatch { get; set; }

    [GlobalSetup]
    public void Build()
    {
        byte[] sample = FullCycle.Sample();
        var outbox = new Outbox(new MemoryStore(), new OutboxOptions());
        outbox.Open();
        for (int i = 0; i < 8; i++)
        {
            outbox.Append(sample, 0, sample.Length);
        }

        var buffer = new byte[SamplesPerBatch == 1 ? sample.Length + 2 : outbox.Options.MaxBatchBytes];
        var batch = new OutboxBatch();
        outbox.NextBatch(batch, buffer);
        _batch = buffer[..batch.Length];
    }

    [Benchmark]
    public int PublishSize() => MqttWire.PublishBytes(Topic, _batch.Length, qos1: true);

    /// <summary>MQTT and TLS bytes per sample. TLS 1.2 with AES-GCM adds 29 bytes per record of up to 16 KB (RFC 5246, 6.2; RFC 5288, 3).</summary>
    internal static (int Samples, int Mqtt, int Tls) Wire(int samplesPerBatch)
    {
        byte[] sample = FullCycle.Sample();
        int max = new OutboxOptions().MaxBatchBytes;
        int n = samplesPerBatch > 0 ? samplesPerBatch : Math.Max(1, (max - 1) / (sample.Length + 1));
        int json = 2 + (n * sample.Length) + (n - 1);
        int mqtt = MqttWire.PublishBytes(Topic, json, qos1: true) + MqttWire.PubAckBytes;
        int tls = mqtt + (29 * ((mqtt + 16383) / 16384)) + 29;
        return (n, mqtt, tls);
    }
}

internal sealed class WireConfig : ManualConfig
{
    public WireConfig()
    {
        AddColumn(
            new WireColumn("Samples", "Samples per PUBLISH (0 = fill the 8 KB batch)", w => w.Samples.ToString(CultureInfo.InvariantCulture)),
            new WireColumn("MQTT B/sample", "PUBLISH plus its PUBACK, per sample", w => (w.Mqtt / w.Samples).ToString(CultureInfo.InvariantCulture)),
            new WireColumn("TLS B/sample", "with TLS 1.2 AES-GCM record overhead, per sample", w => (w.Tls / w.Samples).ToString(CultureInfo.InvariantCulture)));
    }
}

internal sealed class WireColumn(string name, string legend, Func<(int Samples, int Mqtt, int Tls), string> value) : IColumn
{
    public string Id => nameof(WireColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        value(WireBenchmarks.Wire((int)benchmarkCase.Parameters["SamplesPerBatch"]));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>
/// Replay after a 24 h outage at a 10 s interval: 8640 samples of a 255-point cycle offered to a full outbox,
/// then drained (batch, acknowledge, delete) as fast as the cloud answers. Per operation = one sample replayed.
/// </summary>
public class ReplayBenchmarks
{
    private const int DaySamples = 24 * 360;
    private readonly byte[] _sample = FullCycle.Sample();
    private readonly byte[] _buffer = new byte[new OutboxOptions().MaxBatchBytes];
    private Outbox _outbox = null!;
    private int _kept;

    [IterationSetup]
    public void Outage()
    {
        _outbox = new Outbox(new MemoryStore(), new OutboxOptions());
        _outbox.Open();
        for (int i = 0; i < DaySamples; i++)
        {
            _outbox.Append(_sample, 0, _sample.Length);
        }

        _kept = _outbox.Pending;
    }

    [Benchmark]
    public int Drain()
    {
        var batch = new OutboxBatch();
        int sent = 0;
        while (_outbox.NextBatch(batch, _buffer))
        {
            sent += batch.Count;
            _outbox.Acknowledge(batch);
        }

        if (sent != _kept)
        {
            throw new InvalidOperationException($"drained {sent} of {_kept}");
        }

        return sent;
    }
}

/// <summary>
/// Publish throughput of the host's MQTTnet session against a real mosquitto, QoS 1 (each message waits for its PUBACK,
/// 32 in flight): plain TCP as the baseline, and over TLS, the production path. docs/tools.md has the comparison with the
/// hand-written client the MQTTnet session replaced, measured in one run before it was removed.
/// </summary>
public class PublishThroughputBenchmarks
{
    private const int Messages = 2000;
    private readonly byte[] _payload = new byte[1024];
    private BenchBroker _broker = null!;
    private MqttNetSession _plain = null!;
    private MqttNetSession _tls = null!;

    [GlobalSetup]
    public void Start()
    {
        _broker = new BenchBroker();
        _plain = Connect(_broker.PlainPort, false);
        _tls = Connect(_broker.TlsPort, true);
    }

    [GlobalCleanup]
    public void Stop()
    {
        _plain.Dispose();
        _tls.Dispose();
        _broker.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int Qos1Plain() => Send(_plain);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Qos1Tls() => Send(_tls);

    private MqttNetSession Connect(int port, bool tls)
    {
        var client = new MqttNetSession(new SystemClock());
        MqttConnectResult result = client.Connect(new MqttConnectOptions
        {
            Host = "localhost", Port = port, UseTls = tls, CaCertificate = _broker.CaPem, ClientId = "bench-" + port,
        });
        return result.IsAccepted ? client : throw new InvalidOperationException(result.Reason);
    }

    /// <summary>Sends all messages, keeping the in-flight window full, and waits for the last PUBACK.</summary>
    private int Send(MqttNetSession client)
    {
        var e = new MqttEvent();
        int sent = 0;
        while (sent < Messages)
        {
            if (client.Publish("bench/throughput", _payload, 0, _payload.Length, MqttQos.AtLeastOnce, false) >= 0)
            {
                sent++;
                continue;
            }

            client.Poll(e);
        }

        while (client.InFlightCount > 0)
        {
            client.Poll(e);
        }

        while (client.Poll(e))
        {
        }

        return sent;
    }
}

/// <summary>An in-memory file store for the outbox benchmarks: flash speed is not what they measure.</summary>
internal sealed class MemoryStore : IFileStore
{
    private readonly Dictionary<string, MemoryStream> _files = new();

    public string[] List() => _files.Keys.ToArray();

    public int Length(string name) => _files.TryGetValue(name, out MemoryStream? f) ? (int)f.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (!_files.TryGetValue(name, out MemoryStream? f))
        {
            return -1;
        }

        f.Position = position;
        return f.Read(buffer, offset, count);
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        if (!_files.TryGetValue(name, out MemoryStream? f))
        {
            _files[name] = f = new MemoryStream();
        }

        f.Seek(0, SeekOrigin.End);
        f.Write(buffer, offset, count);
        return true;
    }

    public bool Replace(string name, byte[] buffer, int offset, int count)
    {
        _files[name] = new MemoryStream(buffer[offset..(offset + count)]);
        return true;
    }

    public bool Delete(string name) => _files.Remove(name) || true;
}
