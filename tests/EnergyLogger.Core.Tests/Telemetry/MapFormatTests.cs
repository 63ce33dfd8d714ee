using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Tests.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>
/// docs/register-map.md: helper values that are read but not published, a map-level address base, and a point's own sign.
/// </summary>
public class MapFormatTests
{
    // A SunSpec-style inverter: W and its scale factor, VAr and a scale factor the device does not implement.
    private static readonly string SunSpecPoints = List(
        """{"name":"inv_w","address":83,"type":"int16","scaleFactor":"inv_w_sf","target":"pv.power"}""",
        """{"name":"inv_w_sf","address":84,"type":"int16"}""",
        """{"name":"inv_var","address":85,"type":"int16","scaleFactor":"inv_var_sf"}""",
        """{"name":"inv_var_sf","address":86,"type":"int16"}""");

    [Fact]
    public void ScaleFactor_NotPublishedByDefault_AndItsValueStillScales()
    {
        var f = new SampleFixture(With(points: SunSpecPoints));
        f.Set(83, 4567, 0xFFFF, 123, 0x8000);

        string json = f.Cycle();

        Assert.Equal(456.7, f.Value("pv.power"));
        Assert.DoesNotContain("_sf", json);
        // inv_var's own scale factor is "not implemented": the value is a sentinel, never a number.
        Assert.Contains("\"q\":{\"ext.inv_var\":\"sentinel\"}", json);
        Assert.DoesNotContain("-32768", json);
    }

    [Fact]
    public void ScaleFactor_PublishedOnRequest_NotImplementedMarkerIsNoNumber()
    {
        string points = SunSpecPoints.Replace("""{"name":"inv_var_sf","address":86,"type":"int16"}""", """{"name":"inv_var_sf","address":86,"type":"int16","publish":true}""");
        var f = new SampleFixture(With(points: points));
        f.Set(83, 4567, 0xFFFF, 123, 0x8000);

        string json = f.Cycle();

        Assert.Contains("\"ext.inv_var_sf\":\"sentinel\"", json);
        Assert.DoesNotContain("-32768", json);
        f.Set(86, 0xFFFE);
        json = f.Cycle();
        Assert.Contains("\"ext\":{\"inv_var\":1.23,\"inv_var_sf\":-2}", json);
    }

    [Fact]
    public void Publish_False_HidesHelperPointsAndComputedFields_ButTheyStillFeedComputedValues()
    {
        var f = new SampleFixture(With(
            points: List(
                """{"name":"import_w","address":1,"publish":false}""",
                """{"name":"export_w","address":2,"publish":false}""",
                """{"name":"pv_w","address":3}"""),
            computed: List(
                """{"name":"net","op":"subtract","a":"export_w","b":"import_w","publish":false}""",
                """{"name":"grid_w","op":"multiply","a":"net","b":1,"target":"grid.power"}""")));
        f.Set(1, 300, 1000, 50);

        string json = f.Cycle();

        Assert.Equal(700.0, f.Value("grid.power"));
        Assert.Contains("\"ext\":{\"pv_w\":50}", json);
        Assert.DoesNotContain("import_w", json);
        Assert.DoesNotContain("net", json);
    }

    [Fact]
    public void Publish_FalseWithTarget_IsRefused()
    {
        MapError error = Fail(With(points: List("""{"name":"p","address":1,"publish":false,"target":"pv.power"}""")));

        Assert.Equal("points[0].publish: a value with a target is published", error.Message);
        Assert.Equal("computed[0].publish: a value with a target is published",
            Fail(With(points: List("""{"name":"a","address":1}"""), computed: List("""{"name":"c","op":"negate","a":"a","publish":false,"target":"grid.power"}"""))).Message);
        Assert.Equal("points[0].publish: expected true or false", Fail(With(points: List("""{"name":"p","address":1,"publish":0}"""))).Message);
    }

