using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Benchmarks;

/// <summary>Adds the per-cycle wire figures of each strategy to the planner summary table.</summary>
public sealed class PlannerConfig : ManualConfig
{
    public PlannerConfig()
    {
        AddColumn(
            new PlannerColumn("Requests", "Requests per poll cycle", (cost, _) => cost.Requests.ToString(CultureInfo.InvariantCulture)),
            new PlannerColumn("Wire ms", "Wire time per poll cycle at 9600 8N1, ms", (cost, _) => Ms(cost.WireUs)),
            new PlannerColumn("Wire vs ours", "Wire time relative to the dynamic-programming plan", (cost, map) =>
                Ratio(cost.WireUs, PlannerMaps.Cost(map, PlannerComparison.Ours)!.WireUs)),
            new PlannerColumn("Optimum ms", "Brute-force optimum wire time (12-point maps only), ms", (_, map) =>
                PlannerMaps.Cost(map, PlannerComparison.Optimum) is { } optimum ? Ms(optimum.WireUs) : "-"));
    }

    private static string Ms(long us) => (us / 1000.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(long us, long oursUs) => ((double)us / oursUs).ToString("F2", CultureInfo.InvariantCulture) + "x";
}

/// <summary>One figure of the strategy a benchmark method stands for, on the map of its parameter.</summary>
internal sealed class PlannerColumn(string name, string legend, Func<StrategyCost, string, string> value) : IColumn
{
    private static readonly Dictionary<string, string> StrategyOfMethod = new()
    {
        [nameof(PlannerBenchmarks.OnePerPoint)] = PlannerComparison.OnePerPoint,
        [nameof(PlannerBenchmarks.ContiguousOnly)] = PlannerComparison.ContiguousOnly,
        [nameof(PlannerBenchmarks.Ours)] = PlannerComparison.Ours,
    };

    public string Id => nameof(PlannerColumn) + "." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        string map = (string)benchmarkCase.Parameters["Map"];
        string strategy = StrategyOfMethod[benchmarkCase.Descriptor.WorkloadMethod.Name];
        return value(PlannerMaps.Cost(map, strategy)!, map);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
