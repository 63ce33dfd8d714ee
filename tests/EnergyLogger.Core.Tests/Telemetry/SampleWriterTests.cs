using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

public class SampleWriterTests
{
    private static readonly string DeyeLike = With(
        devices: """[{"id":"inv","slave":1,"signs":{"grid":"import_positive","battery":"discharge_positive"}}]""",
        valueMaps: List(
            """{"name":"state","values":{"0":"standby","2":"normal","4":"fault"}}""",
            """{"name":"faults","bits":{"12":"F13 working mode change","17":"F18 AC over-current","19":"F20 DC over-current"}}"""),
        points: List(
            """{"name":"pv1_v","address":676,"scale":0.1,"target":"pv.mppt1.voltage"}""",
            """{"name":"pv1_w","address":672,"target":"pv.mppt1.power"}""",
            """{"name":"pv2_w","address":673,"target":"pv.mppt2.power"}""",
            """{"name":"grid_w","address":625,"type":"int16","target":"grid.power"}""",
            """{"name":"grid_v1","address":598,"scale":0.1,"target":"grid.l1.voltage"}""",
            """{"name":"soc","address":588,"target":"battery.soc"}""",
            """{"name":"batt_w","address":590,"type":"int16","target":"battery.power"}""",
            """{"name":"state","address":500,"valueMap":"state","target":"device.state"}""",
            """{"name":"fault","address":555,"type":"uint64","wordOrder":"CDAB","valueMap":"faults","target":"device.fault_code"}""",
            """{"name":"gen","address":552,"type":"bool","bit":3,"target":"generator.connected"}""",
            """{"name":"temp","address":540,"scale":0.1,"offset":-100,"target":"device.temperature"}""",
            """{"name":"pv_total_e","address":534,"type":"uint32","wordOrder":"CDAB","scale":0.1,"target":"pv.energy_total"}""",
            """{"name":"load_w","address":653,"type":"int16","sentinels":["0x8000"],"target":"load.power"}""",
            """{"name":"freq","address":609,"scale":0.01,"target":"grid.frequency"}""",
            """{"name":"aux","address":700}"""),
        computed: List("""{"name":"pv_total","op":"add","a":"pv1_w","b":"pv2_w","target":"pv.power"}"""));

    /// <summary>The document of <see cref="Write_DeyeLikeCycle_GoldenDocument"/>; docs/telemetry-schema.md shows the same.</summary>
    public static readonly string GoldenDocument = """
        {"v":1,"seq":3000000042,"ts":1767225600000,"mono":5000,"synced":true,
        "pv":{"power":4000,"energy_total":10000,"mppt1":{"voltage":345.6,"power":2100},"mppt2":{"power":1900}},
        "grid":{"power":1500,"l1":{"voltage":229.7}},
        "battery":{"power":-800,"soc":87},
        "generator":{"connected":true},
        "device":{"state":2,"state_text":"normal","fault_code":135168,"fault_code_text":["F13 working mode change","F18 AC over-current"],"temperature":25.3},
        "ext":{"aux":42},
        "q":{"grid.frequency":"stale","load.power":"sentinel"}}
        """.Replace("\n", string.Empty);

    private static SampleFixture Deye()
    {
        var f = new SampleFixture(DeyeLike);
        f.Sample.Sequence = 3_000_000_042;
        f.Set(676, 3456);
        f.Set(672, 2100, 1900);
        f.Set(625, unchecked((ushort)-1500));
        f.Set(598, 2297);
        f.Set(588, 87);
        f.Set(590, 800);
        f.Set(500, 2);
        f.Set(555, 0x1000, 0x0002, 0x0000, 0x0000);
        f.Set(552, 0x0008);
        f.Set(540, 1253);
        f.Set(534, 0x86A0, 0x0001);
        f.Set(653, 0x8000);
        f.Set(700, 42);
        return f;
    }

    [Fact]
    public void Write_DeyeLikeCycle_GoldenDocument()
    {
        string json = Deye().Cycle();

        Assert.Equal(GoldenDocument, json);
    }

    [Theory]
    [InlineData(0, "{\"v\":1,\"ts\":")]
    [InlineData(1_000_000_001, "{\"v\":1,\"seq\":1000000001,\"ts\":")]
    public void Write_Sequence_AfterTheVersionOrAbsentWhenNone(long seq, string start)
    {
        var f = new SampleFixture(With(points: List("""{"name":"soc","address":1,"target":"battery.soc"}""")));
        f.Set(1, 50);
        f.Sample.Sequence = seq;

        Assert.StartsWith(start, f.Cycle());
    }