    [Fact]
    public void AddressBase_One_ReadsTheDocumentedRegisterMinusOne()
    {
        string json = With(points: List("""{"name":"pv","address":13001,"target":"pv.power"}"""),
            devices: """[{"id":"inv","slave":1,"neverRead":[{"from":13003,"to":13004}]}]""")
            .Replace("\"name\":\"test\",", "\"name\":\"test\",\"addressBase\":1,");
        var f = new SampleFixture(json);

        Assert.Equal(13000, f.Map.Points[0].Address);
        Assert.True(f.Map.Devices[0].NeverRead.Overlaps(Core.Modbus.FunctionCode.ReadHoldingRegisters, 13002, 13003));
        Assert.False(f.Map.Devices[0].NeverRead.Overlaps(Core.Modbus.FunctionCode.ReadHoldingRegisters, 13004, 13004));
        f.Set(13000, 2500);
        f.Cycle();
        Assert.Equal(2500.0, f.Value("pv.power"));
    }

    [Fact]
    public void AddressBase_One_RefusesRegisterZeroAndOnlyAllowsZeroOrOne()
    {
        static string Based(string b, int address) => With(points: List($$"""{"name":"p","address":{{address}}}"""))
            .Replace("\"name\":\"test\",", "\"name\":\"test\",\"addressBase\":" + b + ",");

        Assert.Equal(65535, Load(Based("1", 65536)).Points[0].Address);
        Assert.Equal("points[0].address: must be between 1 and 65536", Fail(Based("1", 0)).Message);
        Assert.Equal("addressBase: must be between 0 and 1", Fail(Based("40001", 1)).Message);
        Assert.Equal("points[0].address: must be between 0 and 65535", Fail(Based("0", 65536)).Message);
    }

    [Fact]
    public void Sign_PerPoint_ReplacesTheDevicesConventionForThatPointOnly()
    {
        // The device signs its total grid power import-positive, but its per-phase registers export-positive.
        var f = new SampleFixture(With(
            devices: """[{"id":"inv","slave":1,"signs":{"grid":"import_positive","battery":"discharge_positive"}}]""",
            points: List(
                """{"name":"grid","address":1,"type":"int16","target":"grid.power"}""",
                """{"name":"grid_l1","address":2,"type":"int16","sign":"export_positive","target":"grid.l1.power"}""",
                """{"name":"batt","address":3,"type":"int16","sign":"charge_positive","target":"battery.power"}""",
                """{"name":"batt_a","address":4,"type":"int16","target":"battery.current"}""")));
        f.Set(1, 1500, unchecked((ushort)-500), 800, 20);

        f.Cycle();

        Assert.Equal((-1500.0, -500.0, 800.0, -20.0), (f.Value("grid.power"), f.Value("grid.l1.power"), f.Value("battery.power"), f.Value("battery.current")));
    }

    [Fact]
    public void Sign_Inverted_NegatesAnyNumberBeforeItsValidRange()
    {
        var f = new SampleFixture(With(points: List(
            """{"name":"load","address":1,"type":"int16","sign":"inverted","validMin":0,"target":"load.power"}""",
            """{"name":"flow","address":2,"type":"int16","scale":0.1,"sign":"inverted"}""")));
        f.Set(1, unchecked((ushort)-2300), 125);

        string json = f.Cycle();

        Assert.Equal(2300.0, f.Value("load.power"));
        Assert.Contains("\"ext\":{\"flow\":-12.5}", json);
        f.Set(1, 10);
        f.Cycle();
        Assert.Equal(Core.Registers.ValueQuality.OutOfRange, f.Quality("load.power"));
    }

    [Theory]
    [InlineData("""{"name":"p","address":1,"sign":"import_positive","target":"battery.power"}""", "points[0].sign: import_positive applies to grid power fields only")]
    [InlineData("""{"name":"p","address":1,"sign":"discharge_positive"}""", "points[0].sign: discharge_positive applies to battery power and current fields only")]
    [InlineData("""{"name":"p","address":1,"sign":"inverted","target":"device.state"}""", "points[0].sign: only numbers can be inverted")]
    [InlineData("""{"name":"p","address":1,"sign":"up"}""", "points[0].sign: must be one of device, export_positive, import_positive, charge_positive, discharge_positive, inverted")]
    public void Sign_Misused_IsRefused(string point, string message)
    {
        Assert.Equal(message, Fail(With(points: List(point))).Message);
    }
}
