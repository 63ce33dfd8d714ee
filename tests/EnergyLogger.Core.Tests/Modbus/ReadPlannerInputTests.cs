using EnergyLogger.Core.Modbus;
using Xunit;
using static EnergyLogger.Core.Tests.Modbus.ReadPlannerAssert;

namespace EnergyLogger.Core.Tests.Modbus;

public class ReadPlannerInputTests
{
    public static TheoryData<string, PlannerLimits> BadLimits => new()
    {
        { "no registers", new PlannerLimits { MaxRegisters = 0 } },
        { "126 registers", new PlannerLimits { MaxRegisters = 126 } },
        { "2001 bits", new PlannerLimits { MaxBits = 2001 } },
        { "no bits", new PlannerLimits { MaxBits = 0 } },
        { "no baud rate", new PlannerLimits { BaudRate = 0 } },
        { "9 bits per char", new PlannerLimits { BitsPerChar = 9 } },
        { "negative turnaround", new PlannerLimits { TurnaroundUs = -1 } },
    };

    [Theory]
    [MemberData(nameof(BadLimits))]
    public void Plan_LimitOutOfRange_InvalidLimitsNamingNoSpan(string why, PlannerLimits limits)
    {
        ReadPlan plan = ReadPlanner.Plan([Hr(0, 1)], limits);

        Assert.True(plan.Status == PlanStatus.InvalidLimits, why);
        Assert.Equal(-1, plan.FailedSpan);
        Assert.Equal(0, plan.Count);
    }

    public static TheoryData<string, ReadSpan, PlanStatus> BadSpans => new()
    {
        { "write function", new ReadSpan(FunctionCode.WriteSingleRegister, 0, 1), PlanStatus.InvalidSpan },
        { "empty", Hr(10, 0), PlanStatus.InvalidSpan },
        { "negative address", Hr(-1, 2), PlanStatus.InvalidSpan },
        { "past 0xFFFF", Hr(0xFFFF, 2), PlanStatus.InvalidSpan },
        { "126 registers", Hr(0, 126), PlanStatus.SpanTooLong },
        { "2001 coils", Coils(0, 2001), PlanStatus.SpanTooLong },
        { "holds forbidden 14", Hr(12, 4), PlanStatus.SpanForbidden },
        { "holds barrier 30..31", Hr(29, 4), PlanStatus.SpanBlocked },
    };

    [Theory]
    [MemberData(nameof(BadSpans))]
    public void Plan_SpanNoRequestCanRead_StatusNamesThatSpan(string why, ReadSpan bad, PlanStatus expected)
    {
        var limits = new PlannerLimits();
        limits.Forbidden.Add(FunctionCode.ReadHoldingRegisters, 14, 14);
        limits.Barriers.Add(FunctionCode.ReadHoldingRegisters, 30, 31);

        ReadPlan plan = ReadPlanner.Plan([Hr(100, 2), Ir(14, 1), bad, Hr(200, 1)], limits);

        Assert.True(plan.Status == expected, $"{why}: {plan.Status}");
        Assert.Equal(2, plan.FailedSpan);
        Assert.Equal(0, plan.Count);
    }

    [Fact]
    public void Plan_SpanLongerThanALoweredMaximum_SpanTooLong()
    {
        ReadPlan plan = ReadPlanner.Plan([Hr(0, 8), Hr(10, 9)], new PlannerLimits { MaxRegisters = 8 });

        Assert.Equal(PlanStatus.SpanTooLong, plan.Status);
        Assert.Equal(1, plan.FailedSpan);
    }

    [Fact]
    public void Plan_SpanTouchingABarrierWithoutHoldingItWhole_StillPlanned()
    {
        ReadSpan[] wants = [Hr(28, 3), Hr(31, 2)];
        var limits = new PlannerLimits();
        limits.Barriers.Add(FunctionCode.ReadHoldingRegisters, 30, 31);

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(28, 3), Hr(31, 2)], Reads(plan));
    }

    [Fact]
    public void Plan_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ReadPlanner.Plan(null!, new PlannerLimits()));
        Assert.Throws<ArgumentNullException>(() => ReadPlanner.Plan([], null!));
        Assert.Throws<ArgumentNullException>(() => BarrierLearner.LearnIllegalAddress(null!, Hr(0, 1), []));
    }

    [Fact]
    public void RangeListAdd_SameRangeTwice_KeptOnce()
    {
        var ranges = new RangeList();

        Assert.True(ranges.Add(FunctionCode.ReadCoils, 1, 2));
        Assert.False(ranges.Add(FunctionCode.ReadCoils, 1, 2));
        Assert.True(ranges.Add(FunctionCode.ReadDiscreteInputs, 1, 2));
        Assert.Equal(2, ranges.Count);
    }

    [Fact]
    public void RangeListAdd_ManyRanges_GrowsAndKeepsEveryOne()
    {
        var ranges = new RangeList();
        for (int i = 0; i < 20; i++)
        {
            ranges.Add(FunctionCode.ReadHoldingRegisters, 10 * i, (10 * i) + 1);
        }

        Assert.Equal(20, ranges.Count);
        Assert.Equal(190, ranges.First(19));
        Assert.Equal(191, ranges.Last(19));
        Assert.True(ranges.Overlaps(FunctionCode.ReadHoldingRegisters, 185, 190));
        Assert.False(ranges.Overlaps(FunctionCode.ReadHoldingRegisters, 182, 189));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(5, 4)]
    [InlineData(0, 0x10000)]
    public void RangeListAdd_BackwardsOrOutOfRange_Throws(int first, int last)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RangeList().Add(FunctionCode.ReadCoils, first, last));
    }
}
