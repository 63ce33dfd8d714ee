using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

/// <summary>RELIABILITY C6: every refusal names the offending path with an exact message.</summary>
public class RegisterMapLoaderErrorTests
{
    private static string P(string members) => With(points: List("{\"name\":\"p\",\"address\":1," + members + "}"));

    private static string Points(params string[] points) => With(points: List(points));

    private static string Dev(string members) => With(devices: "[{\"id\":\"inv\",\"slave\":1," + members + "}]");

    private static string Comp(params string[] computed) =>
        With(points: List("""{"name":"a","address":1}""", """{"name":"b","address":2}"""), computed: List(computed));

    private static string Maps(params string[] maps) => With(valueMaps: List(maps));

    private const string Types = "uint8_high, uint8_low, uint16, int16, uint32, int32, float32, uint64, int64, string, bool";

    public static TheoryData<string, MapErrorCode, string> Cases => new()
    {
        // The document
        { "", MapErrorCode.Json, "empty document" },
        { "[]", MapErrorCode.WrongType, "expected an object" },
        { """{"format":"energylogger-map/1","name":"t","devices":[{"id":"a","slave":1,}]}""", MapErrorCode.Json, "devices[0]: expected a member name" },
        { """{"format":"energylogger-map/2","name":"t","devices":[]}""", MapErrorCode.Format, "format: must be \"energylogger-map/1\"" },
        { """{"name":"t","devices":[]}""", MapErrorCode.Required, "format: is required" },
        { """{"format":"energylogger-map/1","devices":[]}""", MapErrorCode.Required, "name: is required" },
        { """{"format":"energylogger-map/1","name":"t"}""", MapErrorCode.Required, "devices: is required" },
        { """{"format":"energylogger-map/1","name":"t","devices":[]}""", MapErrorCode.Required, "devices: must list at least one device" },
        { """{"format":"energylogger-map/1","name":"t","devices":[],"colour":1}""", MapErrorCode.UnknownMember, "colour: unknown member" },
        { """{"format":"energylogger-map/1","name":"t","name":"u","devices":[]}""", MapErrorCode.DuplicateMember, "name: duplicate member" },
        { """{"format":"energylogger-map/1","name":"t","source":[1],"devices":[]}""", MapErrorCode.WrongType, "source[0]: expected a string" },

        // Devices
        { Dev("\"slave\":2"), MapErrorCode.DuplicateMember, "devices[0].slave: duplicate member" },
        { With(devices: """[{"id":"inv","slave":0}]"""), MapErrorCode.OutOfRange, "devices[0].slave: must be between 1 and 247" },
        { With(devices: """[{"id":"inv","slave":"1"}]"""), MapErrorCode.WrongType, "devices[0].slave: expected an integer" },
        { With(devices: """[{"id":"inv","slave":1},{"id":"m","slave":1}]"""), MapErrorCode.DuplicateName, "devices[1].slave: slave 1 is already used by devices[0]" },
        { With(devices: """[{"id":"inv","slave":1},{"id":"inv","slave":2}]"""), MapErrorCode.DuplicateName, "devices[1].id: \"inv\" is already used by devices[0]" },
        { With(devices: """[{"id":"Inverter","slave":1}]"""), MapErrorCode.BadName, "devices[0].id: must start with a-z and use only a-z, 0-9 and _" },
        { Dev("\"parity\":\"mark\""), MapErrorCode.UnknownValue, "devices[0].parity: must be one of none, even, odd" },
        { Dev("\"baud\":100"), MapErrorCode.OutOfRange, "devices[0].baud: must be between 1200 and 115200" },
        { Dev("\"maxRegisters\":126"), MapErrorCode.OutOfRange, "devices[0].maxRegisters: must be between 1 and 125" },
        { Dev("\"maxPowerW\":0"), MapErrorCode.OutOfRange, "devices[0].maxPowerW: must be above 0" },
        { Dev("\"neverRead\":[{\"from\":5,\"to\":4}]"), MapErrorCode.OutOfRange, "devices[0].neverRead[0].to: must not be below from" },
        { Dev("\"neverRead\":[{\"from\":5}]"), MapErrorCode.Required, "devices[0].neverRead[0].to: is required" },
        { Dev("\"neverRead\":{}"), MapErrorCode.WrongType, "devices[0].neverRead: expected an array" },
        { Dev("\"signs\":{\"grid\":\"up\"}"), MapErrorCode.UnknownValue, "devices[0].signs.grid: must be one of export_positive, import_positive" },
        { Dev("\"signs\":{\"load\":\"x\"}"), MapErrorCode.UnknownMember, "devices[0].signs.load: unknown member" },
        { Dev("\"endpoint\":\"\""), MapErrorCode.OutOfRange, "devices[0].endpoint: must be 1 to 128 characters" },
        { With(devices: List(Enumerable.Range(1, 9).Select(i => $$"""{"id":"d{{i}}","slave":{{i}}}""").ToArray())), MapErrorCode.TooMany, "devices: at most 8 devices" },

        // Points: shape
        { Points("""{"name":"p"}"""), MapErrorCode.Required, "points[0].address: is required" },
        { Points("""{"address":1}"""), MapErrorCode.Required, "points[0].name: is required" },
        { P("\"colour\":1"), MapErrorCode.UnknownMember, "points[0].colour: unknown member" },
        { P("\"address\":2"), MapErrorCode.DuplicateMember, "points[0].address: duplicate member" },
        { Points("""{"name":"p","address":70000}"""), MapErrorCode.OutOfRange, "points[0].address: must be between 0 and 65535" },
        { Points("""{"name":"p","address":1.5}"""), MapErrorCode.WrongType, "points[0].address: expected an integer" },
        { Points("""{"name":"Bad-Name","address":1}"""), MapErrorCode.BadName, "points[0].name: must start with a-z and use only a-z, 0-9 and _" },
        { Points("""{"name":"p","address":1}""", """{"name":"p","address":2}"""), MapErrorCode.DuplicateName, "points[1].name: \"p\" is already used by points[0]" },
        { With(points: List("""{"name":"p","address":1}"""), metadata: List("""{"name":"p","address":2}""")), MapErrorCode.DuplicateName, "metadata[0].name: \"p\" is already used by points[0]" },
        { P("\"type\":\"int17\""), MapErrorCode.UnknownValue, "points[0].type: must be one of " + Types },
        { P("\"function\":\"register\""), MapErrorCode.UnknownValue, "points[0].function: must be one of coil, discrete_input, holding, input" },
        { P("\"count\":2"), MapErrorCode.NotAllowed, "points[0].count: only allowed for type string" },
        { P("\"type\":\"string\""), MapErrorCode.Required, "points[0].count: is required" },
        { P("\"type\":\"string\",\"count\":33"), MapErrorCode.OutOfRange, "points[0].count: must be between 1 and 32" },
        { Points("""{"name":"p","address":65535,"type":"uint32"}"""), MapErrorCode.OutOfRange, "points[0].address: the point runs past address 65535" },
        { P("\"function\":\"coil\",\"type\":\"uint16\""), MapErrorCode.NotAllowed, "points[0].type: must be bool for coil and discrete_input points" },
        { P("\"function\":\"discrete_input\",\"wordOrder\":\"ABCD\""), MapErrorCode.NotAllowed, "points[0].wordOrder: only allowed for registers" },
        { P("\"wordOrder\":\"ACBD\""), MapErrorCode.UnknownValue, "points[0].wordOrder: must be one of ABCD, CDAB, BADC, DCBA" },
        { P("\"device\":\"meter\""), MapErrorCode.UnknownReference, "points[0].device: unknown device \"meter\"" },
        { With(devices: """[{"id":"a","slave":1},{"id":"b","slave":2}]""", points: List("""{"name":"p","address":1}""")), MapErrorCode.Required, "points[0].device: is required when the map has several devices" },
        { With(points: List(Enumerable.Range(0, 256).Select(i => $$"""{"name":"p{{i}}","address":{{i}}}""").ToArray())), MapErrorCode.TooMany, "points: at most 255 telemetry points" },
        { With(metadata: List(Enumerable.Range(0, 31).Select(i => $$"""{"name":"m{{i}}","address":{{i}}}""").ToArray())), MapErrorCode.TooMany, "metadata: at most 30 metadata points" },
        { With(points: "{}"), MapErrorCode.WrongType, "points: expected an array" },
        { With(points: "[1]"), MapErrorCode.WrongType, "points[0]: expected an object" },

        // Points: bits, scaling, sentinels, ranges
        { P("\"type\":\"int16\",\"bit\":1"), MapErrorCode.NotAllowed, "points[0].bit: only allowed for unsigned integer types and bool registers" },
        { P("\"type\":\"float32\",\"mask\":1"), MapErrorCode.NotAllowed, "points[0].mask: only allowed for unsigned integer types and bool registers" },
        { P("\"bit\":16"), MapErrorCode.OutOfRange, "points[0].bit: must be between 0 and 15" },
        { P("\"type\":\"uint8_low\",\"bit\":8"), MapErrorCode.OutOfRange, "points[0].bit: must be between 0 and 7" },
        { P("\"bit\":1,\"mask\":3"), MapErrorCode.NotAllowed, "points[0].mask: bit and mask exclude each other" },
        { P("\"mask\":0"), MapErrorCode.OutOfRange, "points[0].mask: must not be 0" },
        { P("\"mask\":\"0x1FFFF\""), MapErrorCode.OutOfRange, "points[0].mask: does not fit uint16" },
        { P("\"type\":\"bool\",\"mask\":3"), MapErrorCode.NotAllowed, "points[0].mask: a bool takes a bit, not a mask" },
        { P("\"scale\":\"x\""), MapErrorCode.WrongType, "points[0].scale: expected a number" },
        { P("\"scale\":0"), MapErrorCode.OutOfRange, "points[0].scale: must not be 0" },
        { P("\"scale\":1e999"), MapErrorCode.OutOfRange, "points[0].scale: number too large" },
        { P("\"type\":\"string\",\"count\":2,\"scale\":2"), MapErrorCode.NotAllowed, "points[0].scale: not allowed for type string" },
        { P("\"bit\":2,\"offset\":1"), MapErrorCode.NotAllowed, "points[0].offset: not allowed for a single bit" },
        { P("\"type\":\"float32\",\"scaleFactor\":\"sf\""), MapErrorCode.NotAllowed, "points[0].scaleFactor: not allowed for type float32" },
        { P("\"scaleFactor\":\"sf\""), MapErrorCode.UnknownReference, "points[0].scaleFactor: unknown point \"sf\"" },
        { P("\"scaleFactor\":\"p\""), MapErrorCode.NotAllowed, "points[0].scaleFactor: a point cannot scale itself" },
        { Points("""{"name":"p","address":1,"scaleFactor":"sf"}""", """{"name":"sf","address":2}"""), MapErrorCode.NotAllowed, "points[0].scaleFactor: \"sf\" must be a plain int16 point" },
        { With(devices: """[{"id":"a","slave":1},{"id":"b","slave":2}]""", points: List("""{"name":"p","device":"a","address":1,"scaleFactor":"sf"}""", """{"name":"sf","device":"b","type":"int16","address":2}""")), MapErrorCode.NotAllowed, "points[0].scaleFactor: \"sf\" is on another device" },
        { P("\"sentinels\":[1,2,3,4,5]"), MapErrorCode.TooMany, "points[0].sentinels: at most 4 sentinels" },
        { P("\"sentinels\":[70000]"), MapErrorCode.OutOfRange, "points[0].sentinels[0]: does not fit uint16" },
        { P("\"sentinels\":[1,-1]"), MapErrorCode.OutOfRange, "points[0].sentinels[1]: does not fit uint16" },
        { P("\"type\":\"int16\",\"sentinels\":[-32769]"), MapErrorCode.OutOfRange, "points[0].sentinels[0]: does not fit int16" },
        { P("\"sentinels\":[\"FFFF\"]"), MapErrorCode.WrongType, "points[0].sentinels[0]: expected an integer or a hex string such as \"0xFFFF\"" },
        { P("\"sentinels\":[1.5]"), MapErrorCode.WrongType, "points[0].sentinels[0]: expected an integer or a hex string such as \"0xFFFF\"" },
        { P("\"type\":\"string\",\"count\":2,\"sentinels\":[0]"), MapErrorCode.NotAllowed, "points[0].sentinels: not allowed for type string" },
        { P("\"function\":\"coil\",\"sentinels\":[0]"), MapErrorCode.NotAllowed, "points[0].sentinels: not allowed for coil and discrete_input points" },
        { P("\"validMin\":10,\"validMax\":5"), MapErrorCode.OutOfRange, "points[0].validMax: must not be below validMin" },

        // Points: use
        { P("\"poll\":\"hourly\""), MapErrorCode.UnknownValue, "points[0].poll: must be one of fast, normal, slow, once" },
        { P("\"unit\":\"megawatt-hours-x!\""), MapErrorCode.OutOfRange, "points[0].unit: must be 1 to 16 characters" },
        { P("\"function\":\"input\",\"writable\":true"), MapErrorCode.NotAllowed, "points[0].writable: only holding registers and coils can be written" },
        { P("\"writable\":true"), MapErrorCode.Required, "points[0].writeMin: is required" },
        { P("\"writable\":true,\"writeMin\":5,\"writeMax\":1"), MapErrorCode.OutOfRange, "points[0].writeMax: must not be below writeMin" },
        { P("\"writeMin\":1"), MapErrorCode.NotAllowed, "points[0].writeMin: only allowed for writable points" },
        { P("\"writable\":1"), MapErrorCode.WrongType, "points[0].writable: expected true or false" },
        { P("\"mask\":3,\"writable\":true"), MapErrorCode.NotAllowed, "points[0].writable: a masked point cannot be written" },
        { P("\"function\":\"coil\",\"writable\":true,\"writeMin\":0"), MapErrorCode.NotAllowed, "points[0].writeMin: not allowed for type bool" },
        { P("\"valueMap\":\"nope\""), MapErrorCode.UnknownReference, "points[0].valueMap: unknown value map \"nope\"" },
        { With(valueMaps: """[{"name":"m","values":{"0":"a"}}]""", points: List("""{"name":"p","address":1,"scale":0.1,"valueMap":"m"}""")), MapErrorCode.NotAllowed, "points[0].valueMap: needs an integer point without scale, offset or scaleFactor" },
        { P("\"target\":\"grid.powr\""), MapErrorCode.UnknownTarget, "points[0].target: unknown schema path \"grid.powr\"" },
        { P("\"target\":\"grid.power\",\"unit\":\"kW\""), MapErrorCode.UnitMismatch, "points[0].unit: grid.power is in W, not kW" },
        { P("\"target\":\"device.state\",\"unit\":\"W\""), MapErrorCode.UnitMismatch, "points[0].unit: device.state has no unit, not W" },
        { P("\"target\":\"device.state\",\"scale\":0.1"), MapErrorCode.NotAllowed, "points[0].target: device.state needs an integer point without scale, offset or scaleFactor" },
        { P("\"type\":\"float32\",\"target\":\"device.fault_code\""), MapErrorCode.NotAllowed, "points[0].target: device.fault_code needs an integer point without scale, offset or scaleFactor" },
        { P("\"type\":\"string\",\"count\":5,\"target\":\"pv.power\""), MapErrorCode.NotAllowed, "points[0].target: a string point cannot feed a schema field" },
        { Points("""{"name":"a","address":1,"target":"grid.power"}""", """{"name":"b","address":2,"target":"grid.power"}"""), MapErrorCode.DuplicateTarget, "points[1].target: grid.power is already fed by points[0]" },
        { With(metadata: List("""{"name":"m","address":1,"target":"pv.power"}""")), MapErrorCode.UnknownMember, "metadata[0].target: unknown member" },

        // Value maps
        { Maps("""{"name":"m","values":{"x":"a"}}"""), MapErrorCode.WrongType, "valueMaps[0].values.x: expected an integer code" },
        { Maps("""{"name":"m","values":{"01":"a"}}"""), MapErrorCode.WrongType, "valueMaps[0].values.01: expected an integer code" },
        { Maps("""{"name":"m","bits":{"64":"a"}}"""), MapErrorCode.WrongType, "valueMaps[0].bits.64: expected a bit number from 0 to 63" },
        { Maps("""{"name":"m","values":{"1":"a","1":"b"}}"""), MapErrorCode.DuplicateMember, "valueMaps[0].values.1: duplicate member" },
        { Maps("""{"name":"m","values":{"1":2}}"""), MapErrorCode.WrongType, "valueMaps[0].values.1: expected a string" },
        { Maps("""{"name":"m","values":{"1":""}}"""), MapErrorCode.OutOfRange, "valueMaps[0].values.1: must be 1 to 48 characters" },
        { Maps("""{"name":"m","values":{"0":"a"},"bits":{"0":"b"}}"""), MapErrorCode.NotAllowed, "valueMaps[0].bits: values and bits exclude each other" },
        { Maps("""{"name":"m"}"""), MapErrorCode.Required, "valueMaps[0].values: is required (or bits)" },
        { Maps("""{"name":"m","values":[]}"""), MapErrorCode.WrongType, "valueMaps[0].values: expected an object" },
        { Maps("""{"name":"m","values":{"0":"a"}}""", """{"name":"m","values":{"0":"a"}}"""), MapErrorCode.DuplicateName, "valueMaps[1].name: \"m\" is already used by valueMaps[0]" },
        { Maps("{\"name\":\"m\",\"values\":{" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"\"{i}\":\"t\"")) + "}}"), MapErrorCode.TooMany, "valueMaps[0].values: at most 64 entries" },
        { Maps(Enumerable.Range(0, 17).Select(i => $$$"""{"name":"m{{{i}}}","values":{"0":"a"}}""").ToArray()), MapErrorCode.TooMany, "valueMaps: at most 16 value maps" },

        // Computed fields
        { Comp("""{"name":"c","a":"a","b":"b"}"""), MapErrorCode.Required, "computed[0].op: is required" },
        { Comp("""{"name":"c","op":"divide","a":"a","b":"b"}"""), MapErrorCode.UnknownValue, "computed[0].op: must be one of add, subtract, multiply, negate, daily" },
        { Comp("""{"name":"c","op":"add","a":"a"}"""), MapErrorCode.Required, "computed[0].b: is required" },
        { Comp("""{"name":"c","op":"negate","a":"a","b":"b"}"""), MapErrorCode.NotAllowed, "computed[0].b: not allowed for negate" },
        { Comp("""{"name":"c","op":"add","a":"a","b":"nope"}"""), MapErrorCode.UnknownReference, "computed[0].b: unknown source \"nope\"" },
        { Comp("""{"name":"c","op":"add","a":true,"b":"b"}"""), MapErrorCode.WrongType, "computed[0].a: expected a point name, a computed field name or a number" },
        { Comp("""{"name":"a","op":"negate","a":"b"}"""), MapErrorCode.DuplicateName, "computed[0].name: \"a\" is already used by points[0]" },
        { Comp("""{"name":"c","op":"negate","a":"c"}"""), MapErrorCode.Cycle, "computed[0].a: forms a cycle: c -> c" },
        { Comp("""{"name":"x","op":"add","a":"y","b":1}""", """{"name":"y","op":"add","a":"a","b":"z"}""", """{"name":"z","op":"multiply","a":2,"b":"x"}"""), MapErrorCode.Cycle, "computed[2].b: forms a cycle: x -> y -> z -> x" },
        { Comp("""{"name":"c","op":"negate","a":"a","target":"device.state"}"""), MapErrorCode.NotAllowed, "computed[0].target: device.state needs an integer point without scale, offset or scaleFactor" },
        { With(points: List("""{"name":"a","address":1,"target":"grid.power"}"""), computed: List("""{"name":"c","op":"negate","a":"a","target":"grid.power"}""")), MapErrorCode.DuplicateTarget, "computed[0].target: grid.power is already fed by points[0]" },
        { Comp("""{"name":"c","op":"negate","a":"a","target":"pv.power","unit":"kW"}"""), MapErrorCode.UnitMismatch, "computed[0].unit: pv.power is in W, not kW" },
        { Comp(Enumerable.Range(0, 21).Select(i => $$"""{"name":"c{{i}}","op":"negate","a":"a"}""").ToArray()), MapErrorCode.TooMany, "computed: at most 20 computed fields" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void C6_Load_InvalidMap_RefusedWithExactMessage(string json, MapErrorCode code, string message)
    {
        MapError error = Fail(json);

        Assert.Equal(message, error.Message);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Load_Error_PositionPointsAtTheOffendingValue()
    {
        string json = P("\"scale\":\"x\"");

        MapError error = Fail(json);

        Assert.Equal(json.IndexOf("\"x\"", StringComparison.Ordinal), error.Position);
        Assert.Equal("points[0].scale: expected a number (byte " + error.Position + ")", error.ToString());
    }

    [Fact]
    public void Load_JsonSyntaxError_CarriesPathAndPosition()
    {
        string json = With(points: List("""{"name":"p","address":1}""", """{"name":"q","address":}"""));

        MapError error = Fail(json);

        Assert.Equal("points[1].address: expected a value", error.Message);
        Assert.Equal(json.IndexOf("\"address\":}", StringComparison.Ordinal) + 10, error.Position);
    }

    [Fact]
    public void Load_TooLarge_IsRefusedBeforeParsing()
    {
        string json = With().Replace("\"test\"", "\"" + new string('x', MapLimits.MaxMapBytes) + "\"");

        Assert.Equal($"document too large: {System.Text.Encoding.UTF8.GetByteCount(json)} bytes, the limit is {MapLimits.MaxMapBytes}", Fail(json).Message);
    }

    [Fact]
    public void Load_NestedTooDeep_NamesTheLimit()
    {
        string deep = new string('[', MapLimits.MaxMapDepth) + new string(']', MapLimits.MaxMapDepth);
        string json = With().Replace("\"name\":\"test\"", "\"name\":\"test\",\"source\":" + deep);

        Assert.Equal($"source{string.Concat(Enumerable.Repeat("[0]", MapLimits.MaxMapDepth - 1))}: nesting too deep: the limit is {MapLimits.MaxMapDepth} levels", Fail(json).Message);
    }
}
