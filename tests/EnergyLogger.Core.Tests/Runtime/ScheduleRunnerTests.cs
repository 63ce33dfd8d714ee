using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// A schedule runs on the logger from its own clock, with or without the cloud (docs/cloud.md, "Schedules"): entries in their
/// local minute across daylight-saving changes, runs reported when the link is back, the state restored once after a power
/// cut, nothing before the wall clock is set.
/// </summary>
public sealed class ScheduleRunnerTests
{
    /// <summary>Cheap hours 01:00-05:00 switch charge_mode; export is limited from 02:30 and freed at noon.</summary>
    private const string Day = """
        {"utcOffset":"+01:00","dst":"eu","entries":[
          {"name":"charge-on","at":"01:00","regs_write":{"unit":1,"addr":108,"values":[1]}},
          {"name":"charge-off","at":"05:00","regs_write":{"unit":1,"addr":108,"values":[0]}},
          {"name":"limit","at":"02:30","regs_write":{"unit":1,"addr":142,"values":[40]}},
          {"name":"unlimit","cron":"0 12 *","regs_write":{"unit":1,"addr":142,"values":[100]}}]}
        """;

    private static readonly DateTime SpringChange = new(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc);

    private static LoopRig Rig(DateTime startUtc, string schedule = Day, MemoryFileStore? store = null, bool synced = true)
    {
        if (store == null)
        {
            store = new MemoryFileStore();
            Assert.True(new SettingsRepository(store).Save(LoopRig.Settings()));
            byte[] config = Encoding.UTF8.GetBytes("{\"configId\":\"sched-1\",\"config\":{\"map\":" + ScheduleParserTests.Map
                + ",\"poll\":{\"fastMs\":60000,\"normalMs\":60000,\"slowMs\":60000},\"schedule\":" + schedule + "}}");
            Assert.True(store.Replace("cloudcfg.json", config, 0, config.Length));
        }

        var options = new RuntimeOptions { TickMs = 5_000 };
        options.Cloud.BackoffMaxMs = 20_000;
        var rig = new LoopRig(store: store, options: options, synced: synced);
        rig.Slave.SetHolding(108, 0).SetHolding(142, 100);
        rig.Clock.SetWallClock(startUtc);
        return rig;
    }

    private static List<JsonElement> Runs(LoopRig rig) =>
        [.. rig.Session.On("/cex/" + LoopRig.Token + "/result/schedule/").Select(s => JsonDocument.Parse(s.Payload).RootElement[0].Clone())];

    private static string Describe(JsonElement run)
    {
        JsonElement p = run.GetProperty("payload");
        return p.GetProperty("entry").GetString() + "@" + p.GetProperty("due").GetString() + (p.GetProperty("restore").GetBoolean() ? " restore" : "")
            + " " + run.GetProperty("statusCode").GetInt32();
    }

