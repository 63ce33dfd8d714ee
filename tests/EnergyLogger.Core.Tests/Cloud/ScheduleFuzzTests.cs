using EnergyLogger.Core.Registers;
using System.Diagnostics;
using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// Seeded fuzz loops over the schedule parser (RELIABILITY "Fuzzing", C6), like the other parsers': schedules from a grammar
/// that mixes valid and invalid members, and byte mutations of a valid config. Only a schedule or a reason with its path may
/// come out, never an exception, in bounded time; every accepted schedule keeps its limits and its timing answers consistently.
/// </summary>
public sealed class ScheduleFuzzTests
{
    private static readonly string[] Offsets = ["\"+01:00\"", "\"-05:00\"", "\"+14:00\"", "\"+14:30\"", "\"01:00\"", "\"+1:00\"", "60", "null", "\"\""];
    private static readonly string[] Rules = ["\"eu\"", "\"us\"", "\"none\"", "\"au\"", "1", "\"EU\""];
    private static readonly string[] Times = ["\"00:00\"", "\"01:00\"", "\"23:59\"", "\"24:00\"", "\"1:00\"", "\"12:60\"", "\"ab:cd\"", "100", "\"\""];
    private static readonly string[] Crons = ["\"0 1 *\"", "\"*/15 * *\"", "\"0 1-5 mon-fri\"", "\"5-20/5 0,12 sat,sun\"", "\"0 1\"", "\"60 1 *\"", "\"0 0 8\"", "\"* * * *\"", "\"0  1  *\"", "\"0 1 fri-mon\"", "\"0 */0 *\"", "\"1,,2 1 *\""];
    private static readonly string[] Days = ["\"mon-fri\"", "\"*\"", "\"0,6\"", "\"7\"", "\"sun-sat\"", "\"xyz\"", "\"\"", "3"];
    private static readonly string[] Actions =
    [
        """{"unit":1,"addr":108,"values":[1]}""", """{"unit":1,"addr":142,"values":[40],"fc":16}""", """{"unit":1,"addr":142,"values":[101]}""",
        """{"unit":1,"addr":10,"values":[1]}""", """{"unit":2,"addr":108,"values":[1]}""", """{"unit":1,"addr":108,"values":[1],"fc":5}""",
        """{"unit":1,"addr":108}""", """{"addr":108,"values":[0]}""", "[]", "null", """{"unit":1,"addr":108,"values":[1,2]}""",
    ];
    private const string Noise = " {}[],:\"0123456789-+*/etfnsu\\";

    [Fact]
    public void C6_Parse_GrammarFuzz_OnlyDocumentedOutcomes()
    {
        var random = new Random(151515);
        int accepted = 0;
        for (int i = 0; i < 3000; i++)
        {
            accepted += Checked(RandomSchedule(random), random) ? 1 : 0;
        }

        Assert.InRange(accepted, 150, 2500);
    }

    [Fact]
    public void C6_Parse_ByteMutations_OnlyDocumentedOutcomes()
    {
        var random = new Random(61);
        string seed = """
            {"utcOffset":"+01:00","dst":"eu","entries":[
              {"name":"charge-on","at":"01:00","days":"mon-fri","regs_write":{"unit":1,"addr":108,"values":[1]}},
              {"name":"charge-off","cron":"0 5 *","regs_write":{"unit":1,"addr":108,"values":[0],"verify":false}},
              {"name":"limit","cron":"*/30 10-16 sat,sun","regs_write":{"unit":1,"addr":142,"values":[40],"fc":6}}]}
            """;
        for (int i = 0; i < 2000; i++)
        {
            char[] text = seed.ToCharArray();
            for (int e = random.Next(1, 4); e > 0; e--)
            {
                text[random.Next(text.Length)] = Noise[random.Next(Noise.Length)];
            }

            Checked(new string(text), random);
        }
    }

