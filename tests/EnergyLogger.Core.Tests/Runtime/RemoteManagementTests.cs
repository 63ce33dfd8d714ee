using System.Text.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// The installer's commands through the whole loop (docs/cloud.md, "Commands"): ping, reconnect, set_log_level,
/// factory_reset and get_diagnostics, each with a good and a bad payload, on Kaa and on custom MQTT with the same codes.
/// </summary>
public sealed class RemoteManagementTests
{
    private static LoopRig CustomMqttRig()
    {
        var store = new MemoryFileStore();
        DeviceSettings settings = LoopRig.Settings();
        Assert.Null(settings.Set(SettingFields.CloudMode, "mqtt"));
        Assert.Null(settings.Set(SettingFields.MqttPrefix, "home/el"));
        Assert.True(new SettingsRepository(store).Save(settings));
        return new LoopRig(store: store);
    }

    private static JsonElement CustomResult(LoopRig rig, string type) =>
        JsonDocument.Parse(rig.Session.On("home/el/result/" + type).Last().Payload).RootElement[0].Clone();

    private static (int Status, JsonElement Payload) Outcome(JsonElement result) => (result.GetProperty("statusCode").GetInt32(), result.GetProperty("payload"));

    [Fact]
    public void Ping_WithQueuedCommands_AnsweredInTheIterationItArrivesWithTheStamp()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        for (int id = 1; id <= 5; id++)
        {
            rig.Command("regs_read", id, """{"unit":1,"addr":10}""");
        }

        rig.Command("ping", 9, """{"t":1735689600123}""");
        rig.Loop.RunOnce();

