using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Planning;

/// <summary>
/// The true optimum by brute force, as an oracle for the read planner on small maps. It tries every
/// partition of the wanted spans into groups (Bell(n) of them: 21147 for 9 spans, about 4.2 million for
/// 12) and reads each group as one request from its lowest to its highest address. Any valid plan can be
/// shrunk to such a partition without costing more, so the cheapest valid partition is the optimum,
/// whatever order the spans come in. Only a group that already breaks a limit is cut short, because
/// adding spans to it can only widen it.
/// </summary>
public sealed class ExhaustivePlanner
{
    private readonly ReadSpan[] _wants;
    private readonly PlannerLimits _limits;
    private readonly ReadSpan[] _groups;
    private readonly long[] _groupUs;
    private ReadSpan[]? _best;
    private long _bestUs = long.MaxValue;

    private ExhaustivePlanner(ReadSpan[] wants, PlannerLimits limits)
    {
        _wants = wants;
        _limits = limits;
        _groups = new ReadSpan[wants.Length];
        _groupUs = new long[wants.Length];
    }

    /// <summary>Cheapest requests for <paramref name="wants"/>, or null when some span fits no request.</summary>
    public static ReadSpan[]? Plan(ReadSpan[] wants, PlannerLimits limits)
    {
        var search = new ExhaustivePlanner(wants, limits);
        search.Place(0, 0, 0);
        return wants.Length == 0 ? [] : search._best;
    }

    private void Place(int span, int groups, long totalUs)
    {
        if (span == _wants.Length)
        {
            if (totalUs < _bestUs)
            {
                _bestUs = totalUs;
                _best = _groups[..groups];
            }

            return;
        }

        ReadSpan want = _wants[span];
        for (int g = 0; g < groups; g++)
        {
            ReadSpan group = _groups[g];
            if (group.Function != want.Function)
            {
                continue;
            }

            int first = Math.Min(group.Address, want.Address);
            var widened = new ReadSpan(want.Function, first, Math.Max(group.Last, want.Last) - first + 1);
            if (!PlannerStrategies.IsAllowed(widened, _limits))
            {
                continue;
            }

            long widenedUs = ReadPlanner.RequestUs(widened.Function, widened.Count, _limits);
            long oldUs = _groupUs[g];
            _groups[g] = widened;
            _groupUs[g] = widenedUs;
            Place(span + 1, groups, totalUs - oldUs + widenedUs);
            _groups[g] = group;
            _groupUs[g] = oldUs;
        }

        if (PlannerStrategies.IsAllowed(want, _limits))
        {
            long us = ReadPlanner.RequestUs(want.Function, want.Count, _limits);
            _groups[groups] = want;
            _groupUs[groups] = us;
            Place(span + 1, groups + 1, totalUs + us);
        }
    }
}
