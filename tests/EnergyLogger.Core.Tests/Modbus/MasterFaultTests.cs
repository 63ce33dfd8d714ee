using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>RELIABILITY M1-M3 and M5: one fault at a time on the field bus, then a clean request.</summary>
public class MasterFaultTests
{
    private const ushort Unread = 0xDEAD;

    [Fact]
    public void M1_CrcErrorOnce_FlushedRetriedAndCounted()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { FlipCrc = true }, Reply.Normal);
        var values = new ushort[2];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
        Assert.Equal(1, bus.Master.Counters.CrcErrors);
        Assert.Equal(1, bus.Master.Counters.Retries);
        Assert.Equal(1, bus.Master.Counters.Replies);
        Assert.Equal("DWDW", bus.Link.Trace.ToString());
    }

    [Fact]
    public void M1_CrcErrorEveryAttempt_CrcErrorAfterBoundedRetriesAndNothingPublished()
    {
        Bus bus = Bus.Rtu().WithInverter();
        var bad = new Reply { FlipCrc = true };
        bus.Link.Then(bad, bad, bad);
        ushort[] values = [Unread, Unread];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.CrcError, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([Unread, Unread], values);
        Assert.Equal(3, bus.Master.Counters.CrcErrors);
        Assert.Equal(2, bus.Master.Counters.Retries);
        Assert.Equal(1, bus.Master.Health(1).ConsecutiveFailures);

        // Each attempt: 5 ms turnaround, then 20 ms of silence ends the bad frame; t3.5 between attempts.
        Assert.Equal(Bus.StartMs + 3 * (5 + 20) + 2 * Bus.Silence9600Ms, bus.Now);
        AssertNextReadClean(bus);
    }

    [Fact]
    public void M1_TailAfterTheCorruptFrame_DiscardedBeforeTheRetry()
    {
        Bus bus = Bus.Rtu().WithInverter();
        int frameLength = 3 + 2 * 2 + 2;
        bus.Link.Then(new Reply { FlipCrc = true, After = FramerFeed.Noise(10, 3), CutAt = [frameLength], GapMs = 22 }, Reply.Normal);

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(10, bus.Link.DiscardedBytes);
    }

    [Fact]
    public void M2_IllegalDataAddress_NoRetryAndTheSlaveStaysOnline()
    {
        Bus bus = Bus.Rtu().WithInverter();
        ushort[] values = [Unread];

        // Register 500 is a hole in the slave's map: it answers 83 02 by itself.
        ModbusResult result = bus.ReadHolding(1, 500, 1, values);

        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(ExceptionCode.IllegalDataAddress, result.ExceptionCode);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(0, bus.Master.Counters.Retries);
        Assert.Equal(1, bus.Master.Counters.Exceptions);
        Assert.Equal([Unread], values);
        Assert.Equal(SlaveState.Online, bus.Master.Health(1).State);
        Assert.Equal(0, bus.Master.Health(1).ConsecutiveFailures);
        AssertNextReadClean(bus);
    }

    [Theory]
    [InlineData(ExceptionCode.IllegalFunction)]
    [InlineData(ExceptionCode.IllegalDataValue)]
    [InlineData(ExceptionCode.SlaveDeviceFailure)]
    [InlineData(ExceptionCode.GatewayPathUnavailable)]
    [InlineData(ExceptionCode.GatewayTargetFailedToRespond)]
    public void M2_AnyFinalException_AnsweredOnceWithoutRetry(byte code)
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { ExceptionCode = code });

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(code, result.ExceptionCode);
        Assert.Equal(1, result.Attempts);
        Assert.Single(bus.Link.Writes);
    }

    [Theory]
    [InlineData(ExceptionCode.SlaveDeviceBusy)]
    [InlineData(ExceptionCode.Acknowledge)]
    public void M3_BusyThenReady_RetriedAfterGrowingPauses(byte code)
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { ExceptionCode = code }, new Reply { ExceptionCode = code }, Reply.Normal);
        var values = new ushort[2];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
        Assert.Equal([50, 100], bus.Clock.Sleeps);
        Assert.Equal(2, bus.Master.Counters.Exceptions);
        Assert.Equal(2, bus.Master.Counters.Retries);
    }

    [Fact]
    public void M3_BusyEveryTime_ExceptionAfterBusyRetriesAndValuesStale()
    {
        Bus bus = Bus.Rtu().WithInverter();
        var busy = new Reply { ExceptionCode = ExceptionCode.SlaveDeviceBusy };
        bus.Link.Then(busy, busy, busy, busy, Reply.Normal);
        ushort[] values = [Unread, Unread];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(ExceptionCode.SlaveDeviceBusy, result.ExceptionCode);
        Assert.Equal(1 + bus.Options.BusyRetries, result.Attempts);
        Assert.Equal([50, 100, 150], bus.Clock.Sleeps);
        Assert.Equal([Unread, Unread], values);
        Assert.Equal(SlaveState.Online, bus.Master.Health(1).State);
        AssertNextReadClean(bus);
    }

    [Fact]
    public void M3_BusyRetries_StopWhenTheNextWouldOverrunTheCycleBudget()
    {
        Bus bus = Bus.Rtu().WithInverter();
        var busy = new Reply { ExceptionCode = ExceptionCode.SlaveDeviceBusy };
        bus.Link.Then(busy, busy, busy, busy);
        bus.Master.SetDeadline(bus.Now + 1200);

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        // Attempt 3 ends at +165; a third pause (150) plus one attempt (4 + 9 + 1000) would end at +1328.
        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([50, 100], bus.Clock.Sleeps);
        Assert.True(bus.Now <= Bus.StartMs + 1200);
    }

    [Fact]
    public void M3_BusyRetries_DoNotUseUpTheFaultRetries()
    {
        Bus bus = Bus.Rtu().WithInverter();
        var busy = new Reply { ExceptionCode = ExceptionCode.SlaveDeviceBusy };
        bus.Link.Then(busy, busy, Reply.Silence, Reply.Silence, Reply.Normal);

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(5, result.Attempts);
    }

    [Fact]
    public void M5_WrongSlaveOnce_RejectedFlushedAndRetried()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { FromSlave = 2, EditPdu = pdu => [pdu[0], pdu[1], 0x55, 0x55, 0x55, 0x55] }, Reply.Normal);
        var values = new ushort[2];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
        Assert.Equal(1, bus.Master.Counters.WrongSlave);
        Assert.Equal("DWDW", bus.Link.Trace.ToString());
    }

    [Fact]
    public void M5_WrongSlaveWithoutRetries_WrongSlaveAndDataRejected()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { FromSlave = 9 });
        ushort[] values = [Unread, Unread];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.WrongSlave, result.Status);
        Assert.Equal([Unread, Unread], values);
        Assert.Equal(1, bus.Master.Health(1).ConsecutiveFailures);
        AssertNextReadClean(bus);
        Assert.Equal("DWDW", bus.Link.Trace.ToString());
    }

    [Fact]
    public void M5_WrongUnitOnTcp_WrongSlave()
    {
        Bus bus = Bus.Tcp(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { FromSlave = 3 });

        Assert.Equal(ModbusStatus.WrongSlave, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        AssertNextReadClean(bus);
    }

    internal static void AssertNextReadClean(Bus bus)
    {
        var values = new ushort[3];
        ModbusResult next = bus.ReadHolding(1, 20, 3, values);

        Assert.Equal(ModbusStatus.Ok, next.Status);
        Assert.Equal(1, next.Attempts);
        Assert.Equal(Bus.Expected(1, 20, 3), values);
    }
}
