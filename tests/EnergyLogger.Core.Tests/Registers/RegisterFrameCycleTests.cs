using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

/// <summary>What the local gateway may answer from a poll cycle's registers: only registers a read of the current cycle delivered.</summary>
public sealed class RegisterFrameCycleTests
{
    private static readonly RegisterMap Map = Load(With(points: List(
        """{"name":"a","address":10,"poll":"fast"}""",
        """{"name":"b","address":11,"type":"int32","poll":"fast"}""",
        """{"name":"c","address":20,"poll":"slow"}""",
        """{"name":"d","address":10,"function":"input","poll":"fast"}""")));

    [Fact]
    public void CopyFromCycle_RegistersDeliveredThisCycle_AreCopied()
    {
        var frame = new RegisterFrame(Map);
        frame.BeginCycle();
        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 10, [7, 8, 9], 0, 3);
        var dest = new ushort[3];

        Assert.True(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 10, 3, dest, 0));
        Assert.Equal([7, 8, 9], dest);
        Assert.True(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 11, 1, dest, 2));
        Assert.Equal(8, dest[2]);
    }

    [Fact]
    public void CopyFromCycle_AnyRegisterNotDeliveredThisCycle_IsRefused()
    {
        var frame = new RegisterFrame(Map);
        var dest = new ushort[12];
        Assert.False(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 10, 1, dest, 0));

        frame.BeginCycle();
        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 10, [7, 8, 9], 0, 3);
        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 20, [5], 0, 1);
        frame.BeginCycle();
        frame.Deliver(0, FunctionCode.ReadHoldingRegisters, 10, [1, 2, 3], 0, 3);

        // 20 was read a cycle ago; 13..19 are no point's; FC04 10 is another table; device 1 does not exist in the frame's reads.
        Assert.False(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 20, 1, dest, 0));
        Assert.False(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 10, 4, dest, 0));
        Assert.False(frame.CopyFromCycle(0, FunctionCode.ReadInputRegisters, 10, 1, dest, 0));
        Assert.True(frame.CopyFromCycle(0, FunctionCode.ReadHoldingRegisters, 10, 3, dest, 0));
        Assert.Equal([1, 2, 3], dest[..3]);
    }
}
