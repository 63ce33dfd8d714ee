using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;
using Request = EnergyLogger.Core.Tests.Runtime.PollRig.Request;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The poll cycle under the field-bus faults of RELIABILITY M1, M2, M4 and M10.</summary>
public class PollFaultTests
{
    private static readonly PollOptions EverySecond = new() { FastIntervalMs = 1000, NormalIntervalMs = 1000, SlowIntervalMs = 1000, CycleBudgetMs = 0 };

    [Fact]
    public void M1_ReadFailsAfterAGoodCycle_ValueStaleNeverPublishedAsANumber()
    {
        var rig = new PollRig(With(points: List("""{"name":"pv1","address":10,"target":"pv.mppt1.power"}""")), poll: EverySecond);
        rig.Slave.SetHolding(10, 1500);
        rig.Cycle(0);
        Assert.Equal(1500, rig.Value("pv.mppt1.power"));

        rig.Link.Then(new Reply { FlipCrc = true }, new Reply { FlipCrc = true }, new Reply { FlipCrc = true });
        Request[] requests = rig.Cycle(1000);

        Assert.Equal(3, requests.Length);
        Assert.Equal(ValueQuality.Stale, rig.Quality("pv.mppt1.power"));
        Assert.Equal(0, rig.Value("pv.mppt1.power"));
        string json = rig.Json();
        Assert.DoesNotContain("1500", json);
        Assert.Contains("\"q\":{\"pv.mppt1.power\":\"stale\"}", json);
        Assert.Equal((1, 3, 1, 1), (rig.Engine.Stats.Reads, rig.Engine.Stats.Requests, rig.Engine.Stats.Errors, rig.Engine.Stats.Of(ModbusStatus.CrcError)));

        rig.Cycle(2000);
        Assert.Equal(ValueQuality.Ok, rig.Quality("pv.mppt1.power"));
        Assert.Equal(1500, rig.Value("pv.mppt1.power"));
    }

