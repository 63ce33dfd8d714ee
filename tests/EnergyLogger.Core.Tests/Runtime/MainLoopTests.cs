using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The main loop on fakes: cadence, publishing, config without reboot, commands on the bus between cycles, the budget.</summary>
public class MainLoopTests
{
    private static int Reads(LoopRig rig, int address) => rig.Scripted.Writes.Count(w => w.Bytes[1] == 3 && ((w.Bytes[2] << 8) | w.Bytes[3]) == address);

    [Fact]
    public void Run_NormalMode_EverySampleStoredPublishedAndAcknowledged()
    {
        var rig = new LoopRig();
        Assert.Equal(RunMode.Normal, rig.Loop.Mode);

        rig.Run(12_000);

        // Cycles at 0, 5 and 10 s (the fast period); each sample is acknowledged by the DCX /status.
        List<JsonElement> samples = rig.Samples();
        Assert.Equal(3, rig.Loop.Stats.Samples);
        Assert.Equal(3, samples.Count);
        Assert.All(samples, s => Assert.Equal(-1200, s.GetProperty("grid").GetProperty("power").GetDouble()));
        Outbox outbox = rig.Loop.Cloud!.Outboxes[0];
        Assert.Equal((3, 0, 0), (outbox.Counters.Acknowledged, outbox.Pending, outbox.Counters.Dropped));
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Fact]
    public void Run_SamplesAcrossRestarts_NumberedOnePerCycleAndACopyIsTheSameSample()
    {
        var rig = new LoopRig();
        rig.Run(12_000);
        LoopRig second = rig.Reboot();
        second.Run(7_000);
        // Neither boot ended cleanly (a power cut): the next boot still counts on.
        LoopRig third = second.Reboot();
        third.Run(2_000);

        List<JsonElement> samples = [.. rig.Samples(), .. second.Samples(), .. third.Samples()];
        IGrouping<long, JsonElement>[] bySeq = samples.GroupBy(s => s.GetProperty("seq").GetInt64()).ToArray();
        Assert.Equal([1_000_000_001, 1_000_000_002, 1_000_000_003, 2_000_000_001, 2_000_000_002, 3_000_000_001], bySeq.Select(g => g.Key).Order());
        // Samples of the last segment are sent again after a restart (at least once), each exactly as before.
        Assert.All(bySeq, g => Assert.Single(g.Select(s => s.GetRawText()).Distinct()));
    }

    [Fact]
    public void Run_PerPollClass_FastEveryCycleNormalOnlyWhenItsPeriodComes()
    {
        var rig = new LoopRig(MapText.With(points: MapText.List(
            """{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"soc","address":20,"target":"battery.soc"}""")));
        rig.Slave.SetHolding(11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64);

        rig.Run(61_000);

        // 13 cycles in 61 s at 5 s; the normal class (30 s) at 0, 30 and 60 s, in one read with the fast class.
        Assert.Equal(13, rig.Loop.Stats.Cycles);
        Assert.Equal(13, Reads(rig, 10));
        Assert.Equal(3, rig.Scripted.Writes.Count(w => w.Bytes[1] == 3 && ((w.Bytes[2] << 8) | w.Bytes[3]) == 10 && ((w.Bytes[4] << 8) | w.Bytes[5]) == 11));
        Assert.Equal(0, Reads(rig, 20));
    }

    [Fact]
    public void Idle_BetweenCycles_SleepsTheTickAndBeatsTheHeartbeat()
    {
        var rig = new LoopRig();
        rig.Run(1_000);

        Assert.All(rig.Clock.Sleeps.Skip(1), ms => Assert.True(ms <= rig.Options.TickMs, $"slept {ms} ms"));
        Assert.True(rig.Loop.Stats.Iterations >= 1_000 / rig.Options.TickMs - 1);
        Assert.True(rig.Loop.Heartbeat.Beats >= rig.Loop.Stats.Iterations * 3);
        long last = rig.Loop.Heartbeat.Last(out string phase);
        Assert.True(rig.Clock.MonotonicMs - last <= rig.Options.TickMs);
        Assert.Equal("idle", phase);
    }

