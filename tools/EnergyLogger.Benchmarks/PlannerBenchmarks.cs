using BenchmarkDotNet.Attributes;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// Planning time of the three strategies on the comparison maps at 9600 8N1. Planning runs once per map
/// load, so time matters less than what the plan costs on the wire every cycle: the Requests, Wire ms
/// and Optimum ms columns show that, from the same figures as <c>energylogger bench planner</c>.
/// </summary>
[Config(typeof(PlannerConfig))]
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private ReadSpan[] _wants = [];
    private PlannerLimits _limits = PlannerComparison.Limits(PlannerMaps.BaudRate);

    [ParamsSource(nameof(MapNames))]
    public string Map { get; set; } = "";

    public static IEnumerable<string> MapNames => PlannerMaps.All.Select(m => m.Name);

    [GlobalSetup]
    public void Setup()
    {
        _wants = PlannerMaps.ByName(Map).Spans;
        _limits = PlannerComparison.Limits(PlannerMaps.BaudRate);
    }

    [Benchmark(Baseline = true)]
    public ReadSpan[] OnePerPoint() => PlannerStrategies.OnePerPoint(_wants);

    [Benchmark]
    public ReadSpan[] ContiguousOnly() => PlannerStrategies.ContiguousOnly(_wants, _limits);

    [Benchmark]
    public ReadPlan Ours() => ReadPlanner.Plan(_wants, _limits);
}

/// <summary>The comparison maps, loaded once per process, and what each strategy costs on them.</summary>
internal static class PlannerMaps
{
    public const int BaudRate = 9600;

    private static readonly Lazy<PointMap[]> Maps = new(() =>
    {
        string path = PlannerWorkloads.FindDeyeFile()
            ?? throw new FileNotFoundException($"{PlannerWorkloads.DeyeFileName} is neither beside the benchmarks nor under tools/");
        return PlannerWorkloads.ComparisonMaps(PlannerWorkloads.LoadPoints("deye-sg04lp3", path));
    });

    private static readonly Dictionary<string, StrategyCost[]> Costs = new();

    public static PointMap[] All => Maps.Value;

    public static PointMap ByName(string name) => Array.Find(All, m => m.Name == name)
        ?? throw new ArgumentException($"no comparison map '{name}'", nameof(name));

    /// <summary>The cost of one strategy (by its PlannerComparison name) on one map, or null if not run there.</summary>
    public static StrategyCost? Cost(string map, string strategy)
    {
        lock (Costs)
        {
            if (!Costs.TryGetValue(map, out StrategyCost[]? costs))
            {
                costs = PlannerComparison.Compare(ByName(map), PlannerComparison.Limits(BaudRate));
                Costs[map] = costs;
            }

            return Array.Find(costs, c => c.Strategy == strategy);
        }
    }
}
