using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;
using Request = EnergyLogger.Core.Tests.Runtime.PollRig.Request;

namespace EnergyLogger.Core.Tests.Runtime;

public class PollEngineTests
{
    private static readonly string Hybrid = With(
        devices: """[{"id":"inv","slave":1,"signs":{"grid":"import_positive"}}]""",
        points: List(
            """{"name":"pv1_power","address":10,"poll":"fast","target":"pv.mppt1.power"}""",
            """{"name":"pv2_power","address":11,"poll":"fast","target":"pv.mppt2.power"}""",
            """{"name":"grid_power","address":12,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"energy_total","address":20,"type":"uint32","wordOrder":"CDAB","scale":0.1,"poll":"slow","target":"pv.energy_total"}""",
            """{"name":"soc","function":"input","address":5,"target":"battery.soc"}""",
            """{"name":"generator","function":"coil","address":3,"target":"generator.connected"}"""),
        metadata: List("""{"name":"serial","address":100,"type":"string","count":2}"""),
        computed: List("""{"name":"pv_power","op":"add","a":"pv1_power","b":"pv2_power","target":"pv.power"}"""));

    private static PollRig HybridRig(PollOptions? poll = null)
    {
        var rig = new PollRig(Hybrid, poll: poll);
        rig.Slave.SetHolding(10, 2100, 1900, unchecked((ushort)-800), 0, 0, 0, 0, 0, 0, 0)
            .SetHolding(20, 0x86A0, 0x0001)
            .SetHolding(100, 0x534E, 0x3432)
            .SetInput(5, 64)
            .SetCoils(0, false, false, false, true);
        return rig;
    }

    [Fact]
    public void RunCycle_HealthySlave_ReadsEachClassOnceAndPublishesSchemaValues()
    {
        PollRig rig = HybridRig();

        Request[] requests = rig.Cycle();

        // Every class is due: one plan for all of them, which reads the fast and the slow holding registers in one
        // request. Reads go by the fastest class they hold, then by function and address.
        Assert.Equal([Request.Holding(10, 12), new Request(1, 3, 1), new Request(4, 5, 1), Request.Holding(100, 2)], requests);
        Assert.Equal(2100, rig.Value("pv.mppt1.power"));
        Assert.Equal(4000, rig.Value("pv.power"));
        Assert.Equal(800, rig.Value("grid.power"));
        Assert.Equal(10000, rig.Value("pv.energy_total"));
        Assert.Equal(64, rig.Value("battery.soc"));
        Assert.Equal(1, rig.Value("generator.connected"));
        Assert.Equal("SN42", rig.Engine.Frame.ReadText(rig.Engine.Map.Points[rig.Engine.Map.IndexOfPoint("serial")]));
        Assert.DoesNotContain("\"q\"", rig.Json());
    }

    [Fact]
    public void RunCycle_HealthySlave_StatisticsCountReadsRequestsAndWireTime()
    {
        PollRig rig = HybridRig();
        long start = rig.Clock.MonotonicMs;

        Request[] requests = rig.Cycle();

        CycleStats stats = rig.Engine.Stats;
        var limits = DeviceLimits.For(rig.Engine.Map.Devices[0]);
        long wire = requests.Sum(r => ReadPlanner.RequestUs((FunctionCode)r.Function, r.Count, limits));
        Assert.Equal((4, 4, 4, 0, 0), (stats.Reads, stats.Requests, stats.Of(ModbusStatus.Ok), stats.Errors, stats.Skipped));
        Assert.Equal(wire, stats.WireUs);
        Assert.Equal(start, stats.StartMs);
        Assert.Equal(rig.Clock.MonotonicMs - start, stats.DurationMs);
        Assert.True(stats.MapTakenOver);

        rig.Cycle();
        Assert.False(rig.Engine.Stats.MapTakenOver);
    }

    [Fact]
    public void RunCycle_NoMapYet_ReadsNothing()
    {
        var clock = new Fakes.VirtualClock();
        var link = new Fakes.ScriptedSlaveLink(clock);
        var engine = new PollEngine(new MapSlot(null), [new ModbusMaster(link, clock, new RtuFramer(), null)], clock, null);

        Assert.False(engine.RunCycle());
        Assert.Empty(link.Writes);
        Assert.Equal(0, engine.SampleCount);
    }

