using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// The schedule of a cloud config is validated in full with the config (RELIABILITY C6): its zone, its entries' timing and,
/// for every action, the regs_write payload and the command's allowlist and limits against the config's own map (C7).
/// </summary>
public sealed class ScheduleParserTests
{
    /// <summary>charge_mode (holding 108, 0..1) and export_limit (holding 142, 0..100 %) are writable; grid_power is not.</summary>
    public const string Map = ScheduleVectors.Map;

    private const string On = """{"unit":1,"addr":108,"values":[1]}""";

    public static (Schedule? Schedule, string? Reason) Parse(string schedule, string map = "")
    {
        byte[] text = Encoding.UTF8.GetBytes("{\"map\":" + (map.Length == 0 ? Map : map) + ",\"schedule\":" + schedule + "}");
        var doc = new JsonDocument();
        Assert.Equal(JsonStatus.Ok, doc.Parse(text, 0, text.Length, ConfigApplier.Limits));
        CloudConfig? config = CloudConfigParser.Parse(doc, JsonDocument.Root, text, text.Length, "s-1", out string? reason);
        return (config?.Schedule, reason);
    }

    private static string Entry(string timing, string action = On, string name = "e") =>
        "{\"name\":\"" + name + "\"," + timing + ",\"regs_write\":" + action + "}";

    private static string With(params string[] entries) => "{\"utcOffset\":\"+01:00\",\"dst\":\"eu\",\"entries\":[" + string.Join(",", entries) + "]}";

    [Fact]
    public void Parse_TwoEntries_ZoneTimingAndActionsKept()
    {
        (Schedule? s, string? reason) = Parse(With(
            Entry("\"at\":\"01:00\"", name: "grid-charge-on"),
            Entry("\"cron\":\"30 5 mon-fri\"", """{"unit":1,"addr":142,"values":[40],"fc":16}""", "limit-export")));

        Assert.Null(reason);
        Assert.Equal((60, DaylightRule.Eu), (s!.Zone.OffsetMinutes, s.Zone.Rule));
        ScheduleEntry[] e = s.Entries;
        Assert.Equal(("grid-charge-on", 1L, 1 << 1, 0x7F, 108), (e[0].Name, e[0].Minutes, e[0].Hours, e[0].Days, e[0].Address));
        Assert.Equal(("limit-export", 1L << 30, 1 << 5, 0x3E, 142), (e[1].Name, e[1].Minutes, e[1].Hours, e[1].Days, e[1].Address));
        Assert.Equal("""{"unit":1,"addr":142,"values":[40],"fc":16}""", Encoding.UTF8.GetString(e[1].Action));
    }

    [Fact]
    public void Parse_NoSchedule_ConfigWithoutOne()
    {
        byte[] text = Encoding.UTF8.GetBytes("{\"map\":" + Map + "}");
        var doc = new JsonDocument();
        doc.Parse(text, 0, text.Length, ConfigApplier.Limits);

        CloudConfig? config = CloudConfigParser.Parse(doc, JsonDocument.Root, text, text.Length, "s-2", out _);

        Assert.NotNull(config);
        Assert.Null(config!.Schedule);
    }

    [Fact]
    public void Parse_SameScheduleTwice_SameFingerprint_OtherText_Another()
    {
        string a = With(Entry("\"at\":\"01:00\""));
        Assert.Equal(Parse(a).Schedule!.Fingerprint, Parse(a).Schedule!.Fingerprint);
        Assert.NotEqual(Parse(a).Schedule!.Fingerprint, Parse(With(Entry("\"at\":\"01:01\""))).Schedule!.Fingerprint);
    }

    [Theory]
    [InlineData("[]", "config.schedule: expected an object")]
    [InlineData("""{"entries":[],"utcOffset":"+01:00"}""", "config.schedule.entries: required, an array of 1 to 32 entries")]
    [InlineData("""{"utcOffset":"+1:00","entries":[{}]}""", "config.schedule.utcOffset:")]
    [InlineData("""{"utcOffset":"+15:00","entries":[{}]}""", "config.schedule.utcOffset:")]
    [InlineData("""{"dst":"au","entries":[{}]}""", "config.schedule.dst: \"none\", \"eu\" or \"us\"")]
    [InlineData("""{"zone":"Europe/Berlin","entries":[{}]}""", "config.schedule.zone: unknown member")]
    [InlineData("""{"entries":[3]}""", "config.schedule.entries[0]: expected an object")]
    [InlineData("""{"entries":[{"at":"01:00","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].name: required")]
    [InlineData("""{"entries":[{"name":"a","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0]: either \"at\"")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","cron":"0 1 *","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0]: either")]
    [InlineData("""{"entries":[{"name":"a","cron":"0 1 *","days":"mon","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0]: either")]
    [InlineData("""{"entries":[{"name":"a","at":"24:00","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].at: a time of day")]
    [InlineData("""{"entries":[{"name":"a","at":"1:00","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].at:")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","days":"mon-sun","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].days: 'mon-sun': a range must go upwards")]
    [InlineData("""{"entries":[{"name":"a","cron":"0 1","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].cron: three fields")]
    [InlineData("""{"entries":[{"name":"a","cron":"0 25 *","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].cron: hour '25'")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00"}]}""", "config.schedule.entries[0].regs_write: required")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","regs_write":{"unit":1,"addr":108}}]}""", "config.schedule.entries[0].regs_write.values: required")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","regs_write":{"unit":1,"addr":10,"values":[5]}}]}""", "config.schedule.entries[0].regs_write: registers 10..10 of unit 1 are not a writable point of the map")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","regs_write":{"unit":1,"addr":142,"values":[101]}}]}""", "config.schedule.entries[0].regs_write: export_limit: value outside 0..100")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","regs_write":{"unit":2,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].regs_write: registers 108..108 of unit 2")]
    [InlineData("""{"entries":[{"name":"a","at":"01:00","colour":"red","regs_write":{"unit":1,"addr":108,"values":[1]}}]}""", "config.schedule.entries[0].colour: unknown member")]
    public void Parse_BadSchedule_ConfigRefusedWithThePath(string schedule, string reason)
    {
        (Schedule? s, string? why) = Parse(schedule);

        Assert.Null(s);
        Assert.StartsWith(reason, why);
    }

    [Fact]
    public void Parse_TwoEntriesOfOneName_Refused()
    {
        (_, string? reason) = Parse(With(Entry("\"at\":\"01:00\""), Entry("\"at\":\"02:00\"")));

        Assert.Equal("config.schedule.entries[1].name: 'e' names entry 0 already", reason);
    }

    [Fact]
    public void Parse_ThirtyThreeEntries_Refused()
    {
        string[] entries = Enumerable.Range(0, 33).Select(i => Entry("\"at\":\"01:00\"", name: "e" + i)).ToArray();

        Assert.StartsWith("config.schedule.entries: required, an array of 1 to 32", Parse(With(entries)).Reason);
    }

    [Theory]
    [InlineData("deye-sg04lp3.json", """{"unit":1,"addr":142,"values":[1]}""")]
    [InlineData("deye-sg04lp3.json", """{"unit":1,"addr":141,"values":[0]}""")]
    [InlineData("growatt-sph.json", """{"unit":1,"addr":1088,"values":[1]}""")]
    public void Parse_ReadyMaps_TheirWritablePointsSchedule(string file, string action)
    {
        (Schedule? s, string? reason) = Parse(With(Entry("\"at\":\"01:00\"", action)), File.ReadAllText(MapFiles.Path(file)));

        Assert.True(s != null, reason);
    }
}
