using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Host.Planning;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;
using Request = EnergyLogger.Core.Tests.Runtime.PollRig.Request;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>One optimal plan for every combination of poll classes due together, made at map take-over.</summary>
public class DevicePlansTests
{
    private static readonly int Fast = DevicePlans.ClassBit(PollClass.Fast);
    private static readonly int Normal = DevicePlans.ClassBit(PollClass.Normal);

    public static TheoryData<string> Maps => new() { "deye-sg04lp3.json", "growatt-sph.json", "synthetic" };

    private static RegisterMap Load(string name) => name == "synthetic"
        ? CombinationComparison.SyntheticMap(255, CombinationComparison.SyntheticSeed)
        : MapText.Load(File.ReadAllText(MapFiles.Path(name)));

    [Fact]
    public void For_FastAndNormalDueTogether_OneReadBridgesAGapNeitherClassBridgesAlone()
    {
        RegisterMap map = MapText.Load(With(points: List(
            """{"name":"a","address":10,"poll":"fast"}""", """{"name":"b","address":14,"poll":"normal"}""")));
        var plans = new DevicePlans(map, 0);
        var dropped = new UnsupportedPoints(2);
        plans.PlanAll(new PlannerLimits(), 0, dropped);

        ReadPlan both = plans.For(Fast | Normal, new PlannerLimits(), 0, dropped).Plan;

        Assert.Equal([new ReadSpan(FunctionCode.ReadHoldingRegisters, 10, 5)], Enumerable.Range(0, both.Count).Select(both.Read));
        long separate = plans.For(Fast, new PlannerLimits(), 0, dropped).Plan.TotalWireUs + plans.For(Normal, new PlannerLimits(), 0, dropped).Plan.TotalWireUs;
        Assert.True(both.TotalWireUs < separate, $"{both.TotalWireUs} us vs {separate} us");
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void PlanAll_EveryCombination_NeverDearerThanItsClassesOneAfterAnother(string name)
    {
        RegisterMap map = Load(name);
        PlannerLimits limits = DeviceLimits.For(map.Devices[0]);

        CombinationCost[] rows = CombinationComparison.Compare(name, map, limits);

        Assert.Equal((1 << BitCount(new DevicePlans(map, 0).Classes)) - 1, rows.Length);
        Assert.All(rows, r => Assert.True(r.OneUs <= r.SeparateUs, $"{r.Classes}: {r.OneUs} us vs {r.SeparateUs} us"));
        CombinationCost all = rows[^1];
        Assert.True(all.OneUs * 100 < all.SeparateUs * 90, $"every class due: {all.OneUs} us vs {all.SeparateUs} us one after another");
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void For_WindowsSmallEnoughToSearch_EveryCombinationEqualsTheExhaustiveOptimum(string name)
    {
        RegisterMap map = Load(name);
        PlannerLimits limits = DeviceLimits.For(map.Devices[0]);
        int points = map.Points.Count(p => p.Device == 0);
        int checkedRows = 0;
        for (int first = 0; first + PlannerWorkloads.SmallMapPoints <= points; first += 7)
        {
            RegisterMap window = CombinationComparison.Window(map, first, PlannerWorkloads.SmallMapPoints);
            foreach (CombinationCost row in CombinationComparison.Compare($"{name}@{first}", window, limits))
            {
                Assert.True(row.OptimumUs == row.OneUs, $"{row.Map} {row.Classes}: plan {row.OneUs} us, optimum {row.OptimumUs} us");
                checkedRows++;
            }
        }

        Assert.True(checkedRows >= 20, $"{checkedRows} rows");
    }

    [Fact]
    public void PlanBytes_TwoHundredFiftyFivePoints_EveryCombinationWithinTwentyKilobytes()
    {
        RegisterMap map = Load("synthetic");
        var plans = new DevicePlans(map, 0);

        plans.PlanAll(DeviceLimits.For(map.Devices[0]), 0, new UnsupportedPoints(plans.EntryCount));

        Assert.InRange(plans.PlanBytes, 1, 20 * 1024);
    }

    [Fact]
    public void PlanAll_PointNoRequestCanRead_DroppedOnceFromEveryCombination()
    {
        RegisterMap map = MapText.Load(With(
            devices: """[{"id":"inv","slave":1,"neverRead":[{"function":"holding","from":20,"to":29}]}]""",
            points: List("""{"name":"a","address":10,"poll":"fast"}""", """{"name":"hidden","address":25,"poll":"normal"}""",
                """{"name":"c","address":40,"poll":"slow"}""")));
        var plans = new DevicePlans(map, 0);
        var dropped = new UnsupportedPoints(3);

        plans.PlanAll(DeviceLimits.For(map.Devices[0]), 0, dropped);

        Assert.Equal((1, "hidden", UnsupportedReason.NeverRead), (dropped.Count, map.Points[dropped.Point(0)].Name, dropped.Reason(0)));
        for (int classes = 1; classes < 8; classes++)
        {
            CombinationPlan plan = plans.Current(classes);
            Assert.DoesNotContain(Enumerable.Range(0, plan.WantCount), w => map.Points[plans.PointOf(plan.EntryOfWant(w))].Name == "hidden");
        }
    }

    [Fact]
    public void RunCycle_RarerClassInsideAReadMadeAnyway_RefreshedForFreeAndSaidToBeFresh()
    {
        // The fast points at 10 and 13 are read in one request; the normal point between them comes with it.
        string map = With(points: List(
            """{"name":"a","address":10,"poll":"fast","target":"pv.mppt1.power"}""",
            """{"name":"e","address":11,"type":"uint32","wordOrder":"CDAB","scale":0.1,"poll":"normal","target":"pv.energy_total"}""",
            """{"name":"b","address":13,"poll":"fast","target":"pv.mppt2.power"}"""));
        var rig = new PollRig(map, poll: new PollOptions { FastIntervalMs = 1000, NormalIntervalMs = 30000, CycleBudgetMs = 0 });
        rig.Slave.SetHolding(10, 100, 1000, 0, 200);

        Assert.Equal([Request.Holding(10, 4)], rig.Cycle(0));
        Assert.DoesNotContain("\"q\"", rig.Json());

        rig.Slave.SetHolding(11, 1001);
        Assert.Equal([Request.Holding(10, 4)], rig.Cycle(1000));
        Assert.Equal(100.1, rig.Value("pv.energy_total"), 6);
        Assert.EndsWith(",\"q\":{\"pv.energy_total\":\"fresh\"}}", rig.Json());
        Assert.Contains("\"energy_total\":100.1", rig.Json());
    }

    private static int BitCount(int value) => System.Numerics.BitOperations.PopCount((uint)value);
}