    [Fact]
    public void RunCycle_PollClasses_EachReadAtItsIntervalAndOnceOnlyOnce()
    {
        string map = With(points: List(
            """{"name":"f","address":10,"poll":"fast"}""",
            """{"name":"n","address":30,"poll":"normal"}""",
            """{"name":"s","address":50,"poll":"slow"}""",
            """{"name":"o","address":70,"poll":"once"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 1000, NormalIntervalMs = 5000, SlowIntervalMs = 20000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 1).SetHolding(30, 2).SetHolding(50, 3).SetHolding(70, 4);

        var readAt = new Dictionary<int, List<int>> { [10] = [], [30] = [], [50] = [], [70] = [] };
        for (int k = 0; k <= 20; k++)
        {
            foreach (Request r in rig.Cycle(k * 1000))
            {
                readAt[r.Address].Add(k);
            }
        }

        Assert.Equal(Enumerable.Range(0, 21), readAt[10]);
        Assert.Equal([0, 5, 10, 15, 20], readAt[30]);
        Assert.Equal([0, 20], readAt[50]);
        Assert.Equal([0], readAt[70]);
    }

    [Fact]
    public void RunCycle_OncePointFails_ReadAgainEachCycleUntilItSucceeds()
    {
        string map = With(points: List("""{"name":"f","address":10,"poll":"fast"}"""), metadata: List("""{"name":"rated","address":70}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 1000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 1).SetHolding(70, 6000);
        // From the second cycle on the "once" read has waited longest and goes first: it fails twice, then succeeds.
        rig.Link.Then(Fakes.Reply.Normal, new Fakes.Reply { ExceptionCode = ExceptionCode.SlaveDeviceFailure }, new Fakes.Reply { ExceptionCode = ExceptionCode.SlaveDeviceFailure });

        Request[][] cycles = [rig.Cycle(0), rig.Cycle(1000), rig.Cycle(2000), rig.Cycle(3000)];

        Assert.Equal([2, 2, 2, 1], cycles.Select(c => c.Count(r => r.Address == 70) + c.Count(r => r.Address == 10)));
        Assert.Equal([1, 1, 1, 0], cycles.Select(c => c.Count(r => r.Address == 70)));
        Assert.Equal(ValueQuality.Ok, rig.Engine.Values.Quality[rig.Engine.Map.IndexOfPoint("rated")]);
        Assert.Equal(6000, rig.Engine.Values.Values[rig.Engine.Map.IndexOfPoint("rated")]);
    }

    [Fact]
    public void C6_MapSwap_OnlyAtTheCycleBoundaryAndABadMapNeverReplacesTheGoodOne()
    {
        string mapA = With(points: List("""{"name":"a","address":10,"target":"pv.mppt1.power"}"""));
        string mapB = With(points: List("""{"name":"b","address":20,"target":"pv.mppt2.power"}"""));
        var rig = new PollRig(mapA, poll: new PollOptions { NormalIntervalMs = 1000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 1500).SetHolding(20, 700);
        rig.Cycle(0);
        RegisterMap good = rig.Engine.Map;

        byte[] bad = "{\"format\":\"energylogger-map/1\""u8.ToArray();
        MapError? refused = rig.Slot.Offer(bad, 0, bad.Length);
        Request[] afterBad = rig.Cycle(1000);

        Assert.NotNull(refused);
        Assert.Same(good, rig.Engine.Map);
        Assert.False(rig.Engine.Stats.MapTakenOver);
        Assert.Equal([Request.Holding(10)], afterBad);
        Assert.Equal(1500, rig.Value("pv.mppt1.power"));

        byte[] textB = System.Text.Encoding.UTF8.GetBytes(mapB);
        Assert.Null(rig.Slot.Offer(textB, 0, textB.Length));
        Assert.Same(good, rig.Engine.Map);
        Request[] afterSwap = rig.Cycle(2000);

        Assert.True(rig.Engine.Stats.MapTakenOver);
        Assert.NotSame(good, rig.Engine.Map);
        Assert.Equal([Request.Holding(20)], afterSwap);
        Assert.Equal(700, rig.Value("pv.mppt2.power"));
        Assert.DoesNotContain("mppt1", rig.Json());
    }

    [Fact]
    public void Route_TwoDevicesOnTwoBuses_EachBusCarriesOnlyItsDevice()
    {
        string map = With(
            devices: """[{"id":"inverter","slave":1},{"id":"meter","slave":2,"endpoint":"meter-1"}]""",
            points: List(
                """{"name":"pv","device":"inverter","address":10,"target":"pv.power"}""",
                """{"name":"grid","device":"meter","function":"input","address":0,"type":"int16","target":"grid.power"}"""));
        var clock = new Fakes.VirtualClock(PollRig.StartMs);
        var links = new[] { new Fakes.ScriptedSlaveLink(clock), new Fakes.ScriptedSlaveLink(clock) };
        links[0].AddSlave(1).SetHolding(10, 3200);
        links[1].AddSlave(2).SetInput(0, unchecked((ushort)-450));
        ModbusMaster[] buses = links.Select(l => new ModbusMaster(l, clock, new RtuFramer(), null)).ToArray();
        var engine = new PollEngine(new MapSlot(Load(map)), buses, clock, null);
        engine.Route("meter", 1);

        Assert.True(engine.RunCycle());

        Assert.Equal([Request.Holding(10)], links[0].Writes.Select(w => Request.Of(w.Bytes)));
        Assert.Equal([new Request(4, 0, 1)], links[1].Writes.Select(w => Request.Of(w.Bytes)));
        Assert.All(links[0].Writes, w => Assert.Equal(1, w.Bytes[0]));
        Assert.Equal(2, engine.SampleCount);
        Assert.Equal(3200, engine.Sample(0).Values[TelemetrySchema.IndexOf("pv.power")]);
        Assert.Equal(-450, engine.Sample(1).Values[TelemetrySchema.IndexOf("grid.power")]);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Route("meter", 2));
    }

    [Fact]
    public void RunCycle_DeviceMinGap_KeepsTheGapBetweenRequestsOrSkipsPastTheBudget()
    {
        string map = With(
            devices: """[{"id":"inv","slave":1,"minGapMs":1000}]""",
            points: List("""{"name":"a","address":10,"poll":"fast"}""", """{"name":"b","address":300,"poll":"fast"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 5000, CycleBudgetMs = 3000 });
        rig.Slave.SetHolding(10, 1).SetHolding(300, 2);

        Assert.Equal(2, rig.Cycle(0).Length);
        Assert.True(rig.Link.Writes[1].QuietBeforeMs >= 1000, $"quiet {rig.Link.Writes[1].QuietBeforeMs} ms");

        var tight = new PollRig(map, poll: new PollOptions { FastIntervalMs = 5000, CycleBudgetMs = 1500 });
        tight.Slave.SetHolding(10, 1).SetHolding(300, 2);
        Request[] first = tight.Cycle(0);

        Assert.Equal([Request.Holding(10)], first);
        Assert.Equal((2, 1, 0), (tight.Engine.Stats.Reads, tight.Engine.Stats.Skipped, tight.Engine.Stats.Errors));
        Assert.Equal(ValueQuality.Stale, tight.Engine.Values.Quality[1]);
        Assert.True(tight.Engine.Stats.DurationMs < 1000, $"{tight.Engine.Stats.DurationMs} ms");
    }

    [Fact]
    public void RunCycle_BudgetTooShortForEveryClass_PostponedReadsGoFirstNextCycleAndNeverStarve()
    {
        // One read fits a 1.5 s budget with a 1 s minimum gap, every cycle; the fast class is due every cycle. The reads
        // the budget left out go first in later cycles, longest waiting first, so the normal class's read is made too.
        string map = With(
            devices: """[{"id":"inv","slave":1,"minGapMs":1000}]""",
            points: List("""{"name":"a","address":10,"poll":"fast"}""", """{"name":"b","address":300,"poll":"fast"}""",
                """{"name":"c","address":600,"poll":"normal"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 2000, NormalIntervalMs = 60000, CycleBudgetMs = 1500 });
        rig.Slave.SetHolding(10, 1).SetHolding(300, 2).SetHolding(600, 3);

        Request[][] cycles = [rig.Cycle(0), rig.Cycle(2000), rig.Cycle(4000), rig.Cycle(6000)];

        Assert.Equal([Request.Holding(10)], cycles[0]);
        Assert.Equal(Request.Holding(300), cycles[1][0]);
        Assert.Equal(Request.Holding(600), cycles[2][0]);
        Assert.Equal(ValueQuality.Ok, rig.Engine.Values.Quality[2]);
        Assert.Equal(Request.Holding(10), cycles[3][0]);
    }
}

