using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>RELIABILITY M4: silent slaves, offline state, slow probing and the cycle budget.</summary>
public class MasterHealthTests
{
    /// <summary>One attempt at a silent slave: the 8-byte request on the wire plus the response timeout.</summary>
    private const int SilentAttemptMs = Bus.Request8Bytes9600Ms + 1000;

    [Fact]
    public void M4_SlaveSilent_TimeoutAfterEveryRetryCostsExactlyTheirTimeouts()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(Reply.Silence, Reply.Silence, Reply.Silence);

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Timeout, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(Bus.StartMs + 3 * SilentAttemptMs + 2 * Bus.Silence9600Ms, bus.Now);
        Assert.Equal(3, bus.Master.Counters.Timeouts);
        Assert.Equal(2, bus.Master.Counters.Retries);
        Assert.Equal(3, bus.Master.Counters.Requests);
        Assert.Equal(1, bus.Master.Health(1).ConsecutiveFailures);
        Assert.NotEqual(SlaveState.Offline, bus.Master.Health(1).State);
    }

    [Fact]
    public void M4_SlaveSilent_MarksOfflineAndKeepsLoopAlive()
    {
        Bus bus = Bus.Rtu();
        SlaveHealth health = bus.Master.Health(1);

        for (int cycle = 0; cycle < 3; cycle++)
        {
            Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        }

        Assert.Equal(SlaveState.Offline, health.State);
        Assert.Equal(bus.Now + bus.Options.OfflineProbeIntervalMs, health.NextProbeMs);

        // Not due: skipped at once, nothing on the bus, no time spent.
        int bytesBefore = bus.Link.Written.Count;
        long before = bus.Now;
        ModbusResult skipped = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Skipped, skipped.Status);
        Assert.Equal(0, skipped.Attempts);
        Assert.Equal(bytesBefore, bus.Link.Written.Count);
        Assert.Equal(before, bus.Now);
        Assert.Equal(1, bus.Master.Counters.Skipped);
    }

    [Fact]
    public void M4_OfflineSlave_GetsOneProbePerIntervalThenComesBackOnline()
    {
        Bus bus = Bus.Rtu();
        for (int cycle = 0; cycle < 3; cycle++)
        {
            bus.ReadHolding(1, 0, 2, new ushort[2]);
        }

        SlaveHealth health = bus.Master.Health(1);
        bus.Clock.AdvanceTo(health.NextProbeMs);
        int writes = bus.Link.Writes.Count;
        long probeStart = bus.Now;

        ModbusResult probe = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Timeout, probe.Status);
        Assert.Equal(1, probe.Attempts);
        Assert.Equal(writes + 1, bus.Link.Writes.Count);
        Assert.Equal(probeStart + SilentAttemptMs, bus.Now);
        Assert.Equal(SlaveState.Offline, health.State);
        Assert.Equal(bus.Now + bus.Options.OfflineProbeIntervalMs, health.NextProbeMs);

        // The slave is back: the next probe finds it and it is polled normally again.
        bus.WithInverter();
        bus.Clock.AdvanceTo(health.NextProbeMs);
        var values = new ushort[2];

        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 0, 2, values).Status);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
        Assert.Equal(SlaveState.Online, health.State);
        Assert.Equal(0, health.ConsecutiveFailures);
        Assert.Equal(bus.Now, health.LastReplyMs);
        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 2, 2, values).Status);
    }

    [Fact]
    public void M4_Deadline_StopsRetriesSoTheCallEndsWithinTheBudget()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(Reply.Silence, Reply.Silence, Reply.Silence);
        long budgetEnd = bus.Now + 1500;
        bus.Master.SetDeadline(budgetEnd);

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Timeout, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(0, bus.Master.Counters.Retries);
        Assert.True(bus.Now <= budgetEnd);
    }

    [Fact]
    public void M4_BudgetSpent_SkippedWithoutTouchingTheBusUntilTheDeadlineIsLifted()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Master.SetDeadline(bus.Now + 500);

        ModbusResult skipped = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.Skipped, skipped.Status);
        Assert.Empty(bus.Link.Written);
        Assert.Equal(Bus.StartMs, bus.Now);
        Assert.Equal(SlaveState.Unknown, bus.Master.Health(1).State);

        bus.Master.SetDeadline(-1);
        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
    }

    [Fact]
    public void M4_ExactlyOneAttemptFits_ItIsMade()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Master.SetDeadline(bus.Now + Bus.Silence9600Ms + SilentAttemptMs);

        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
    }

    [Fact]
    public void M4_ThreeSlavesOneSilent_OthersKeepTheirCadenceAndHealthIsPerSlave()
    {
        Bus bus = Bus.Rtu().WithInverter(1).WithInverter(3);
        var skippedAt = new List<int>();
        long[] cycleMs = new long[6];

        for (int cycle = 0; cycle < 6; cycle++)
        {
            long start = bus.Now;
            foreach (byte slave in new byte[] { 1, 2, 3 })
            {
                var values = new ushort[2];
                ModbusResult result = bus.ReadHolding(slave, 0, 2, values);
                if (slave != 2)
                {
                    Assert.Equal(ModbusStatus.Ok, result.Status);
                    Assert.Equal(Bus.Expected(slave, 0, 2), values);
                }
                else if (result.Status == ModbusStatus.Skipped)
                {
                    skippedAt.Add(cycle);
                }
            }

            cycleMs[cycle] = bus.Now - start;
            bus.Clock.Advance(1000);
        }

        Assert.Equal([3, 4, 5], skippedAt);
        Assert.True(cycleMs[5] < 100, $"an offline slave still costs {cycleMs[5]} ms per cycle");
        Assert.Equal(SlaveState.Online, bus.Master.Health(1).State);
        Assert.Equal(SlaveState.Offline, bus.Master.Health(2).State);
        Assert.Equal(SlaveState.Online, bus.Master.Health(3).State);
        Assert.Equal(6, bus.Master.Health(1).Transactions);
        Assert.Equal(3, bus.Master.Health(2).Failures);
        Assert.Equal(0, bus.Master.Health(3).Failures);
    }

    [Fact]
    public void Health_UnknownUntilAsked()
    {
        Bus bus = Bus.Rtu();

        SlaveHealth health = bus.Master.Health(7);

        Assert.Equal(SlaveState.Unknown, health.State);
        Assert.Equal(-1, health.LastReplyMs);
        Assert.True(health.IsDue(0));
        Assert.Same(health, bus.Master.Health(7));
    }

    [Fact]
    public void Health_AnExceptionOrWrongEchoStillMeansTheSlaveIsThere()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { ExceptionCode = 0x02 }, new Reply { EditPdu = p => [0x04, .. p[1..]] });

        bus.ReadHolding(1, 0, 2, new ushort[2]);
        bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(SlaveState.Online, bus.Master.Health(1).State);
        Assert.Equal(0, bus.Master.Health(1).Failures);
    }
}
