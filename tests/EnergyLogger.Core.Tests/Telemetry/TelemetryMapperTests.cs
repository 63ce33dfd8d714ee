using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

public class TelemetryMapperTests
{
    private static string SignMap(string signs) => With(
        devices: "[{\"id\":\"inv\",\"slave\":1" + signs + "}]",
        points: List(
            """{"name":"grid","address":1,"type":"int16","target":"grid.power"}""",
            """{"name":"grid_l2","address":2,"type":"int16","target":"grid.l2.power"}""",
            """{"name":"batt_w","address":3,"type":"int16","target":"battery.power"}""",
            """{"name":"batt_a","address":4,"type":"int16","scale":0.01,"target":"battery.current"}""",
            """{"name":"batt_v","address":5,"scale":0.01,"target":"battery.voltage"}""",
            """{"name":"load","address":6,"type":"int16","target":"load.power"}"""));

    private static SampleFixture Signed(string signs)
    {
        var f = new SampleFixture(SignMap(signs));
        // Importing 1500 W (700 W on L2), discharging 800 W at 15.5 A, 52 V, load 2300 W, all as the device signs them.
        f.Set(1, 1500, 700, 800, 1550, 5200, 2300);
        f.Cycle();
        return f;
    }

    [Fact]
    public void Map_DeviceWithTheSchemasSigns_KeepsValues()
    {
        SampleFixture f = Signed("");

        Assert.Equal((1500.0, 700.0, 800.0, 15.5), (f.Value("grid.power"), f.Value("grid.l2.power"), f.Value("battery.power"), f.Value("battery.current")));
    }

    [Fact]
    public void Map_ImportAndDischargePositiveDevice_NormalisesToExportAndChargePositive()
    {
        SampleFixture f = Signed(",\"signs\":{\"grid\":\"import_positive\",\"battery\":\"discharge_positive\"}");

        Assert.Equal(-1500.0, f.Value("grid.power"));
        Assert.Equal(-700.0, f.Value("grid.l2.power"));
        Assert.Equal(-800.0, f.Value("battery.power"));
        Assert.Equal(-15.5, f.Value("battery.current"));
        Assert.Equal(52.0, f.Value("battery.voltage"));
        Assert.Equal(2300.0, f.Value("load.power"));
    }

    [Fact]
    public void Map_OnlyGridDeclaredOtherwise_NegatesOnlyGrid()
    {
        SampleFixture f = Signed(",\"signs\":{\"grid\":\"import_positive\"}");

        Assert.Equal((-1500.0, 800.0), (f.Value("grid.power"), f.Value("battery.power")));
    }

    [Fact]
    public void Map_ComputedGridPowerOnGrowattLikeDevice_ExportMinusImport()
    {
        var f = new SampleFixture(With(
            points: List(
                """{"name":"import_w","function":"input","address":1021,"type":"uint32","scale":0.1}""",
                """{"name":"export_w","function":"input","address":1029,"type":"uint32","scale":0.1}"""),
            computed: List("""{"name":"grid_w","op":"subtract","a":"export_w","b":"import_w","target":"grid.power"}""")));
        f.Frame.Deliver(0, EnergyLogger.Core.Modbus.FunctionCode.ReadInputRegisters, 1021, new ushort[] { 0, 15000, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, 10);

        string json = f.Cycle();

        Assert.Equal(-1500.0, f.Value("grid.power"));
        Assert.Contains("\"grid\":{\"power\":-1500}", json);
        Assert.Contains("\"ext\":{\"import_w\":1500,\"export_w\":0}", json);
    }

    [Fact]
    public void Map_EndpointGroups_EachSampleHasOnlyItsDevices()
    {
        string json = With(
            devices: """[{"id":"inv","slave":1},{"id":"meter","slave":2,"endpoint":"meter-token"}]""",
            points: List(
                """{"name":"pv","device":"inv","address":1,"target":"pv.power"}""",
                """{"name":"grid","device":"meter","address":1,"type":"int16","target":"grid.power"}"""));
        var own = new SampleFixture(json, 0);
        var meter = new SampleFixture(json, 1);
        foreach (SampleFixture f in new[] { own, meter })
        {
            f.SetOn(0, 1, 3000);
            f.SetOn(1, 1, 400);
        }

        Assert.Contains("\"pv\":{\"power\":3000}", own.Cycle());
        Assert.DoesNotContain("grid", own.Cycle());
        Assert.Contains("\"grid\":{\"power\":400}", meter.Cycle());
        Assert.DoesNotContain("pv", meter.Cycle());
    }

    [Fact]
    public void Map_MetadataPoints_AreNotInTheSample()
    {
        var f = new SampleFixture(With(metadata: List("""{"name":"rated","address":20,"type":"uint32"}""")));
        f.Set(20, 0, 5000);

        Assert.Equal("""{"v":1,"ts":1767225600000,"mono":5000,"synced":true}""", f.Cycle());
    }

    [Fact]
    public void Map_StaleSource_KeepsNoOldValue()
    {
        var f = new SampleFixture(With(points: List("""{"name":"soc","address":1,"target":"battery.soc"}""")));
        f.Set(1, 80);
        f.Cycle();

        f.Frame.MarkPoint(0, ReadState.Failed);
        string json = f.Cycle(15000);

        Assert.Equal(ValueQuality.Stale, f.Quality("battery.soc"));
        Assert.Equal(0, f.Value("battery.soc"));
        Assert.EndsWith("\"q\":{\"battery.soc\":\"stale\"}}", json);
    }
}
