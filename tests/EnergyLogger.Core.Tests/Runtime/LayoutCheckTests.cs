using System.Text.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Fakes;
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

    /// <summary>A site of one SunSpec inverter: its points come from its chain.</summary>
    private const string Site = """{"format":"energylogger-map/1","name":"site","devices":[{"id":"inverter","slave":1,"kind":"sunspec"}]}""";

    /// <summary>SunS, a common model of <paramref name="commonLength"/> registers, model 103 with DCW = <paramref name="dcw"/> W, the end model.</summary>
    private static void Chain(SlaveImage slave, int commonLength, ushort dcw)
    {
        slave.Holding.Clear();
        slave.SetHolding(40000, 0x5375, 0x6E53, 1, (ushort)commonLength).SetHolding(40004, new ushort[commonLength]);
        int inverter = 40004 + commonLength;
        var model = new ushort[50];
        model[29] = dcw;
        slave.SetHolding(inverter, 103, 50).SetHolding(inverter + 2, model).SetHolding(inverter + 52, 0xFFFF, 0);
    }

    [Fact]
    public void SunSpecSite_WalkedAtTheFirstCycle_TheDraftedMapPublishes()
    {
        var rig = new LoopRig(Site);
        Chain(rig.Slave, 65, 3100);
        rig.Run(24_000);

        Assert.True(1 == rig.Sink.Lines.Count(l => l.Contains("msg=\"map drafted from the SunSpec devices\" map=site", StringComparison.Ordinal)
            && l.Contains("chains=\"unit 1: 1 at 40002 (L=65), 103 at 40069 (L=50)\"", StringComparison.Ordinal)), string.Join("\n", rig.Sink.Lines));
        Assert.Equal(3100.0, rig.Samples().Last().GetProperty("pv").GetProperty("power").GetDouble());
    }

    [Fact]
    public void SunSpecSite_ChainChanges_DraftedAgainAfterThreeCycles_AndTakenOver()
    {
        var rig = new LoopRig(Site);
        Chain(rig.Slave, 65, 3100);
        rig.Run(24_000);
        // A firmware update: the common model grows to 66 registers and moves the inverter model one register on.
        Chain(rig.Slave, 66, 2900);
        rig.Run(60_000);

        Assert.Contains(rig.Sink.Lines, l => l.Contains("msg=\"device layout is not the map's; its values are invalid\" device=inverter address=40003 expected=65 found=66", StringComparison.Ordinal));
        Assert.Single(rig.Sink.Lines, l => l.Contains("chains=\"unit 1: 1 at 40002 (L=66), 103 at 40070 (L=50)\"", StringComparison.Ordinal));
        Assert.Equal(2900.0, rig.Samples().Last().GetProperty("pv").GetProperty("power").GetDouble());
        Assert.DoesNotContain(rig.Samples(), s => s.TryGetProperty("pv", out JsonElement pv) && pv.TryGetProperty("power", out JsonElement w)
            && w.ValueKind == JsonValueKind.Number && w.GetDouble() is not (3100.0 or 2900.0));
    }

    [Fact]
    public void SunSpecSite_NoMarker_NothingPublished_SaidOnce_WalkedAgainLater()
    {
        var rig = new LoopRig(Site);
        rig.Slave.Holding.Clear();
        rig.Run(90_000);

        Assert.Empty(rig.Samples());
        Assert.Single(rig.Sink.Lines, l => l.Contains("msg=\"the SunSpec devices could not be walked; the map stays\" reason=\"unit 1: no SunSpec marker", StringComparison.Ordinal));
        int walks = rig.Scripted.Writes.Count(w => w.Bytes.Length > 3 && w.Bytes[1] == 3 && (w.Bytes[2] << 8 | w.Bytes[3]) == 40000);
        Assert.True(walks >= 2, $"{walks} walks");

        Chain(rig.Slave, 65, 3100);
        rig.Run(60_000);
        Assert.Equal(3100.0, rig.Samples().Last().GetProperty("pv").GetProperty("power").GetDouble());
    }

    /// <summary>
    /// A value 100 registers from its factor: apart, the cheapest plan reads them in two requests (the gap costs more than
    /// a request at 9600 baud); with "scaleInRequest" one request holds both, and a value too far for one request keeps
    /// its own span.
    /// </summary>
    [Theory]
    [InlineData(false, 100, "FC03 40000+1,FC03 40100+1")]
    [InlineData(true, 100, "FC03 40000+101")]
    [InlineData(true, 130, "FC03 40000+1,FC03 40130+1")]
    public void ScaleInRequest_ValueAndItsFactorInOneRequest_WhereOneRequestHoldsBoth(bool together, int distance, string requests)
    {
        string map = With(
            devices: "[{\"id\":\"inverter\",\"slave\":1,\"scaleInRequest\":" + (together ? "true" : "false") + "}]",
            points: List(
                """{"name":"w","address":40000,"type":"int16","scaleFactor":"w_sf","poll":"fast","target":"pv.power"}""",
                "{\"name\":\"w_sf\",\"address\":" + (40000 + distance) + ",\"type\":\"int16\",\"poll\":\"fast\"}"));
        var rig = new PollRig(map);
        rig.Slave.FillHolding(40000 + distance + 1);
        rig.Slave.SetHolding(40000, 1234).SetHolding(40000 + distance, 1);

        Assert.Equal(requests, string.Join(",", rig.Cycle()));
        Assert.Equal(12340.0, rig.Value("pv.power"));
    }
}