    [Fact]
    public void M4_OfflineDevice_SkippedWithoutTrafficThenProbedAndBack()
    {
        var master = new MasterOptions { Retries = 0, ResponseTimeoutMs = 100, OfflineAfterFailures = 2, OfflineProbeIntervalMs = 30000 };
        string map = With(points: List("""{"name":"a","address":10,"target":"pv.mppt1.power"}""", """{"name":"b","address":400,"target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map, master, EverySecond);
        rig.Slave.SetHolding(10, 100).SetHolding(400, 200);
        rig.Link.Then(Reply.Silence, Reply.Silence);

        Assert.Equal(2, rig.Cycle(0).Length);
        Assert.Equal(SlaveState.Offline, rig.Master.Health(1).State);

        Request[] offline = rig.Cycle(1000);
        Assert.Empty(offline);
        Assert.Equal((2, 2, 0), (rig.Engine.Stats.Reads, rig.Engine.Stats.Skipped, rig.Engine.Stats.Errors));
        Assert.Equal(ValueQuality.Stale, rig.Quality("pv.mppt1.power"));
        Assert.Equal(ValueQuality.Stale, rig.Quality("pv.mppt2.power"));

        Request[] probed = rig.Cycle(31000);
        Assert.Equal([Request.Holding(10), Request.Holding(400)], probed);
        Assert.Equal(SlaveState.Online, rig.Master.Health(1).State);
        Assert.Equal(100, rig.Value("pv.mppt1.power"));
        Assert.Equal(200, rig.Value("pv.mppt2.power"));
    }

    [Fact]
    public void M4_SilentSlave_CycleKeepsItsBudget()
    {
        string map = With(points: List("""{"name":"a","address":10}""", """{"name":"b","address":400}"""));
        var rig = new PollRig(map, new MasterOptions { ResponseTimeoutMs = 1000, Retries = 2 }, new PollOptions { CycleBudgetMs = 2500 });
        rig.Link.Then(Reply.Silence, Reply.Silence, Reply.Silence, Reply.Silence);

        Request[] requests = rig.Cycle();

        Assert.Equal(2, requests.Length);
        Assert.True(rig.Engine.Stats.DurationMs <= 2500, $"{rig.Engine.Stats.DurationMs} ms");
        Assert.Equal((1, 1), (rig.Engine.Stats.Of(ModbusStatus.Timeout), rig.Engine.Stats.Skipped));
    }

    [Fact]
    public void M2_MergedReadRefused_SplitAtTheHoleReadInTheSameCycleAndThePlanConverges()
    {
        string map = With(points: List(
            """{"name":"a","address":10,"target":"pv.mppt1.power"}""",
            """{"name":"b","address":11,"target":"pv.mppt2.power"}""",
            """{"name":"c","address":20,"target":"pv.mppt3.power"}"""));
        var rig = new PollRig(map, poll: EverySecond);
        rig.Slave.SetHolding(10, 1, 2).SetHolding(20, 3);

        Request[] first = rig.Cycle(0);

        Assert.Equal([Request.Holding(10, 11), Request.Holding(10, 2), Request.Holding(20)], first);
        Assert.Equal((3, 1, 1, 0), (rig.Engine.Stats.Reads, rig.Engine.Stats.Of(ModbusStatus.Exception), rig.Engine.Stats.Replans, rig.Engine.Unsupported.Count));
        Assert.Equal([1.0, 2.0, 3.0], new[] { rig.Value("pv.mppt1.power"), rig.Value("pv.mppt2.power"), rig.Value("pv.mppt3.power") });

        ReadPlan plan = rig.Engine.Plans(0).Current(DevicePlans.ClassBit(PollClass.Normal)).Plan;
        Assert.Equal([new ReadSpan(FunctionCode.ReadHoldingRegisters, 10, 2), new ReadSpan(FunctionCode.ReadHoldingRegisters, 20, 1)], Enumerable.Range(0, plan.Count).Select(plan.Read));
        for (int k = 1; k <= 3; k++)
        {
            Assert.Equal([Request.Holding(10, 2), Request.Holding(20)], rig.Cycle(k * 1000));
            Assert.Equal((0, 0), (rig.Engine.Stats.Errors, rig.Engine.Stats.Replans));
        }
    }

    [Fact]
    public void M2_MergedReadOfTwoClassesRefused_SplitAndEveryPointReadInTheSameCycle()
    {
        // Fast and normal are due together: their one plan bridges the holes at 11 and 13, which the slave refuses.
        string map = With(points: List(
            """{"name":"grid","address":12,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"a","address":10,"poll":"normal","target":"pv.mppt1.power"}""",
            """{"name":"b","address":14,"poll":"normal","target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map, poll: EverySecond);
        rig.Slave.SetHolding(10, 1).SetHolding(12, unchecked((ushort)-1500)).SetHolding(14, 2);

        Request[] first = rig.Cycle(0);

        Assert.Equal([Request.Holding(10, 5), Request.Holding(12), Request.Holding(10), Request.Holding(14)], first);
        Assert.Equal((ValueQuality.Ok, -1500.0), (rig.Quality("grid.power"), rig.Value("grid.power")));
        Assert.Equal([1.0, 2.0], new[] { rig.Value("pv.mppt1.power"), rig.Value("pv.mppt2.power") });
        Assert.DoesNotContain("\"q\"", rig.Json());
    }

    [Fact]
    public void M1_FailedReadOverAPointOfAClassNotReadThisCycle_ThatPointKeepsItsGoodValue()
    {
        // The normal class's one read spans the fast point at 12, whose class is not due in the second cycle.
        string map = With(points: List(
            """{"name":"grid","address":12,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"a","address":10,"poll":"normal","target":"pv.mppt1.power"}""",
            """{"name":"b","address":14,"poll":"normal","target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 60000, NormalIntervalMs = 1000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 1, 0, unchecked((ushort)-1500), 0, 2);
        rig.Cycle(0);
        rig.Link.Then(new Reply { FlipCrc = true }, new Reply { FlipCrc = true }, new Reply { FlipCrc = true });

        Assert.All(rig.Cycle(1000), r => Assert.Equal(Request.Holding(10, 5), r));

        Assert.Equal((ValueQuality.Stale, ValueQuality.Stale), (rig.Quality("pv.mppt1.power"), rig.Quality("pv.mppt2.power")));
        Assert.Equal((ValueQuality.Ok, -1500.0), (rig.Quality("grid.power"), rig.Value("grid.power")));
    }

    [Fact]
    public void M2_PointTheSlaveLacks_MarkedUnsupportedReportedOnceAndNeverReadAgain()
    {
        string map = With(points: List("""{"name":"a","address":10,"target":"pv.mppt1.power"}""", """{"name":"gone","address":20,"target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map, poll: EverySecond);
        rig.Slave.SetHolding(10, 1500);

        Request[] first = rig.Cycle(0);

        Assert.Equal([Request.Holding(10, 11), Request.Holding(10), Request.Holding(20)], first);
        UnsupportedPoints found = rig.Engine.Unsupported;
        Assert.Equal(1, found.Count);
        Assert.Equal("gone", rig.Engine.Map.Points[found.Point(0)].Name);
        Assert.Equal(UnsupportedReason.IllegalAddress, found.Reason(0));
        Assert.Equal(1500, rig.Value("pv.mppt1.power"));
        Assert.Equal(ValueQuality.Unsupported, rig.Quality("pv.mppt2.power"));
        Assert.Contains("\"q\":{\"pv.mppt2.power\":\"unsupported\"}", rig.Json());

        for (int k = 1; k <= 3; k++)
        {
            Assert.Equal([Request.Holding(10)], rig.Cycle(k * 1000));
            Assert.Equal(0, rig.Engine.Unsupported.Count);
            Assert.Equal(ValueQuality.Unsupported, rig.Quality("pv.mppt2.power"));
        }
    }

    [Fact]
    public void Replan_PointNoRequestCanRead_DroppedAndReportedWhenTheMapIsTakenOver()
    {
        string map = With(
            devices: """[{"id":"inv","slave":1,"maxRegisters":4,"neverRead":[{"from":50,"to":59}]}]""",
            points: List(
                """{"name":"a","address":10,"target":"pv.mppt1.power"}""",
                """{"name":"serial","address":20,"type":"string","count":5}""",
                """{"name":"hidden","address":55,"target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map);
        rig.Slave.SetHolding(10, 7);

        Assert.Equal([Request.Holding(10)], rig.Cycle());

        UnsupportedPoints found = rig.Engine.Unsupported;
        var reasons = Enumerable.Range(0, found.Count).ToDictionary(i => rig.Engine.Map.Points[found.Point(i)].Name, found.Reason);
        Assert.Equal(new Dictionary<string, UnsupportedReason> { ["serial"] = UnsupportedReason.TooLong, ["hidden"] = UnsupportedReason.NeverRead }, reasons);
        Assert.Equal(ValueQuality.Unsupported, rig.Quality("pv.mppt2.power"));
        Assert.Equal(7, rig.Value("pv.mppt1.power"));
    }

    [Fact]
    public void M10_ThirtyTwoBitCounterTornAcrossAFailedRead_FlaggedNeverPublished()
    {
        // The counter's low word is also a fast point, so fast cycles refresh half of the counter.
        string map = With(points: List(
            """{"name":"energy","address":10,"type":"uint32","scale":0.1,"poll":"normal","target":"pv.energy_total"}""",
            """{"name":"low","address":11,"poll":"fast"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 1000, NormalIntervalMs = 2000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 0x0001, 0xFFFF);
        rig.Cycle(0);
        Assert.Equal(13107.1, rig.Value("pv.energy_total"), 6);

        // The counter rolls over; the one read of both classes fails, then a fast cycle reads the low word alone.
        rig.Slave.SetHolding(10, 0x0002, 0x0000);
        rig.Link.Then(new Reply { FlipCrc = true }, new Reply { FlipCrc = true }, new Reply { FlipCrc = true });
        Assert.Equal([Request.Holding(10, 2), Request.Holding(10, 2), Request.Holding(10, 2)], rig.Cycle(2000));
        Assert.Equal(ValueQuality.Stale, rig.Quality("pv.energy_total"));

        Assert.Equal([Request.Holding(11)], rig.Cycle(3000));
        Assert.Equal(ValueQuality.Torn, rig.Quality("pv.energy_total"));
        string json = rig.Json();
        Assert.DoesNotContain("6553.6", json);
        Assert.Contains("\"pv.energy_total\":\"torn\"", json);

        rig.Cycle(4000);
        Assert.Equal(ValueQuality.Ok, rig.Quality("pv.energy_total"));
        Assert.Equal(13107.2, rig.Value("pv.energy_total"), 6);
    }
}
