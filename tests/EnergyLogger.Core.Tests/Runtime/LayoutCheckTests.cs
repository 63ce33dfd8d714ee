using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// docs/register-map.md, "Expected registers": a device whose layout is not the one the map was written for (a SunSpec
/// common model of 66 registers where the map counted 65) publishes no number from it.
/// </summary>
public class LayoutCheckTests
{
    // SunS, then model 1 with the length the map was written for; the inverter model's W a fixed distance further on.
    private static readonly string Map = With(
        devices: """[{"id":"inverter","slave":1,"expect":[{"address":40000,"values":["0x5375","0x6E53",1,65]},{"address":40069,"values":[103,50]}]}]""",
        points: List(
            """{"name":"w","address":40083,"type":"int16","scaleFactor":"w_sf","poll":"fast","target":"pv.power"}""",
            """{"name":"w_sf","address":40084,"type":"int16","poll":"fast"}"""));

    private static void Image(PollRig rig, ushort commonLength)
    {
        rig.Slave.SetHolding(40000, 0x5375, 0x6E53, 1, commonLength);
        // With L=66 every later register moves up by one: model 103's header lands on 40070 and 40069 holds the pad.
        int shift = commonLength - 65;
        rig.Slave.SetHolding(40069, 0, 0, 0);
        rig.Slave.SetHolding(40069 + shift, 103, 50);
        rig.Slave.SetHolding(40083, 0, 0, 0);
        rig.Slave.SetHolding(40083 + shift, 21234, 0xFFFF);
    }

    [Fact]
    public void ExpectedRegistersHold_ValuesPublished_HelperPointsNot()
    {
        var rig = new PollRig(Map);
        Image(rig, 65);

        rig.Cycle();

        Assert.Equal(ValueQuality.Ok, rig.Quality("pv.power"));
        Assert.Equal(2123.4, rig.Value("pv.power"), 6);
        Assert.DoesNotContain("expect", rig.Json());
    }

    [Fact]
    public void CommonModelOf66_ShiftFound_EveryValueInvalid_NoWrongNumber()
    {
        var rig = new PollRig(Map);
        Image(rig, 66);

        rig.Cycle();

        Assert.Equal(ValueQuality.Invalid, rig.Quality("pv.power"));
        Assert.Contains("\"q\":{\"pv.power\":\"invalid\"}", rig.Json());
        Assert.Equal(0, rig.Engine.Values.Mismatch[0] < 0 ? 1 : 0);
        Assert.Equal(40003, rig.Engine.Map.Points[rig.Engine.Values.Mismatch[0]].Address);
    }

    [Fact]
    public void Mismatch_LoggedOnceAndInTheDiagnostics_UntilTheLayoutHoldsAgain()
    {
        string map = Map.Replace("\"poll\":\"fast\",\"target\":\"pv.power\"", "\"poll\":\"fast\",\"target\":\"grid.power\"");
        var rig = new LoopRig(map);
        rig.Slave.SetHolding(40000, 0x5375, 0x6E53, 1, 66).SetHolding(40069, 103, 50).SetHolding(40083, 100, 0);
        rig.Run(12_000);

        Assert.Single(rig.Sink.Lines, l => l.Contains("msg=\"device layout is not the map's; its values are invalid\" device=inverter address=40003 expected=65 found=66"));
        rig.Command("get_diagnostics", 1);
        rig.Run(1_000);
        Assert.Equal("inverter@40003", rig.Result("get_diagnostics").GetProperty("payload").GetProperty("layout_mismatch").GetString());

        rig.Slave.SetHolding(40003, 65);
        rig.Run(12_000);
        Assert.Single(rig.Sink.Lines, l => l.Contains("msg=\"device layout is the map's again\" device=inverter"));
        rig.Command("get_diagnostics", 2);
        rig.Run(1_000);
        Assert.False(rig.Result("get_diagnostics").GetProperty("payload").TryGetProperty("layout_mismatch", out _));
    }

    [Theory]
    [InlineData("""[{"address":1}]""", "devices[0].expect[0].values: is required")]
    [InlineData("""[{"address":1,"values":[]}]""", "devices[0].expect[0].values: must list at least one value")]
    [InlineData("""[{"address":1,"values":[70000]}]""", "devices[0].expect[0].values[0]: does not fit uint16")]
    [InlineData("""[{"function":"coil","address":1,"values":[1]}]""", "devices[0].expect[0].function: only registers can be expected")]
    public void Expect_Bad_IsRefused(string expect, string message)
    {
        Assert.Equal(message, Fail(With(devices: "[{\"id\":\"inv\",\"slave\":1,\"expect\":" + expect + "}]")).Message);
    }

    private sealed class Redraft(string map) : IMapRediscovery
    {
        public int Calls { get; private set; }

        public RegisterMap? Map { get; set; } = MapText.Load(map);

        public RegisterMap? Rediscover(RegisterMap current, Core.Modbus.ModbusMaster bus)
        {
            Calls++;
            return Map;
        }
    }

    [Fact]
    public void Mismatch_ThreeCyclesInARow_MapDraftedAgainFromTheDevices_AndTakenOver()
    {
        string map = Map.Replace("\"poll\":\"fast\",\"target\":\"pv.power\"", "\"poll\":\"fast\",\"target\":\"grid.power\"");
        // What a walk of the device finds: a common model of 66, so everything one register further on.
        var redraft = new Redraft(map.Replace("1,65]", "1,66]").Replace("40069,", "40070,").Replace("40083", "40084").Replace("40084,\"type\":\"int16\",\"poll\":\"fast\"}", "40085,\"type\":\"int16\",\"poll\":\"fast\"}"));
        var rig = new LoopRig(map, rediscovery: redraft);
        rig.Slave.SetHolding(40000, 0x5375, 0x6E53, 1, 66).SetHolding(40069, 0, 103, 50).SetHolding(40083, 0, 1234, 0);
        rig.Run(12_000);

        Assert.Equal(1, redraft.Calls);
        Assert.Single(rig.Sink.Lines, l => l.Contains("msg=\"map drafted again from the devices\" map=test", StringComparison.Ordinal));
        rig.Run(6_000);
        Assert.Equal(2, rig.Sink.Lines.Count(l => l.Contains("msg=\"map taken over\"", StringComparison.Ordinal)));
        Assert.Equal(1234.0, rig.Samples().Last().GetProperty("grid").GetProperty("power").GetDouble());
        Assert.Equal(1, redraft.Calls);
    }

    [Fact]
    public void Mismatch_DevicesCannotBeWalked_MapStays_AskedAgainLater()
    {
        string map = Map.Replace("\"poll\":\"fast\",\"target\":\"pv.power\"", "\"poll\":\"fast\",\"target\":\"grid.power\"");
        var redraft = new Redraft(map) { Map = null };
        var rig = new LoopRig(map, rediscovery: redraft);
        rig.Slave.SetHolding(40000, 0x5375, 0x6E53, 1, 66).SetHolding(40069, 103, 50).SetHolding(40083, 100, 0);
        rig.Run(30_000);

        Assert.True(redraft.Calls >= 2, $"{redraft.Calls} calls");
        Assert.Contains(rig.Sink.Lines, l => l.Contains("msg=\"the devices could not be walked again; the map stays\" layout=inverter@40003", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains("map drafted again", StringComparison.Ordinal));
    }
}