        JsonElement ping = rig.Result("ping");
        Assert.Equal((9, 200), (ping.GetProperty("id").GetInt32(), ping.GetProperty("statusCode").GetInt32()));
        Assert.Equal(1735689600123, ping.GetProperty("payload").GetProperty("t").GetInt64());
        Assert.True(ping.GetProperty("payload").GetProperty("uptime_ms").GetInt64() >= 1_000);
        Assert.True(rig.Session.On("/result/regs_read/").Count() <= 1, "the queued reads wait their turns; the ping did not");
    }

    [Theory]
    [InlineData("""{"t":"soon"}""", 400)]
    [InlineData("""{"t":1.5}""", 400)]
    [InlineData("{}", 200)]
    public void Ping_Payloads_StatusAsDocumented(string payload, int status)
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Command("ping", 3, payload);
        rig.Run(200);

        Assert.Equal(status, rig.Result("ping").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public void Ping_SameIdTwice_AnsweredOnce()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Command("ping", 4);
        rig.Command("ping", 4);
        rig.Run(500);

        Assert.Single(rig.Session.On("/result/ping/"));
    }

    [Fact]
    public void C8_PingFlood_EachAnsweredOnce_PollingKeepsItsCadence()
    {
        var rig = new LoopRig();
        rig.Run(5_000);
        int cycles = rig.Loop.Stats.Cycles;
        for (int id = 1; id <= 100; id++)
        {
            rig.Command("ping", id);
            rig.Command("ping", id);
            rig.Run(10);
        }

        rig.Run(10_000);

        Assert.Equal(100, rig.Session.On("/result/ping/").Select(s => JsonDocument.Parse(s.Payload).RootElement[0].GetProperty("id").GetInt32()).Distinct().Count());
        Assert.Equal(100, rig.Session.On("/result/ping/").Count());
        Assert.InRange(rig.Loop.Stats.Cycles - cycles, 2, 3);
    }

    [Fact]
    public void Reconnect_AfterItsResultIsDelivered_ConnectsAgainAtOnceWithoutBackoff()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        int attempts = rig.Session.ConnectAttempts.Count;
        rig.Command("reconnect", 7, "{}");
        rig.Run(500);

        Assert.Equal(200, rig.Result("reconnect").GetProperty("statusCode").GetInt32());
        Assert.Equal(attempts + 1, rig.Session.ConnectAttempts.Count);
        Assert.True(rig.Session.ConnectAttempts[^1] - rig.Session.ConnectAttempts[^2] >= 1_000);
        Assert.True(rig.Session.IsConnected);
        Assert.Equal(2, rig.Session.On("/epmx/").Count());
    }

    [Theory]
    [InlineData("""{"level":"debug"}""", 200, "debug")]
    [InlineData("""{"level":"error"}""", 200, "error")]
    [InlineData("""{"level":"verbose"}""", 400, "debug")]
    [InlineData("""{"level":3}""", 400, "debug")]
    [InlineData("{}", 400, "debug")]
    public void SetLogLevel_Payloads_LevelChangedOnlyWhenValid(string payload, int status, string level)
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Command("set_log_level", 5, payload);
        rig.Run(200);

        JsonElement result = rig.Result("set_log_level");
        Assert.Equal(status, result.GetProperty("statusCode").GetInt32());
        Assert.Equal(level, Log.LevelText(rig.Ports.Log.MinLevel));
        if (status == 400)
        {
            Assert.StartsWith("level:", result.GetProperty("reasonPhrase").GetString());
        }
        else
        {
            Assert.Equal("debug", result.GetProperty("payload").GetProperty("previous").GetString());
        }
    }

    [Theory]
    [InlineData("{}", 400)]
    [InlineData("""{"mac":"246F28ABCDEE"}""", 403)]
    [InlineData("""{"mac":42}""", 400)]
    public void FactoryReset_WithoutThisLoggersMac_NothingWipedNoRestart(string payload, int status)
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Command("factory_reset", 6, payload);
        rig.Run(2_000);

        Assert.Equal(status, rig.Result("factory_reset").GetProperty("statusCode").GetInt32());
        new SettingsRepository(rig.Store).Load(out DeviceSettings stored);
        Assert.Equal(LoopRig.Token, stored.KaaToken);
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Theory]
    [InlineData("246F28ABCDEF")]
    [InlineData("24:6f:28:ab:cd:ef")]
    public void FactoryReset_ThisLoggersMac_WipesAndRestartsIntoProvisioningAfterDelivery(string mac)
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Session.Holding = true;
        rig.Command("factory_reset", 8, "{\"mac\":\"" + mac + "\"}");
        rig.Session.Release();
        rig.Session.Holding = true;
        rig.Run(2_000);
        Assert.Equal(0, rig.Reboots.Count);

        rig.Session.Holding = false;
        rig.Session.Release();
        rig.Run(2_000);

        Assert.Equal(200, rig.Result("factory_reset").GetProperty("statusCode").GetInt32());
        Assert.Equal(1, rig.Reboots.Count);
        LoopRig next = rig.Reboot();
        Assert.Equal((ResetReason.FactoryReset, RunMode.Provisioning), (next.Boot.Journal.PreviousReason, next.Loop.Mode));
        Assert.Equal("", next.Boot.Settings.WifiSsid);
        Assert.Equal("broker.example", next.Boot.Settings.MqttHost);
    }

    [Fact]
    public void GetDiagnostics_AnswersTheInstallersObject()
    {
        var rig = new LoopRig();
        rig.Run(6_000);
        rig.Command("get_diagnostics", 2);
        rig.Run(1_000);

        JsonElement d = rig.Result("get_diagnostics").GetProperty("payload");
        Assert.Equal("first-start", d.GetProperty("reset_reason").GetString());
        Assert.Equal(["first-start"], d.GetProperty("reset_history").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("Home Net", 6, "192.168.1.77", "246F28ABCDEF"),
            (d.GetProperty("ssid").GetString(), d.GetProperty("channel").GetInt32(), d.GetProperty("ip").GetString(), d.GetProperty("mac").GetString()));
        Assert.Equal(-63, d.GetProperty("rssi_dbm").GetInt32());
        Assert.Equal((123456, 123456, 1_500_000),
            (d.GetProperty("free_mem").GetInt64(), d.GetProperty("free_mem_min").GetInt64(), d.GetProperty("flash_free").GetInt64()));
        Assert.Equal(("1.2.3", "20260201.4"), (d.GetProperty("fw").GetString(), d.GetProperty("build").GetString()));
        Assert.Equal(JsonValueKind.Null, d.GetProperty("config_id").ValueKind);
        Assert.Equal(1, d.GetProperty("cloud_attempts").GetInt32());
        Assert.True(d.GetProperty("cloud_batches_acknowledged").GetInt32() >= 1);
        JsonElement device = Assert.Single(d.GetProperty("devices").EnumerateArray());
        Assert.Equal(("online", 1), (device.GetProperty("state").GetString(), device.GetProperty("unit").GetInt32()));
        Assert.True(device.GetProperty("transactions").GetInt32() >= 2);
        Assert.Equal(0, device.GetProperty("failures").GetInt32());
        Assert.Equal(0, d.GetProperty("schedule_entries").GetInt32());
        Assert.True(d.GetProperty("outbox_depth").GetInt32() >= 0);
    }

    [Fact]
    public void GetDiagnostics_LowestFreeHeap_KeptAcrossSamples()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Memory.FreeBytes = 90_000;
        rig.Run(rig.Options.MemorySampleMs);
        rig.Memory.FreeBytes = 110_000;
        rig.Command("get_diagnostics", 3);
        rig.Run(1_000);

        JsonElement d = rig.Result("get_diagnostics").GetProperty("payload");
        Assert.Equal((110_000, 90_000), (d.GetProperty("free_mem").GetInt64(), d.GetProperty("free_mem_min").GetInt64()));
    }

    [Theory]
    [InlineData("ping", "{}", 200)]
    [InlineData("set_log_level", """{"level":"loud"}""", 400)]
    [InlineData("factory_reset", """{"mac":"000000000000"}""", 403)]
    [InlineData("wifi_scan", "{}", 503)]
    [InlineData("set_wifi", """{"ssid":""}""", 400)]
    public void CustomMqtt_SameCommands_SameStatusCodes(string type, string payload, int status)
    {
        LoopRig rig = CustomMqttRig();
        rig.Network.ScanRefused = true;
        rig.Run(1_000);
        rig.Session.Push("home/el/command/" + type, "[{\"id\":1,\"payload\":" + payload + "}]");
        rig.Run(500);

        Assert.Equal((1, status), (CustomResult(rig, type).GetProperty("id").GetInt32(), Outcome(CustomResult(rig, type)).Status));
    }
}
