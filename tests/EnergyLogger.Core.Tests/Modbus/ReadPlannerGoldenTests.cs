using EnergyLogger.Core.Modbus;
using Xunit;
using static EnergyLogger.Core.Tests.Modbus.ReadPlannerAssert;

namespace EnergyLogger.Core.Tests.Modbus;

public class ReadPlannerGoldenTests
{
    [Theory]
    // 9600 8N1: 15 bytes = 15625 us, t3.5 = ceil(3.5 x 10 / 9600 s) = 3646 us.
    [InlineData(FunctionCode.ReadHoldingRegisters, 1, 9600, 10, 0, 15625 + (2 * 3646))]
    // A 9-bit bitmap takes two data bytes, the same as one register.
    [InlineData(FunctionCode.ReadCoils, 9, 9600, 10, 0, 15625 + (2 * 3646))]
    [InlineData(FunctionCode.ReadInputRegisters, 125, 9600, 10, 0, 273959 + (2 * 3646))]
    // 19200 8E1: 15 x 11 bits = 8593.75 -> 8594 us, t3.5 = 2005.2 -> 2006 us.
    [InlineData(FunctionCode.ReadHoldingRegisters, 1, 19200, 11, 0, 8594 + (2 * 2006))]
    // Above 19200 baud t3.5 is a fixed 1750 us (serial line v1.02, 2.5.1.1).
    [InlineData(FunctionCode.ReadHoldingRegisters, 1, 38400, 10, 0, 3907 + (2 * 1750))]
    [InlineData(FunctionCode.ReadHoldingRegisters, 1, 9600, 10, 5000, 15625 + (2 * 3646) + 5000)]
    public void RequestUs_KnownLines_MatchesHandArithmetic(FunctionCode function, int count, int baud, int bitsPerChar, int turnaroundUs, long expectedUs)
    {
        var limits = new PlannerLimits { BaudRate = baud, BitsPerChar = bitsPerChar, TurnaroundUs = turnaroundUs };

        Assert.Equal(expectedUs, ReadPlanner.RequestUs(function, count, limits));
    }

