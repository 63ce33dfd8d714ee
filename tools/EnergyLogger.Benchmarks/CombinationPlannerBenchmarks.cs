using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// What a map take-over costs to plan: each class alone (the baseline, as a logger that plans per class does) against
/// one plan for every combination of classes that can be due together. The columns give what each buys on the wire
/// when every class is due: its plans one after another, or the one plan (the same figures as
/// <c>energylogger bench planner</c>).
/// </summary>
[Config(typeof(CombinationConfig))]
[MemoryDiagnoser]
public class CombinationPlannerBenchmarks
{
    private RegisterMap _map = null!;

    [ParamsSource(nameof(MapNames))]
    public string Map { get; set; } = "";

    public static IEnumerable<string> MapNames => CombinationMaps.Names;

    [GlobalSetup]
    public void Setup() => _map = CombinationMaps.Load(Map);

    [Benchmark(Baseline = true)]
    public int EachClassAlone()
    {
        var plans = new DevicePlans(_map, 0);
        var dropped = new UnsupportedPoints(plans.EntryCount);
        int reads = 0;
        for (int bit = 1; bit < DevicePlans.CombinationCount; bit <<= 1)
        {
            reads += (plans.Classes & bit) != 0 ? plans.For(bit, DeviceLimits.For(_map.Devices[0]), 0, dropped).Plan.Count : 0;
        }

        return reads;
    }

    [Benchmark]
    public int EveryCombination()
    {
        var plans = new DevicePlans(_map, 0);
        plans.PlanAll(DeviceLimits.For(_map.Devices[0]), 0, new UnsupportedPoints(plans.EntryCount));
        return plans.PlanBytes;
    }
}

/// <summary>The ready maps and the 255-point map with classes, by name.</summary>
internal static class CombinationMaps
{
    public static readonly string[] Names = ["deye-sg04lp3", "growatt-sph", "synthetic-255"];

    public static RegisterMap Load(string name)
    {
        if (name == "synthetic-255")
        {
            return CombinationComparison.SyntheticMap(255, CombinationComparison.SyntheticSeed);
        }

        string path = Path.Combine(AppContext.BaseDirectory, "maps", name + ".json");
        return RegisterMapLoader.Load(File.ReadAllText(path), out MapError? error) ?? throw new InvalidOperationException($"{path}: {error}");
    }

    /// <summary>The row of every class due together.</summary>
    public static CombinationCost AllDue(string name)
    {
        RegisterMap map = Load(name);
        return CombinationComparison.Compare(name, map, DeviceLimits.For(map.Devices[0]))[^1];
    }
}

/// <summary>The wire time of every class due, per strategy, beside the planning time.</summary>
public sealed class CombinationConfig : ManualConfig
{
    public CombinationConfig()
    {
        AddColumn(new CombinationColumn());
    }
}

internal sealed class CombinationColumn : IColumn
{
    private static readonly Dictionary<string, CombinationCost> Rows = new();

    public string Id => nameof(CombinationColumn);

    public string ColumnName => "Wire ms, all due";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Wire time of one cycle with every class due at the device's line speed: the classes' plans one after another, or the one plan";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string map = (string)benchmarkCase.Parameters["Map"];
        CombinationCost row;
        lock (Rows)
        {
            if (!Rows.TryGetValue(map, out row!))
            {
                row = CombinationMaps.AllDue(map);
                Rows[map] = row;
            }
        }

        long us = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(CombinationPlannerBenchmarks.EachClassAlone) ? row.SeparateUs : row.OneUs;
        return (us / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
