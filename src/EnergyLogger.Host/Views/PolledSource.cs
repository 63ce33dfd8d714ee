using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Views;

/// <summary>
/// Samples polled from a bus through a map by the logger's own poll engine and sample writer, so the view shows
/// exactly what the logger would publish: the same scaling, sentinels, value maps and qualities. One cycle per
/// <c>intervalMs</c>, every poll class each time.
/// </summary>
internal sealed class PolledSource : ISampleSource
{
    private readonly PollEngine _engine;
    private readonly IClock _clock;
    private readonly int _intervalMs;
    private readonly IDisposable? _owned;
    private readonly SampleSequence _sequence = new(1);
    private readonly JsonWriter _json = new(16 * 1024, SampleWriter.Depth);
    private bool _first = true;

    public PolledSource(RegisterMap map, ModbusMaster master, IClock clock, int intervalMs, IDisposable? owned)
    {
        var options = new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 };
        _engine = new PollEngine(new MapSlot(map), [master], clock, options);
        _clock = clock;
        _intervalMs = intervalMs;
        _owned = owned;
        Title = map.Name;
    }

    public string Title { get; }

    public IReadOnlyList<SampleRecord> Next(CancellationToken stop)
    {
        if (!_first && stop.WaitHandle.WaitOne(_intervalMs))
        {
            return [];
        }

        _first = false;
        _engine.RunCycle();
        Sample sample = _engine.Sample(0);
        sample.Sequence = _sequence.Next();
        _json.Reset();
        SampleWriter.Write(sample, _json);
        return SampleRecord.ParseMessage(_json.Buffer.AsSpan(0, _json.Length), out _) ?? [];
    }

    public void Dispose() => _owned?.Dispose();
}