    [Fact]
    public void ApplyConfig_NewMapAndFastInterval_TakeEffectAtTheNextCycleWithoutRestart()
    {
        var rig = new LoopRig();
        rig.Slave.SetHolding(30, 2500);
        rig.Run(6_000);
        Assert.Equal(2, rig.Loop.Stats.Cycles);

        string map = MapText.With(points: MapText.List(
            """{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}""",
            """{"name":"pv_power","address":30,"poll":"fast","target":"pv.power"}"""));
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"c-7\",\"config\":{\"map\":" + map + ",\"poll\":{\"fastMs\":2000}}}");
        long pushedAt = rig.Clock.MonotonicMs;
        rig.Run(7_000);

        List<JsonElement> samples = rig.Samples();
        JsonElement first = samples.First(s => s.TryGetProperty("pv", out _));
        Assert.Equal(2500, first.GetProperty("pv").GetProperty("power").GetDouble());
        Assert.True(first.GetProperty("mono").GetInt64() - pushedAt < rig.Options.TickMs * 2, "the new map took over at the next iteration");
        // From then on a cycle every 2 s.
        long[] monos = samples.Where(s => s.TryGetProperty("pv", out _)).Select(s => s.GetProperty("mono").GetInt64()).ToArray();
        Assert.All(monos.Zip(monos.Skip(1)), p => Assert.Equal(2000, p.Second - p.First));
        Assert.Equal("c-7", rig.Loop.Config.ConfigId);
        Assert.Contains(rig.Session.On("/applied/json/"), s => s.Text.Contains("\"statusCode\":200"));
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Fact]
    public void C6_ApplyConfig_BadMap_RejectedWith400AndTheRunningMapStays()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        string bad = MapText.With(points: MapText.List("""{"name":"grid_power","address":10,"type":"int17"}"""));
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"c-bad\",\"config\":{\"map\":" + bad + "}}");
        rig.Run(10_000);

        Assert.Contains(rig.Session.On("/applied/json/"), s => s.Text.Contains("\"statusCode\":400"));
        Assert.Equal("test", rig.Loop.Config.Map!.Name);
        Assert.Equal(0, rig.Loop.Config.Map.IndexOfPoint("grid_power"));
        Assert.All(rig.Samples(), s => Assert.Equal(-1200, s.GetProperty("grid").GetProperty("power").GetDouble()));
        Assert.False(rig.Store.Files.ContainsKey(ConfigStore.FileName));
    }

    [Fact]
    public void Boot_StoredConfig_WinsOverTheMapOnFlash()
    {
        var rig = new LoopRig();
        rig.Run(100);
        string map = MapText.With(points: MapText.List("""{"name":"pv_power","address":30,"poll":"fast","target":"pv.power"}"""));
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"c-9\",\"config\":{\"map\":" + map + ",\"poll\":{\"fastMs\":3000}}}");
        rig.Run(1_000);

        LoopRig next = rig.Reboot(new RuntimeOptions());
        Assert.Equal("c-9", next.Loop.Config.ConfigId);
        Assert.Equal(3000, next.Options.Poll.FastIntervalMs);
        next.Run(100);
        Assert.Equal(0, next.Loop.Config.Map!.IndexOfPoint("pv_power"));
        Assert.Contains("\"configId\":\"c-9\"", next.Session.On(next.Topic("cmx", "config/json/")).Single().Text);
    }

    [Fact]
    public void Config_LocalHttp_TurnsTheStatusPageOnAndOffWithoutARestartAndAtTheNextStart()
    {
        // The setting local.http is off (LoopRig.Settings): the board is there, the page is off and its state not refreshed.
        var rig = new LoopRig();
        PageSwitch page = rig.Loop.StatusPage!;
        Assert.NotNull(rig.Loop.Status);
        Assert.False(page.On);
        rig.Run(3_000);
        Assert.DoesNotContain("\"link\"", Encoding.UTF8.GetString(rig.Loop.Status!.Document()), StringComparison.Ordinal);

        int version = page.Version;
        rig.Session.Push(rig.Topic("cmx", "config/json/status"), "{\"configId\":\"c-http\",\"config\":{\"map\":" + LoopRig.DefaultMap + ",\"local\":{\"http\":\"on\"}}}");
        rig.Run(3_000);
        Assert.Equal("c-http", rig.Loop.Config.ConfigId);
        Assert.True(page.On);
        Assert.NotEqual(version, page.Version);
        Assert.Contains("\"link\"", Encoding.UTF8.GetString(rig.Loop.Status.Document()), StringComparison.Ordinal);

        LoopRig next = rig.Reboot(new RuntimeOptions());
        Assert.True(next.Loop.StatusPage!.On);

        next.Run(100);
        next.Session.Push(next.Topic("cmx", "config/json/status"), "{\"configId\":\"c-nohttp\",\"config\":{\"map\":" + LoopRig.DefaultMap + ",\"local\":{\"http\":\"off\"}}}");
        next.Run(1_000);
        Assert.False(next.Loop.StatusPage.On);

        next.Session.Push(next.Topic("cmx", "config/json/status"), "{\"configId\":\"c-http-again\",\"config\":{\"map\":" + LoopRig.DefaultMap + ",\"local\":{\"http\":\"on\"}}}");
        next.Run(1_000);
        Assert.True(next.Loop.StatusPage.On);

        // A config that does not say hands the page back to the setting, which is off.
        next.Session.Push(next.Topic("cmx", "config/json/status"), "{\"configId\":\"c-plain\",\"config\":{\"map\":" + LoopRig.DefaultMap + "}}");
        next.Run(1_000);
        Assert.False(next.Loop.StatusPage.On);
        Assert.Equal(0, next.Reboots.Count);
    }

    [Fact]
    public void Budget_SlowCycle_OtaStepWaitsForTheNextIdleIteration()
    {
        var updater = new FakeUpdater();
        var rig = new LoopRig(updater: updater, options: new RuntimeOptions { IterationBudgetMs = 1000 });
        // A silent slave: 3 attempts of 1 s each, so the cycle spends its whole iteration budget.
        rig.Scripted.Then(Reply.Silence, Reply.Silence, Reply.Silence);
        rig.Run(4_000);

        Assert.Equal(1, rig.Loop.Stats.OverBudget);
        Assert.True(updater.StepTimes[0] - LoopRig.StartMs >= 3000, "no step inside the slow iteration");
        Assert.True(updater.Steps >= 2);
        Assert.Equal((false, false), updater.LastHealth);

        // The next cycle hears the slave, and the broker is up by then: the trial's health signals.
        rig.Run(2_000);
        Assert.Equal((true, true), updater.LastHealth);
    }

    [Fact]
    public void Updater_AsksForReboot_LoopRestartsWithReasonUpdate()
    {
        var updater = new FakeUpdater();
        var rig = new LoopRig(updater: updater);
        rig.Run(100);
        rig.Session.Push(rig.Topic("cmx_ota", "config/json/status"), "{\"configId\":\"1.3.0\",\"config\":{\"version\":\"1.3.0\"}}");
        rig.Run(500);
        Assert.Single(updater.Offers);

        updater.RebootRequested = true;
        rig.Run(500);

        Assert.Equal(1, rig.Reboots.Count);
        Assert.Equal(ResetReason.Update, rig.Reboot().Boot.Journal.PreviousReason);
    }

    [Fact]
    public void Fault_LoopThrows_ReasonStoredAndRebooted()
    {
        var updater = new FakeUpdater { ThrowOnStep = new InvalidOperationException("step broke") };
        var rig = new LoopRig(updater: updater);

        rig.Loop.Run();

        Assert.Equal(1, rig.Reboots.Count);
        LoopRig next = rig.Reboot();
        Assert.Equal((ResetReason.Fault, "step broke"), (next.Boot.Journal.PreviousReason, next.Boot.Journal.PreviousDetail));
        Assert.Equal(1, next.Boot.Journal.FailedBootsBefore);
    }

    [Fact]
    public void FactoryReset_LongPress_WipesCredentialsAndRestartsIntoProvisioning()
    {
        var rig = new LoopRig(button: true);
        rig.Run(500);
        rig.Button.IsPressed = true;
        rig.Run(5_500);
        Assert.True(rig.Loop.Indicators.ResetArmed);
        rig.Button.IsPressed = false;
        rig.Run(500);

        Assert.Equal(1, rig.Reboots.Count);
        LoopRig next = rig.Reboot();
        Assert.Equal((ResetReason.FactoryReset, RunMode.Provisioning), (next.Boot.Journal.PreviousReason, next.Loop.Mode));
    }

    [Fact]
    public void Leds_FollowTheLinks_OneRecordPerChange()
    {
        var rig = new LoopRig();
        rig.Session.Reachable = false;
        rig.Run(1_000);
        Assert.Equal(MqttState.Failed, rig.Loop.Indicators.Mqtt);
        Assert.True(rig.Leds.Lit[(int)Led.MqttError]);
        Assert.EndsWith("wifi=connected mqtt=failed modbus=on ota=off reset=off", Assert.Single(rig.Sink.From("leds")));
        Assert.Contains(rig.Sink.From("cloud"), l => l.Contains("lvl=warn") && l.EndsWith("msg=\"connect: broker unreachable\""));

        rig.Session.Reachable = true;
        rig.Run(10_000);

        Assert.Equal(MqttState.Connected, rig.Loop.Indicators.Mqtt);
        Assert.True(rig.Loop.Indicators.ModbusResponding);
        Assert.True(rig.Leds.Lit[(int)Led.MqttOk]);
        string[] records = rig.Sink.From("leds").ToArray();
        Assert.Equal(2, records.Length);
        Assert.EndsWith("wifi=connected mqtt=connected modbus=on ota=off reset=off", records[^1]);
    }

    [Fact]
    public void Provisioning_NoSettings_NoBusNoCloud_RestartsWhenSettingsAreApplied()
    {
        var rig = new LoopRig(provisioned: false);
        Assert.Equal(RunMode.Provisioning, rig.Loop.Mode);
        rig.Run(5_000);
        Assert.Empty(rig.Scripted.Writes);
        Assert.Empty(rig.Session.ConnectAttempts);

        Assert.True(new EnergyLogger.Core.Provisioning.SettingsRepository(rig.Store).Save(LoopRig.Settings()));
        rig.Loop.RequestRestart(ResetReason.Provisioned, "settings applied");
        rig.Run(1_000);

        Assert.Equal(1, rig.Reboots.Count);
        LoopRig next = rig.Reboot();
        Assert.Equal((RunMode.Normal, ResetReason.Provisioned), (next.Loop.Mode, next.Boot.Journal.PreviousReason));
    }

    [Fact]
    public void Log_SecretsOfTheSettings_NeverPrinted()
    {
        var rig = new LoopRig();
        rig.Ports.Log.Write(LogLevel.Error, "test", "token " + LoopRig.Token + " key correct horse battery");
        rig.Run(6_000);

        Assert.NotEmpty(rig.Sink.Lines);
        Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains(LoopRig.Token) || l.Contains("correct horse battery"));
        Assert.Contains(rig.Sink.Lines, l => l.Contains("token *** key ***"));
    }

    [Fact]
    public void Stop_BetweenIterations_DisconnectsCleanlyWithoutARebootAndRecordsACleanStop()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        Assert.True(rig.Session.IsConnected);

        rig.Loop.Stop();

        Assert.False(rig.Loop.RunOnce());
        Assert.False(rig.Session.IsConnected);
        Assert.Equal(0, rig.Reboots.Count);
        Assert.Equal(ResetReason.Stopped, rig.Reboot().Boot.Journal.PreviousReason);
    }
}