    /// <summary>One parse: a config refused with a schedule path, or a schedule that keeps every limit; true when accepted.</summary>
    private static bool Checked(string schedule, Random random)
    {
        byte[] text = Encoding.UTF8.GetBytes("{\"map\":" + ScheduleParserTests.Map + ",\"schedule\":" + schedule + "}");
        var doc = new JsonDocument();
        if (doc.Parse(text, 0, text.Length, ConfigApplier.Limits) != JsonStatus.Ok)
        {
            return false;
        }

        var watch = Stopwatch.StartNew();
        CloudConfig? config = CloudConfigParser.Parse(doc, JsonDocument.Root, text, text.Length, "f", out string? reason);
        Assert.True(watch.ElapsedMilliseconds < 500, schedule);
        if (config == null)
        {
            Assert.StartsWith("config.schedule", reason);
            return false;
        }

        Schedule s = config.Schedule!;
        Assert.InRange(s.Entries.Length, 1, Schedule.MaxEntries);
        Assert.InRange(s.Zone.OffsetMinutes, LocalZone.MinOffsetMinutes, LocalZone.MaxOffsetMinutes);
        foreach (ScheduleEntry e in s.Entries)
        {
            Assert.InRange(e.Name.Length, 1, ScheduleParser.MaxNameLength);
            Assert.True(e.Minutes != 0 && (e.Minutes >> 60) == 0 && e.Hours != 0 && (e.Hours >> 24) == 0 && e.Days != 0 && (e.Days >> 7) == 0);
            Assert.Contains(e.Address, new[] { 108, 142 });
            for (int probe = 0; probe < 5; probe++)
            {
                long minute = 29_000_000 + random.Next(2_000_000);
                long last = e.LastRunAtOrBefore(minute);
                Assert.True(last >= 0 && last <= minute && minute - last <= 8 * 1440 && e.RunsAt(last));
                Assert.Equal(e.RunsAt(minute), last == minute);
            }
        }

        return true;
    }

    private static string RandomSchedule(Random r)
    {
        var members = new List<string>();
        if (r.Next(3) > 0)
        {
            members.Add("\"utcOffset\":" + Pick(r, Offsets, 3));
        }

        if (r.Next(2) > 0)
        {
            members.Add("\"dst\":" + Pick(r, Rules, 3));
        }

        if (r.Next(20) == 0)
        {
            members.Add("\"zone\":\"Europe/Berlin\"");
        }

        int entries = r.Next(10) == 0 ? r.Next(0, 40) : r.Next(1, 5);
        var list = new List<string>();
        for (int i = 0; i < entries; i++)
        {
            var e = new List<string>();
            if (r.Next(30) > 0)
            {
                e.Add("\"name\":\"" + (r.Next(40) == 0 ? "dup" : "e" + i) + "\"");
            }

            int timing = r.Next(20);
            if (timing < 10 || timing == 19)
            {
                e.Add("\"at\":" + Pick(r, Times, 3));
                if (r.Next(2) == 0)
                {
                    e.Add("\"days\":" + Pick(r, Days, 5));
                }
            }

            if (timing >= 10)
            {
                e.Add("\"cron\":" + Pick(r, Crons, 4));
            }

            if (r.Next(30) > 0)
            {
                e.Add("\"regs_write\":" + Pick(r, Actions, 2));
            }

            if (r.Next(30) == 0)
            {
                e.Add("\"colour\":\"red\"");
            }

            list.Add("{" + string.Join(",", e.OrderBy(_ => r.Next())) + "}");
        }

        members.Add("\"entries\":[" + string.Join(",", list) + "]");
        return "{" + string.Join(",", members.OrderBy(_ => r.Next())) + "}";
    }

    /// <summary>Mostly one of the first <paramref name="good"/> (valid) options, so that enough schedules pass to check the accepted ones.</summary>
    private static string Pick(Random r, string[] options, int good) => options[r.Next(5) > 0 ? r.Next(good) : r.Next(options.Length)];
}