    [Fact]
    public void Plan_AdjacentSpans_MergeIntoOneRead()
    {
        ReadSpan[] wants = [Hr(100, 1), Hr(101, 2), Hr(103, 1)];
        var limits = new PlannerLimits();

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(100, 4)], Reads(plan));
    }

    [Theory]
    // 9600 8N1: two reads cost 2 x (15625 + 7292) = 45834 us; one read across h holes costs
    // bytes(17 + 2h) + 7292. h = 10 ties at 45834 (fewer requests wins), h = 11 costs 47917.
    [InlineData(9600, 0, 0, 1)]
    [InlineData(9600, 0, 9, 1)]
    [InlineData(9600, 0, 10, 1)]
    [InlineData(9600, 0, 11, 2)]
    [InlineData(9600, 0, 40, 2)]
    // 115200: t3.5 is 1750 us, long against an 87 us character, so wider holes pay off: 26 yes, 27 no.
    [InlineData(115200, 0, 26, 1)]
    [InlineData(115200, 0, 27, 2)]
    // A slow slave makes every saved request worth more: 12 yes, 13 no.
    [InlineData(9600, 5000, 12, 1)]
    [InlineData(9600, 5000, 13, 2)]
    public void Plan_HoleBetweenSpans_MergesOnlyWhenCheaper(int baud, int turnaroundUs, int hole, int expectedReads)
    {
        ReadSpan[] wants = [Hr(200, 1), Hr(201 + hole, 1)];
        var limits = new PlannerLimits { BaudRate = baud, TurnaroundUs = turnaroundUs };

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal(expectedReads, plan.Count);
    }

    [Fact]
    public void Plan_ForbiddenRegisterInHole_NeverBridged()
    {
        ReadSpan[] wants = [Hr(10, 1), Hr(12, 1), Hr(20, 1), Hr(22, 1)];
        var limits = new PlannerLimits();
        limits.Forbidden.Add(FunctionCode.ReadHoldingRegisters, 11, 11);
        limits.Forbidden.Add(FunctionCode.ReadInputRegisters, 21, 21);

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(10, 1), Hr(12, 11)], Reads(plan));
    }

    [Fact]
    public void Plan_MorePointsThanOneRequestHolds_SplitsWithinTheMaximum()
    {
        ReadSpan[] wants = Enumerable.Range(0, 10).Select(i => Hr(2 * i, 2)).ToArray();
        var limits = new PlannerLimits { MaxRegisters = 8 };

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal(3, plan.Count);
        Assert.Equal(20, Reads(plan).Sum(r => r.Count));
    }

    [Fact]
    public void Plan_MaximumForcesAChoice_PicksTheCheaperCut()
    {
        // Merging from the left while it fits reads [0..3] and [4..5]; reading 0 alone and 3..5 together
        // is as many requests with two unwanted registers fewer.
        ReadSpan[] wants = [Hr(0, 1), Hr(3, 1), Hr(4, 1), Hr(5, 1)];
        var limits = new PlannerLimits { MaxRegisters = 4 };

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(0, 1), Hr(3, 3)], Reads(plan));
    }

    [Fact]
    public void Plan_BitsAndRegisters_PriceHolesByTheirOwnBytes()
    {
        // 59 unwanted coils add 7 bitmap bytes; 59 unwanted registers would add 118 bytes.
        ReadSpan[] wants = [Coils(0, 1), Coils(60, 1), Hr(0, 1), Hr(60, 1)];
        var limits = new PlannerLimits();

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Coils(0, 61), Hr(0, 1), Hr(60, 1)], Reads(plan));
    }

    [Fact]
    public void Plan_BitMaximum_SplitsLongBitRuns()
    {
        ReadSpan[] wants = Enumerable.Range(0, 20).Select(i => Inputs(i, 1)).ToArray();
        var limits = new PlannerLimits { MaxBits = 16 };

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal(2, plan.Count);
        Assert.All(Reads(plan), r => Assert.True(r.Count <= 16));
    }

    [Fact]
    public void Plan_DuplicatesAndNestedSpans_ReadOnceAndMapToTheSameRead()
    {
        ReadSpan[] wants = [Hr(11, 2), Hr(10, 2), Hr(10, 2), Hr(10, 1), Hr(12, 1)];
        var limits = new PlannerLimits();

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(10, 3)], Reads(plan));
        Assert.All(Enumerable.Range(0, wants.Length), i => Assert.Equal(0, plan.ReadOf(i)));
    }

    [Fact]
    public void Plan_OverlappingSpansLongerThanTheMaximumTogether_ReadSeparately()
    {
        ReadSpan[] wants = [Hr(10, 2), Hr(11, 2)];
        var limits = new PlannerLimits { MaxRegisters = 2 };

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Hr(10, 2), Hr(11, 2)], Reads(plan));
    }

    [Fact]
    public void Plan_DifferentFunctions_NeverMergeAndComeInFunctionOrder()
    {
        ReadSpan[] wants = [Ir(1, 1), Hr(0, 1), Inputs(3, 1), Coils(2, 1), Hr(1, 1)];
        var limits = new PlannerLimits();

        ReadPlan plan = ReadPlanner.Plan(wants, limits);

        IsValidPlan(plan, wants, limits);
        Assert.Equal([Coils(2, 1), Inputs(3, 1), Hr(0, 2), Ir(1, 1)], Reads(plan));
        Assert.Equal([3, 2, 1, 0, 2], Enumerable.Range(0, wants.Length).Select(plan.ReadOf));
    }

    [Fact]
    public void Plan_NoWants_EmptyPlanWithNoWireTime()
    {
        ReadPlan plan = ReadPlanner.Plan([], new PlannerLimits());

        Assert.Equal(PlanStatus.Ok, plan.Status);
        Assert.Equal(0, plan.Count);
        Assert.Equal(0, plan.TotalWireUs);
    }

    [Fact]
    public void Plan_WireTime_IsTheSumOfItsRequests()
    {
        ReadSpan[] wants = [Hr(0, 2), Hr(100, 2)];

        ReadPlan plan = ReadPlanner.Plan(wants, new PlannerLimits());

        // Two 2-register reads at 9600 8N1: 17 bytes = 17709 us each, plus 2 x 3646 us silence.
        Assert.Equal(2 * (17709 + 7292), plan.TotalWireUs);
    }
}
