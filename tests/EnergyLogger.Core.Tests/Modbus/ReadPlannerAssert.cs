using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Planning;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>Shared checks and shorthands of the read planner suites.</summary>
internal static class ReadPlannerAssert
{
    public static ReadSpan Hr(int address, int count) => new(FunctionCode.ReadHoldingRegisters, address, count);

    public static ReadSpan Ir(int address, int count) => new(FunctionCode.ReadInputRegisters, address, count);

    public static ReadSpan Coils(int address, int count) => new(FunctionCode.ReadCoils, address, count);

    public static ReadSpan Inputs(int address, int count) => new(FunctionCode.ReadDiscreteInputs, address, count);

    public static ReadSpan[] Reads(ReadPlan plan)
    {
        var reads = new ReadSpan[plan.Count];
        for (int i = 0; i < reads.Length; i++)
        {
            reads[i] = plan.Read(i);
        }

        return reads;
    }

    /// <summary>
    /// The plan is valid for these wants: every want lies whole in the read ReadOf names, every read is
    /// allowed by the limits, and the total is the sum of the reads' own costs.
    /// </summary>
    public static void IsValidPlan(ReadPlan plan, ReadSpan[] wants, PlannerLimits limits, string because = "")
    {
        Assert.True(plan.Status == PlanStatus.Ok, $"{because} status {plan.Status} at span {plan.FailedSpan}");
        for (int i = 0; i < wants.Length; i++)
        {
            int read = plan.ReadOf(i);
            Assert.True(read >= 0 && read < plan.Count && plan.Read(read).Contains(wants[i]), $"{because} want {i} not inside read {read}");
        }

        for (int r = 0; r < plan.Count; r++)
        {
            Assert.True(PlannerStrategies.IsAllowed(plan.Read(r), limits), $"{because} read {r} breaks a limit");
        }

        Assert.Equal(PlannerStrategies.WireUs(Reads(plan), limits), plan.TotalWireUs);
    }
}
