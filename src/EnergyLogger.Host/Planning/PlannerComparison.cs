using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Planning;

/// <summary>What one strategy sends in one poll cycle of one map.</summary>
public sealed record StrategyCost(string Strategy, int Requests, long WireUs);

/// <summary>Runs every strategy on a map and prices the result, for the bench report and the benchmarks.</summary>
public static class PlannerComparison
{
    public const string OnePerPoint = "one per point";
    public const string ContiguousOnly = "contiguous only";
    public const string Ours = "ours (DP)";
    public const string Optimum = "optimum (exhaustive)";

    /// <summary>The line and request size of the comparison: a 9600 8N1 inverter port, full-size requests.</summary>
    public static PlannerLimits Limits(int baudRate) => new() { BaudRate = baudRate };

    /// <summary>Each strategy's cost; the brute-force optimum only on maps small enough for it.</summary>
    public static StrategyCost[] Compare(PointMap map, PlannerLimits limits)
    {
        var costs = new List<StrategyCost>
        {
            Cost(OnePerPoint, PlannerStrategies.OnePerPoint(map.Spans), limits),
            Cost(ContiguousOnly, PlannerStrategies.ContiguousOnly(map.Spans, limits), limits),
            Cost(Ours, PlannerStrategies.Ours(map.Spans, limits), limits),
        };
        if (map.Spans.Length <= PlannerWorkloads.SmallMapPoints)
        {
            ReadSpan[] optimum = ExhaustivePlanner.Plan(map.Spans, limits)
                ?? throw new InvalidOperationException($"{map.Name} has a span no request can read");
            costs.Add(Cost(Optimum, optimum, limits));
        }

        return costs.ToArray();
    }

    private static StrategyCost Cost(string strategy, ReadSpan[] reads, PlannerLimits limits) =>
        new(strategy, reads.Length, PlannerStrategies.WireUs(reads, limits));
}
