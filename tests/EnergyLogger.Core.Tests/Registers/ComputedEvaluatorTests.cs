using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

public class ComputedEvaluatorTests
{
    private static readonly string TwoPoints = List(
        """{"name":"import","function":"input","address":1021,"type":"uint32","scale":0.1}""",
        """{"name":"export","function":"input","address":1029,"type":"uint32","scale":0.1}""");

    private static (RegisterMap Map, DecodedValues Values, RegisterFrame Frame) Run(string computed, uint import = 12345, uint export = 500, bool exportRead = true)
    {
        RegisterMap map = Load(With(points: TwoPoints, computed: computed));
        var frame = new RegisterFrame(map);
        frame.Deliver(0, FunctionCode.ReadInputRegisters, 1021, new[] { (ushort)(import >> 16), (ushort)import }, 0, 2);
        if (exportRead)
        {
            frame.Deliver(0, FunctionCode.ReadInputRegisters, 1029, new[] { (ushort)(export >> 16), (ushort)export }, 0, 2);
        }

        var values = new DecodedValues(map);
        PointDecoder.DecodeCycle(frame, values);
        return (map, values, frame);
    }

    private static (ValueQuality, double) Get(RegisterMap map, DecodedValues values, string name)
    {
        int slot = map.IndexOfValue(name);
        return (values.Quality[slot], values.Values[slot]);
    }

    [Theory]
    [InlineData("add", 1284.5)]
    [InlineData("subtract", -1184.5)]
    [InlineData("multiply", 61725.0)]
    public void Evaluate_BinaryOps_CombineTwoPoints(string op, double expected)
    {
        var (map, values, _) = Run(List($$"""{"name":"c","op":"{{op}}","a":"export","b":"import"}"""));

        var (quality, value) = Get(map, values, "c");
        Assert.Equal(ValueQuality.Ok, quality);
        Assert.Equal(expected, value, 9);
    }

    [Fact]
    public void Evaluate_NegateAndConstants_Work()
    {
        var (map, values, _) = Run(List(
            """{"name":"neg","op":"negate","a":"import"}""",
            """{"name":"watts","op":"multiply","a":"import","b":1000}""",
            """{"name":"offset","op":"add","a":-5,"b":"export"}"""));

        Assert.Equal((ValueQuality.Ok, -1234.5), Get(map, values, "neg"));
        Assert.Equal((ValueQuality.Ok, 1234500.0), Get(map, values, "watts"));
        Assert.Equal((ValueQuality.Ok, 45.0), Get(map, values, "offset"));
    }

    [Fact]
    public void Evaluate_ChainDeclaredBeforeItsSources_RunsInDependencyOrder()
    {
        // sum4 = ((import + export) + 1) + 2, declared last-first: the loader orders them.
        var (map, values, _) = Run(List(
            """{"name":"sum4","op":"add","a":"sum3","b":2}""",
            """{"name":"sum3","op":"add","a":"sum2","b":1}""",
            """{"name":"sum2","op":"add","a":"import","b":"export"}"""));

        Assert.Equal(new[] { "sum2", "sum3", "sum4" }, map.Computed.Select(c => c.Name));
        Assert.Equal((ValueQuality.Ok, 1287.5), Get(map, values, "sum4"));
    }

    [Fact]
    public void M1_Evaluate_StaleSource_MakesResultStaleNotWrong()
    {
        var (map, values, _) = Run(List("""{"name":"net","op":"subtract","a":"export","b":"import"}""", """{"name":"neg","op":"negate","a":"net"}"""), exportRead: false);

        Assert.Equal((ValueQuality.Stale, 0.0), Get(map, values, "net"));
        Assert.Equal((ValueQuality.Stale, 0.0), Get(map, values, "neg"));
    }

    [Fact]
    public void Evaluate_Overflow_IsInvalid()
    {
        var (map, values, _) = Run(List("""{"name":"huge","op":"multiply","a":"import","b":1e308}"""));

        Assert.Equal((ValueQuality.Invalid, 0.0), Get(map, values, "huge"));
    }

    [Fact]
    public void Evaluate_ResultOutsideValidRange_IsOutOfRange()
    {
        var (map, values, _) = Run(List("""{"name":"c","op":"add","a":"import","b":"export","validMax":1000}"""));

        Assert.Equal(ValueQuality.OutOfRange, Get(map, values, "c").Item1);
    }
}
