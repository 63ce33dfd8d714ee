using EnergyLogger.Core.Modbus;
using Xunit;
using static EnergyLogger.Core.Tests.Modbus.ReadPlannerAssert;

namespace EnergyLogger.Core.Tests.Modbus;

public class ReadPlannerLearningTests
{
    [Fact]
    public void M2_MergedReadRefused_HolesBecomeBarriersAndReplanSplitsThem()
    {
        ReadSpan[] wants = [Hr(100, 2), Hr(104, 1), Hr(110, 2)];
        var limits = new PlannerLimits();
        ReadPlan before = ReadPlanner.Plan(wants, limits);
        Assert.Equal([Hr(100, 12)], Reads(before));

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, before.Read(0), wants);

        Assert.Equal(LearnStatus.Split, result.Status);
        Assert.Equal(-1, result.UnsupportedSpan);
        Assert.Equal(2, result.BarriersAdded);
        Assert.Equal([(101, 104), (104, 110)], Barriers(limits));
        ReadPlan after = ReadPlanner.Plan(wants, limits);
        IsValidPlan(after, wants, limits);
        Assert.Equal([Hr(100, 2), Hr(104, 1), Hr(110, 2)], Reads(after));
    }

    [Fact]
    public void M2_MergedReadRefused_SpansThatTouchStayTogether()
    {
        ReadSpan[] wants = [Hr(0, 1), Hr(1, 1), Hr(5, 1)];
        var limits = new PlannerLimits();
        ReadPlan before = ReadPlanner.Plan(wants, limits);
        Assert.Equal([Hr(0, 6)], Reads(before));

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, before.Read(0), wants);

        Assert.Equal(LearnStatus.Split, result.Status);
        Assert.Equal([(1, 5)], Barriers(limits));
        Assert.Equal([Hr(0, 2), Hr(5, 1)], Reads(ReadPlanner.Plan(wants, limits)));
    }

    [Fact]
    public void M2_MergedReadWithoutHoles_SplitsBetweenEverySpan()
    {
        ReadSpan[] wants = [Hr(0, 1), Hr(1, 2), Hr(3, 1)];
        var limits = new PlannerLimits();

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, Hr(0, 4), wants);

        Assert.Equal(LearnStatus.Split, result.Status);
        Assert.Equal(2, result.BarriersAdded);
        Assert.Equal([(0, 1), (2, 3)], Barriers(limits));
        Assert.Equal([Hr(0, 1), Hr(1, 2), Hr(3, 1)], Reads(ReadPlanner.Plan(wants, limits)));
    }

    [Fact]
    public void M2_MergedReadOfOverlappingSpans_ReadsThemApart()
    {
        ReadSpan[] wants = [Hr(10, 2), Hr(11, 2)];
        var limits = new PlannerLimits();

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, Hr(10, 3), wants);

        Assert.Equal(LearnStatus.Split, result.Status);
        Assert.Equal([(10, 12)], Barriers(limits));
        Assert.Equal([Hr(10, 2), Hr(11, 2)], Reads(ReadPlanner.Plan(wants, limits)));
    }

    [Fact]
    public void M2_ReadOfOneSpan_ReportsThatSpanUnsupportedAndBarsBridgingIt()
    {
        ReadSpan[] wants = [Hr(8, 1), Hr(10, 2), Hr(12, 1)];
        var limits = new PlannerLimits();

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, Hr(10, 2), wants);

        Assert.Equal(LearnStatus.SpanUnsupported, result.Status);
        Assert.Equal(1, result.UnsupportedSpan);
        Assert.Equal([(9, 12)], Barriers(limits));
        ReadSpan[] remaining = [wants[0], wants[2]];
        Assert.Equal([Hr(8, 1), Hr(12, 1)], Reads(ReadPlanner.Plan(remaining, limits)));
    }

    [Fact]
    public void M2_ReadOfDuplicatedAndNestedSpans_CountsAsOneSpanAndNamesTheOutermost()
    {
        ReadSpan[] wants = [Hr(10, 1), Hr(10, 2), Hr(10, 2), Hr(20, 1)];

        LearnResult result = BarrierLearner.LearnIllegalAddress(new PlannerLimits(), Hr(10, 2), wants);

        Assert.Equal(LearnStatus.SpanUnsupported, result.Status);
        Assert.Equal(1, result.UnsupportedSpan);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(0xFFFE, 2)]
    public void M2_UnsupportedSpanAtTheAddressEdge_NothingToBridge(int address, int count)
    {
        var limits = new PlannerLimits();

        LearnResult result = BarrierLearner.LearnIllegalAddress(limits, Hr(address, count), [Hr(address, count)]);

        Assert.Equal(LearnStatus.SpanUnsupported, result.Status);
        Assert.Equal(0, result.BarriersAdded);
    }

    [Fact]
    public void M2_ReadHoldingNoWantedSpan_NotFromPlanAndNothingLearned()
    {
        var limits = new PlannerLimits();
        ReadSpan[] wants = [Hr(10, 2), Ir(20, 1)];

        Assert.Equal(LearnStatus.NotFromPlan, BarrierLearner.LearnIllegalAddress(limits, Hr(11, 5), wants).Status);
        Assert.Equal(LearnStatus.NotFromPlan, BarrierLearner.LearnIllegalAddress(limits, Hr(20, 1), wants).Status);
        Assert.Equal(0, limits.Barriers.Count);
    }

    [Fact]
    public void M2_SameRefusalTwice_SecondTimeSplitsTouchingSpansToo()
    {
        ReadSpan[] wants = [Hr(0, 1), Hr(1, 1), Hr(5, 1)];
        var limits = new PlannerLimits();
        BarrierLearner.LearnIllegalAddress(limits, Hr(0, 6), wants);

        LearnResult again = BarrierLearner.LearnIllegalAddress(limits, Hr(0, 6), wants);

        Assert.Equal(LearnStatus.Split, again.Status);
        Assert.Equal(1, again.BarriersAdded);
        Assert.Equal([(1, 5), (0, 1)], Barriers(limits));
    }

    [Fact]
    public void M2_SlaveLacksSomeRegisters_LearningConvergesAndReportsEachLostPointOnce()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            RandomPlanningCase map = ReadPlannerRandomMaps.Make(seed, 9);
            var missing = new HashSet<(FunctionCode, int)>();
            foreach (ReadSpan want in map.Wants)
            {
                for (int a = want.Address - 3; a <= want.Last + 3; a++)
                {
                    if (random.Next(12) == 0)
                    {
                        missing.Add((want.Function, a));
                    }
                }
            }

            if (ReadPlanner.Plan(map.Wants, map.Limits).Status != PlanStatus.Ok)
            {
                continue;
            }

            AssertConverges(map, missing);
        }
    }

    /// <summary>
    /// Polls a fake slave that answers exception 02 to any read holding a missing address, learning from
    /// each refusal, until a whole cycle goes through. Then only points that hold a missing address are
    /// dropped, each reported once, and no read touches a missing address.
    /// </summary>
    private static void AssertConverges(RandomPlanningCase map, HashSet<(FunctionCode, int)> missing)
    {
        var active = Enumerable.Range(0, map.Wants.Length).ToList();
        var reported = new List<int>();
        for (int round = 0; ; round++)
        {
            Assert.True(round < 4 * map.Wants.Length + 4, $"seed {map.Seed}: learning does not converge");
            ReadSpan[] wants = active.Select(i => map.Wants[i]).ToArray();
            ReadPlan plan = ReadPlanner.Plan(wants, map.Limits);
            IsValidPlan(plan, wants, map.Limits, $"seed {map.Seed} round {round}:");
            int refused = Enumerable.Range(0, plan.Count).FirstOrDefault(r => Lacks(missing, plan.Read(r)), -1);
            if (refused < 0)
            {
                break;
            }

            LearnResult result = BarrierLearner.LearnIllegalAddress(map.Limits, plan.Read(refused), wants);
            Assert.NotEqual(LearnStatus.NotFromPlan, result.Status);
            if (result.Status == LearnStatus.SpanUnsupported)
            {
                // Duplicates of the dropped point go with it: they name the same registers.
                ReadSpan lost = wants[result.UnsupportedSpan];
                reported.Add(active[result.UnsupportedSpan]);
                active.RemoveAll(i => map.Wants[i].Equals(lost));
            }
        }

        Assert.Equal(reported.Count, reported.Distinct().Count());
        Assert.All(reported, i => Assert.True(Lacks(missing, map.Wants[i]), $"seed {map.Seed}: point {i} dropped but readable"));
        Assert.All(active, i => Assert.False(Lacks(missing, map.Wants[i]), $"seed {map.Seed}: point {i} kept but unreadable"));
    }

    private static bool Lacks(HashSet<(FunctionCode, int)> missing, ReadSpan read) =>
        Enumerable.Range(read.Address, read.Count).Any(a => missing.Contains((read.Function, a)));

    private static (int, int)[] Barriers(PlannerLimits limits) =>
        Enumerable.Range(0, limits.Barriers.Count).Select(i => (limits.Barriers.First(i), limits.Barriers.Last(i))).ToArray();
}
