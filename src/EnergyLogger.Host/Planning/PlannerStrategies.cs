using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Planning;

/// <summary>
/// The read planner and the simpler ways to poll a map it is measured against. Every strategy returns
/// the requests of one poll cycle; <see cref="WireUs"/> prices them with the planner's own cost model.
/// </summary>
public static class PlannerStrategies
{
    /// <summary>One request per point, in map order: what a logger without a planner sends.</summary>
    public static ReadSpan[] OnePerPoint(ReadSpan[] wants) => (ReadSpan[])wants.Clone();

    /// <summary>
    /// Merges points only when they touch or overlap, up to the request size and never across a learned
    /// barrier: the common planner that never reads a register it does not want.
    /// </summary>
    public static ReadSpan[] ContiguousOnly(ReadSpan[] wants, PlannerLimits limits)
    {
        ReadSpan[] sorted = wants
            .OrderBy(s => s.Function)
            .ThenBy(s => s.Address)
            .ThenByDescending(s => s.Count)
            .ToArray();
        var reads = new List<ReadSpan>();
        foreach (ReadSpan span in sorted)
        {
            if (reads.Count > 0 && reads[^1].Contains(span))
            {
                continue;
            }

            if (reads.Count > 0 && CanExtend(reads[^1], span, limits))
            {
                ReadSpan read = reads[^1];
                reads[^1] = new ReadSpan(read.Function, read.Address, span.Last - read.Address + 1);
                continue;
            }

            reads.Add(span);
        }

        return reads.ToArray();
    }

    /// <summary>The dynamic-programming planner; the map must be plannable.</summary>
    public static ReadSpan[] Ours(ReadSpan[] wants, PlannerLimits limits)
    {
        ReadPlan plan = ReadPlanner.Plan(wants, limits);
        if (plan.Status != PlanStatus.Ok)
        {
            throw new InvalidOperationException($"span {plan.FailedSpan} cannot be planned: {plan.Status}");
        }

        var reads = new ReadSpan[plan.Count];
        for (int i = 0; i < reads.Length; i++)
        {
            reads[i] = plan.Read(i);
        }

        return reads;
    }

    public static long WireUs(ReadSpan[] reads, PlannerLimits limits)
    {
        long total = 0;
        foreach (ReadSpan read in reads)
        {
            total += ReadPlanner.RequestUs(read.Function, read.Count, limits);
        }

        return total;
    }

    /// <summary>True when one request may read <paramref name="read"/>: size, forbidden ranges, barriers.</summary>
    public static bool IsAllowed(ReadSpan read, PlannerLimits limits)
    {
        return read.Count >= 1 && read.Count <= limits.MaxCount(read.Function)
            && !limits.Forbidden.Overlaps(read.Function, read.Address, read.Last)
            && !limits.Barriers.AnyWithin(read.Function, read.Address, read.Last);
    }

    private static bool CanExtend(ReadSpan read, ReadSpan span, PlannerLimits limits)
    {
        if (span.Function != read.Function || span.Address > read.Last + 1)
        {
            return false;
        }

        var merged = new ReadSpan(read.Function, read.Address, span.Last - read.Address + 1);
        return IsAllowed(merged, limits);
    }
}
