using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Bench;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// What storing one sample costs the device: writing its JSON (the baseline: what the outbox stored before compact
/// records, and what every cycle still writes for the state topic) against capturing it and encoding it as a compact
/// record against the record before, for the Deye map at noon and the 255-point map. The Device IL column estimates
/// the IL instructions the interpreter executes for the encoding (<see cref="InterpreterCost.EncodeRecord"/>).
/// </summary>
[Config(typeof(OutboxConfig))]
[MemoryDiagnoser]
public class OutboxBenchmarks
{
    private OfflineWorkload _workload = null!;
    private JsonWriter _writer = null!;
    private RecordState _next = null!;
    private RecordState _previous = null!;
    private RecordState _state = null!;
    private byte[] _record = [];

    [Params("deye-sg04lp3", "synthetic 255")]
    public string Map { get; set; } = "";

    /// <summary>Two samples 10 s apart at noon: the record encodes the second against the first.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _workload = OutboxMaps.Workload(Map);
        SampleLayout layout = SampleLayout.Of(_workload.Sample);
        _writer = new JsonWriter(16384, SampleWriter.Depth);
        _next = new RecordState(layout);
        _previous = new RecordState(layout);
        _state = new RecordState(layout);
        _record = new byte[RecordCodec.MaxBytes(layout)];
        _workload.Step(1, 12 * 3_600_000L, OfflineWorkload.StartUnixMs + (12 * 3_600_000L));
        RecordCodec.Capture(_workload.Sample, _previous);
        _workload.Step(2, (12 * 3_600_000L) + 10_000, OfflineWorkload.StartUnixMs + (12 * 3_600_000L) + 10_000);
    }

    [Benchmark(Baseline = true)]
    public int Json() => SampleWriter.Write(_workload.Sample, _writer) ? _writer.Length : 0;

    /// <summary>Includes bringing back the state of the record before (an array copy), so that every run encodes the same change.</summary>
    [Benchmark]
    public int CompactRecord()
    {
        _state.CopyFrom(_previous);
        RecordCodec.Capture(_workload.Sample, _next);
        return RecordCodec.Encode(_next, _state, _record, 0, false);
    }
}

internal static class OutboxMaps
{
    public static OfflineWorkload Workload(string name) => name == "deye-sg04lp3"
        ? OfflineWorkload.Deye(Path.Combine(AppContext.BaseDirectory, "maps", "deye-sg04lp3.json"))
        : OfflineWorkload.Synthetic();

    /// <summary>Slots, numbers among them, and how many moved between two samples 10 s apart at noon.</summary>
    public static (int Slots, int Numbers, int Changed) Shape(string name)
    {
        OfflineWorkload workload = Workload(name);
        SampleLayout layout = SampleLayout.Of(workload.Sample);
        var before = new RecordState(layout);
        var after = new RecordState(layout);
        workload.Step(1, 12 * 3_600_000L, OfflineWorkload.StartUnixMs + (12 * 3_600_000L));
        RecordCodec.Capture(workload.Sample, before);
        workload.Step(2, (12 * 3_600_000L) + 10_000, OfflineWorkload.StartUnixMs + (12 * 3_600_000L) + 10_000);
        RecordCodec.Capture(workload.Sample, after);
        int numbers = Enumerable.Range(0, layout.SlotCount).Count(s => layout.KindOf(s) is not (FieldKind.Code or FieldKind.Bool));
        int changed = Enumerable.Range(0, layout.SlotCount).Count(s => before.Value.Mantissa[s] != after.Value.Mantissa[s]);
        return (layout.SlotCount, numbers, changed);
    }
}

/// <summary>Adds the interpreter estimate to the outbox summary table.</summary>
public sealed class OutboxConfig : ManualConfig
{
    public OutboxConfig() => AddColumn(new RecordIlColumn());
}

internal sealed class RecordIlColumn : IColumn
{
    public string Id => nameof(RecordIlColumn);

    public string ColumnName => "Device IL (est.)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "IL instructions the nanoFramework interpreter executes to capture and encode one record (estimate: IL of the built Core, loops times trips)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.Name != nameof(OutboxBenchmarks.CompactRecord))
        {
            return "-";
        }

        (int slots, int numbers, int changed) = OutboxMaps.Shape((string)benchmarkCase.Parameters["Map"]);
        return $"{InterpreterCost.EncodeRecord(slots, numbers, changed).ToString("N0", CultureInfo.InvariantCulture)} ({slots} slots, {changed} moved)";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