    [Fact]
    public void S2_Write_ClockNotSynced_CarriesMonotonicTimeAndFlag()
    {
        var f = new SampleFixture(With(points: List("""{"name":"soc","address":1,"target":"battery.soc"}""")));
        f.Set(1, 50);

        Assert.Equal("""{"v":1,"mono":1234,"synced":false,"battery":{"soc":50}}""", f.Cycle(monotonicMs: 1234, unixMs: 0, synced: false));
    }

    [Fact]
    public void Map_FromClockPort_StampsUnixMilliseconds()
    {
        var f = new SampleFixture(With(points: List("""{"name":"soc","address":1,"target":"battery.soc"}""")));
        f.Set(1, 50);
        var clock = new VirtualClock(1500);
        PointDecoder.DecodeCycle(f.Frame, f.Values);

        f.Mapper.Map(f.Values, clock, f.Sample);

        Assert.Equal(1735689600000 + 1500, f.Sample.UnixMs);
        Assert.Equal(1500, f.Sample.MonotonicMs);
        Assert.True(f.Sample.ClockSynced);
    }

    [Fact]
    public void M10_Write_NaNAndSentinelAndTorn_NeverAppearAsNumbers()
    {
        var f = new SampleFixture(With(points: List(
            """{"name":"a","address":10,"type":"float32","target":"grid.power"}""",
            """{"name":"b","address":20,"type":"uint16","sentinels":[65535],"target":"battery.soc"}""",
            """{"name":"c","address":30,"type":"uint32","wordOrder":"CDAB","scale":0.1,"target":"pv.energy_total"}""")));
        f.Set(10, 0x7FC0, 0x0000);
        f.Set(20, 0xFFFF);
        f.Set(29, 0, 0x1234);
        f.Set(31, 0x0001);

        string json = f.Cycle();

        Assert.Equal("""{"v":1,"ts":1767225600000,"mono":5000,"synced":true,"q":{"pv.energy_total":"torn","grid.power":"invalid","battery.soc":"sentinel"}}""", json);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("65535", json);
    }

    [Fact]
    public void Write_SchemaRangeExceeded_IsFlaggedOutOfRange()
    {
        var f = new SampleFixture(With(points: List("""{"name":"soc","address":1,"target":"battery.soc"}""", """{"name":"pf","address":2,"scale":0.001,"target":"grid.power_factor"}""")));
        f.Set(1, 101, 990);

        Assert.Equal("""{"v":1,"ts":1767225600000,"mono":5000,"synced":true,"grid":{"power_factor":0.99},"q":{"battery.soc":"out_of_range"}}""", f.Cycle());
    }

    [Fact]
    public void Write_UnknownCodeWithoutText_WritesTheCodeOnly()
    {
        var f = new SampleFixture(With(
            valueMaps: List("""{"name":"mode","values":{"0":"load_first"}}"""),
            points: List("""{"name":"mode","address":1,"valueMap":"mode","target":"device.work_mode"}""", """{"name":"warn","address":2,"type":"int16","target":"device.warning_code"}""")));
        f.Set(1, 7, 0xFFFF);

        Assert.Equal("""{"v":1,"ts":1767225600000,"mono":5000,"synced":true,"device":{"work_mode":7,"warning_code":-1}}""", f.Cycle());
    }

    [Fact]
    public void Write_Float32Value_UsesSevenSignificantDigits()
    {
        var f = new SampleFixture(With(points: List("""{"name":"v","address":1,"type":"float32","target":"grid.l1.voltage"}""")));
        f.Set(1, 0x4365, 0xB333);

        Assert.Contains("\"l1\":{\"voltage\":229.7}", f.Cycle());
    }

    [Fact]
    public void Write_Output_IsValidJsonWithTheSchemaVersion()
    {
        string json = Deye().Cycle();

        var doc = new JsonDocument();
        Assert.Equal(JsonStatus.Ok, doc.Parse(json, new JsonLimits()));
        Assert.True(doc.TryGetInt64(doc.Member(JsonDocument.Root, "v"), out long v));
        Assert.Equal(TelemetrySchema.Version, v);
    }

    [Fact]
    public void Write_SmallBuffer_ReportsOverflow()
    {
        SampleFixture f = Deye();
        PointDecoder.DecodeCycle(f.Frame, f.Values);
        f.Mapper.Map(f.Values, 1, 1, true, f.Sample);

        Assert.False(SampleWriter.Write(f.Sample, new JsonWriter(64, SampleWriter.Depth)));
    }

    [Fact]
    public void Cycle_DecodeMapWrite_AllocatesNothingAfterWarmUp()
    {
        SampleFixture f = Deye();
        f.Cycle();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i <= 20; i++)
        {
            PointDecoder.DecodeCycle(f.Frame, f.Values);
            f.Mapper.Map(f.Values, 5000 + (i * 10000), 1767225600000 + (i * 10000), true, f.Sample);
            SampleWriter.Write(f.Sample, f.Writer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
