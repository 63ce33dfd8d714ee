using System.Text.Json;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Runtime;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>docs/register-map.md, "Value maps": a value map on a point without a target, or on a metadata point, publishes its text.</summary>
public class ValueMapTextTests
{
    private const string Maps = """[{"name":"mode","values":{"0":"self use","1":"feed-in first"}},{"name":"alarms","bits":{"0":"grid lost","3":"fan fault"}}]""";

    private static string ExtMap() => With(
        valueMaps: Maps,
        points: List(
            """{"name":"work_mode","address":1,"valueMap":"mode"}""",
            """{"name":"alarm_word","address":2,"type":"uint32","valueMap":"alarms"}""",
            """{"name":"pv_w","address":4,"target":"pv.power"}"""));

    [Fact]
    public void Ext_CodeWithValueMap_PublishesItsTextNextToIt()
    {
        var f = new SampleFixture(ExtMap());
        f.Set(1, 1, 0, 9, 1200);

        string json = f.Cycle();

        Assert.Contains("\"ext\":{\"work_mode\":1,\"work_mode_text\":\"feed-in first\",\"alarm_word\":9,\"alarm_word_text\":[\"grid lost\",\"fan fault\"]}", json);
        f.Set(1, 7);
        Assert.Contains("\"ext\":{\"work_mode\":7,\"alarm_word\":9,", f.Cycle());
    }

    [Fact]
    public void Ext_TextsSurviveTheOutboxRecordsAndTheirStoredLayout()
    {
        var f = new SampleFixture(ExtMap());
        f.Set(1, 0, 0, 8, 1200);
        string expected = f.Cycle();

        SampleLayout layout = SampleLayout.Of(f.Sample);
        Assert.Equal(2, layout.Bytes[0]);
        SampleLayout stored = SampleLayout.Read(layout.Bytes, 0, layout.Bytes.Length)!;
        Assert.NotNull(stored);
        var encoded = new RecordState(stored);
        var decoded = new RecordState(stored);
        var buffer = new byte[RecordCodec.MaxBytes(stored)];
        RecordCodec.Capture(f.Sample, encoded);
        int length = RecordCodec.Encode(encoded, new RecordState(stored), buffer, 0, true);
        Assert.True(RecordCodec.Decode(buffer, 0, length, decoded));
        Sample render = stored.CreateSample();
        RecordCodec.Render(decoded, render);
        var w = new JsonWriter(16384, SampleWriter.Depth);
        Assert.True(SampleWriter.Write(render, w));

        Assert.Equal(expected, w.Text());
        Assert.Contains("\"work_mode_text\":\"self use\"", expected);
    }

    [Fact]
    public void Layout_WithoutExtTexts_StaysVersionOne()
    {
        var f = new SampleFixture(With(points: List("""{"name":"a","address":1}""")));

        Assert.Equal(1, SampleLayout.Of(f.Sample).Bytes[0]);
    }

    [Fact]
    public void Metadata_CodeWithValueMap_PublishesItsText()
    {
        string map = With(
            valueMaps: """[{"name":"models","values":{"2":"SH10RT","3":"SH8RT"}}]""",
            points: List("""{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}"""),
            metadata: List("""{"name":"model_code","address":11,"valueMap":"models"}"""));
        var rig = new LoopRig(map);
        rig.Slave.SetHolding(11, 3);
        rig.Run(1_000);
        rig.Session.Drop();
        rig.Run(10_000);

        JsonElement keys = System.Text.Json.JsonDocument.Parse(rig.Session.On("/epmx/").Last().Payload).RootElement;
        Assert.Equal(3, keys.GetProperty("model_code").GetInt32());
        Assert.Equal("SH8RT", keys.GetProperty("model_code_text").GetString());
    }

    [Fact]
    public void TextName_TakenByAnotherValue_IsRefused()
    {
        MapError error = Fail(With(valueMaps: Maps, points: List(
            """{"name":"work_mode","address":1,"valueMap":"mode"}""",
            """{"name":"work_mode_text","address":2}""")));

        Assert.Equal("points[0].valueMap: its text is published as \"work_mode_text\", which is already used by points[1]", error.Message);
    }
}