    private static long Unix(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeSeconds();

    [Fact]
    public void Day_WithTheSpringChange_EachEntryOnceInItsLocalMinute_TheSkippedOneAtTheChange()
    {
        LoopRig rig = Rig(new DateTime(2026, 3, 28, 23, 10, 0, DateTimeKind.Utc));
        rig.Run(TimeSpan.FromHours(23).Ticks / TimeSpan.TicksPerMillisecond);

        List<JsonElement> runs = Runs(rig);
        Assert.Equal(
        [
            "charge-off@2026-03-28T05:00 restore 200", "unlimit@2026-03-28T12:00 restore 200",
            "charge-on@2026-03-29T01:00 200", "limit@2026-03-29T02:30 200", "charge-off@2026-03-29T05:00 200", "unlimit@2026-03-29T12:00 200",
        ], runs.Select(Describe));
        Assert.Equal(Unix(SpringChange) + 2, runs[3].GetProperty("id").GetInt64());
        Assert.Equal(Unix(SpringChange.AddHours(2)) + 1, runs[4].GetProperty("id").GetInt64());
        Assert.Equal([40], runs[3].GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(((ushort)0, (ushort)100), (rig.Slave.Holding[108], rig.Slave.Holding[142]));
    }

    [Fact]
    public void AutumnChange_TheRepeatedHour_EntryRunsOnce()
    {
        LoopRig rig = Rig(new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc));
        rig.Run(TimeSpan.FromHours(5).Ticks / TimeSpan.TicksPerMillisecond);

        Assert.Equal(["charge-off@2026-10-24T05:00 restore 200", "unlimit@2026-10-24T12:00 restore 200", "charge-on@2026-10-25T01:00 200", "limit@2026-10-25T02:30 200"],
            Runs(rig).Select(Describe));
    }

    [Fact]
    public void CloudUnreachable_EntriesStillRun_ReportsArriveWhenTheLinkIsBack()
    {
        LoopRig rig = Rig(new DateTime(2026, 6, 10, 22, 50, 0, DateTimeKind.Utc));
        rig.Run(60_000);
        int before = Runs(rig).Count;
        rig.Session.Reachable = false;
        rig.Session.Drop();
        rig.Run(TimeSpan.FromHours(2).Ticks / TimeSpan.TicksPerMillisecond);
        Assert.Equal((ushort)1, rig.Slave.Holding[108]);
        Assert.Equal((ushort)40, rig.Slave.Holding[142]);
        Assert.Equal(before, Runs(rig).Count);

        rig.Session.Reachable = true;
        rig.Run(60_000);

        Assert.Equal(["charge-on@2026-06-11T01:00 200", "limit@2026-06-11T02:30 200"], Runs(rig).Skip(before).Select(Describe));
    }

    [Fact]
    public void PowerCut_TheStateForNowRestoredOnceAtStart_MissedEntriesNotReplayed()
    {
        LoopRig rig = Rig(new DateTime(2026, 6, 10, 22, 50, 0, DateTimeKind.Utc));
        rig.Run(TimeSpan.FromMinutes(40).Ticks / TimeSpan.TicksPerMillisecond);
        Assert.Equal((ushort)1, rig.Slave.Holding[108]);

        // The power is back at 07:00 local: charge-off (05:00) and limit (02:30) were missed.
        LoopRig after = Rig(new DateTime(2026, 6, 11, 5, 0, 0, DateTimeKind.Utc), store: rig.Store);
        after.Slave.SetHolding(108, 1).SetHolding(142, 100);
        after.Run(TimeSpan.FromMinutes(10).Ticks / TimeSpan.TicksPerMillisecond);

        Assert.Equal(["limit@2026-06-11T02:30 restore 200", "charge-off@2026-06-11T05:00 restore 200"], Runs(after).Select(Describe));
        Assert.Equal(((ushort)0, (ushort)40), (after.Slave.Holding[108], after.Slave.Holding[142]));
    }

    [Fact]
    public void WallClockNotSet_NothingWritten_ThenTheStateForNowOnce()
    {
        LoopRig rig = Rig(new DateTime(2026, 6, 10, 22, 50, 0, DateTimeKind.Utc), synced: false);
        rig.Run(TimeSpan.FromHours(1).Ticks / TimeSpan.TicksPerMillisecond);
        Assert.Empty(Runs(rig));
        Assert.Equal((ushort)0, rig.Slave.Holding[108]);

        rig.Clock.WallClockSynced = true;
        rig.Run(60_000);

        Assert.Equal(["unlimit@2026-06-10T12:00 restore 200", "charge-on@2026-06-11T01:00 restore 200"], Runs(rig).Select(Describe));
    }

    [Fact]
    public void NewConfig_SameSchedule_GoesOn_AnotherSchedule_StartsOver()
    {
        LoopRig rig = Rig(new DateTime(2026, 6, 10, 22, 50, 0, DateTimeKind.Utc));
        rig.Run(60_000);
        int restored = Runs(rig).Count;
        string config = "{\"map\":" + ScheduleParserTests.Map + ",\"poll\":{\"fastMs\":30000,\"normalMs\":60000,\"slowMs\":60000},\"schedule\":" + Day + "}";
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"sched-2\",\"config\":" + config + "}");
        rig.Run(120_000);
        Assert.Equal(restored, Runs(rig).Count);

        string other = Day.Replace("\"05:00\"", "\"06:00\"", StringComparison.Ordinal);
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"sched-3\",\"config\":" + config.Replace(Day, other, StringComparison.Ordinal) + "}");
        rig.Run(120_000);

        Assert.Equal(restored * 2, Runs(rig).Count);
    }
}
