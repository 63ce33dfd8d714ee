using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Planning;
using Xunit;
using static EnergyLogger.Core.Tests.Modbus.ReadPlannerAssert;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>
/// The dynamic programme against brute force: on several hundred seeded small maps it must find a plan
/// exactly as cheap as the cheapest of all partitions of the wanted spans, and never dearer than the
/// simple strategies.
/// </summary>
public class ReadPlannerOracleTests
{
    private const int Maps = 400;
    private const int MaxSpans = 9;

    [Fact]
    public void Plan_RandomSmallMaps_EqualsTheExhaustiveOptimum()
    {
        int planned = 0;
        int beatContiguous = 0;
        for (int seed = 0; seed < Maps; seed++)
        {
            RandomPlanningCase map = ReadPlannerRandomMaps.Make(seed, MaxSpans);
            ReadSpan[]? optimum = ExhaustivePlanner.Plan(map.Wants, map.Limits);
            ReadPlan plan = ReadPlanner.Plan(map.Wants, map.Limits);
            if (optimum is null)
            {
                Assert.True(plan.Status != PlanStatus.Ok, $"seed {map.Seed}: planned a map brute force cannot");
                continue;
            }

            IsValidPlan(plan, map.Wants, map.Limits, $"seed {map.Seed}:");
            long optimumUs = PlannerStrategies.WireUs(optimum, map.Limits);
            Assert.True(optimumUs == plan.TotalWireUs, $"seed {map.Seed}: planner {plan.TotalWireUs} us, optimum {optimumUs} us");

            long contiguousUs = PlannerStrategies.WireUs(PlannerStrategies.ContiguousOnly(map.Wants, map.Limits), map.Limits);
            long naiveUs = PlannerStrategies.WireUs(PlannerStrategies.OnePerPoint(map.Wants), map.Limits);
            Assert.True(plan.TotalWireUs <= contiguousUs && plan.TotalWireUs <= naiveUs, $"seed {map.Seed}: beaten by a simple strategy");
            planned++;
            if (plan.TotalWireUs < contiguousUs)
            {
                beatContiguous++;
            }
        }

        // The comparison means something only if most maps plan and merging across holes often pays.
        Assert.True(planned > Maps * 3 / 4, $"only {planned} of {Maps} maps planned");
        Assert.True(beatContiguous > Maps / 4, $"only {beatContiguous} maps gained from bridging holes");
    }

    [Fact]
    public void ExhaustivePlanner_SpanWiderThanARequest_NoPlan()
    {
        Assert.Null(ExhaustivePlanner.Plan([Hr(0, 9)], new PlannerLimits { MaxRegisters = 8 }));
    }
}
