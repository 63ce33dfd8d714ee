using System.Text.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// wifi_scan and set_wifi through the loop: a scan keeps the cloud link up; a change of network is kept only when the cloud
/// answers over it in time, and otherwise undone, so a remote Wi-Fi change never strands the logger.
/// </summary>
public sealed class WifiCommandTests
{
    private const string Shed = "Shed";
    private const string ShedKey = "shed-wifi-key-9";

    private static LoopRig Rig()
    {
        var options = new RuntimeOptions { WifiTrialMs = 20_000, WifiScanMs = 5_000 };
        options.Cloud.BackoffBaseMs = 500;
        var rig = new LoopRig(options: options);
        rig.Run(1_000);
        return rig;
    }

    private static (int Status, JsonElement Payload) Outcome(LoopRig rig, string type)
    {
        JsonElement r = rig.Result(type);
        return (r.GetProperty("statusCode").GetInt32(), r.GetProperty("payload"));
    }

    private static string StoredSsid(LoopRig rig)
    {
        new SettingsRepository(rig.Store).Load(out DeviceSettings stored);
        return stored.WifiSsid;
    }

    [Fact]
    public void WifiScan_NetworksInRange_StrongestFirstAfterTheScanEnds_LinkKept()
    {
        LoopRig rig = Rig();
        rig.Network.InRange =
        [
            new ScannedNetwork("Neighbour", -81, 11, "wpa2"),
            new ScannedNetwork("Home Net", -52, 6, "wpa2"),
            new ScannedNetwork("", -40, 1, "open"),
            new ScannedNetwork("Cafe", -70, 0, null),
        ];
        int connects = rig.Session.ConnectAttempts.Count;
        rig.Command("wifi_scan", 1);
        rig.Run(1_000);
        Assert.Empty(rig.Session.On("/result/wifi_scan/"));

        rig.Network.FinishScan();
        rig.Run(500);

        (int status, JsonElement payload) = Outcome(rig, "wifi_scan");
        Assert.Equal(200, status);
        JsonElement[] networks = [.. payload.GetProperty("networks").EnumerateArray()];
        Assert.Equal(["Home Net", "Cafe", "Neighbour"], networks.Select(n => n.GetProperty("ssid").GetString()));
        Assert.Equal((-52, 6, "wpa2"), (networks[0].GetProperty("rssi").GetInt32(), networks[0].GetProperty("channel").GetInt32(), networks[0].GetProperty("security").GetString()));
        Assert.False(networks[1].TryGetProperty("channel", out _));
        Assert.False(networks[1].TryGetProperty("security", out _));
        Assert.Equal(connects, rig.Session.ConnectAttempts.Count);
    }

    [Fact]
    public void WifiScan_NeverFinishes_504AfterTheLimit()
    {
        LoopRig rig = Rig();
        rig.Command("wifi_scan", 2);
        rig.Run(6_000);

        Assert.Equal(504, Outcome(rig, "wifi_scan").Status);
        rig.Command("wifi_scan", 3);
        rig.Run(200);
        Assert.Equal(2, rig.Network.ScansStarted);
    }

    [Fact]
    public void WifiScan_WhileOneRuns_409_AndRefusedByTheAdapter_503()
    {
        LoopRig rig = Rig();
        rig.Command("wifi_scan", 4);
        rig.Command("wifi_scan", 5);
        rig.Run(500);
        Assert.Equal(409, Outcome(rig, "wifi_scan").Status);

        rig.Network.FinishScan();
        rig.Run(500);
        rig.Network.ScanRefused = true;
        rig.Command("wifi_scan", 6);
        rig.Run(500);
        Assert.Equal(503, Outcome(rig, "wifi_scan").Status);
    }

    [Theory]
    [InlineData("{}", "ssid: required, a string")]
    [InlineData("""{"ssid":""}""", "ssid: required")]
    [InlineData("""{"ssid":"a-network-name-longer-than-32-bytes"}""", "ssid: longer than 32 bytes")]
    [InlineData("""{"ssid":"Shed","key":"short"}""", "key: must be 8 to 63 printable ASCII characters")]
    [InlineData("""{"ssid":"Shed","key":7}""", "key: required, a string")]
    public void SetWifi_BadPayload_400AsOnPort4242_NothingJoined(string payload, string reason)
    {
        LoopRig rig = Rig();
        rig.Command("set_wifi", 1, payload);
        rig.Run(500);

        JsonElement r = rig.Result("set_wifi");
        Assert.Equal(400, r.GetProperty("statusCode").GetInt32());
        Assert.StartsWith(reason, r.GetProperty("reasonPhrase").GetString());
        Assert.Empty(rig.Network.Joins);
    }

    [Fact]
    public void SetWifi_NewNetworkReachesTheCloud_KeptStoredAndReportedOverIt()
    {
        LoopRig rig = Rig();
        rig.Command("set_wifi", 7, "{\"ssid\":\"" + Shed + "\",\"key\":\"" + ShedKey + "\"}");
        rig.Run(3_000);

        (int status, JsonElement payload) = Outcome(rig, "set_wifi");
        Assert.Equal(200, status);
        Assert.Equal((Shed, "Home Net", true), (payload.GetProperty("ssid").GetString(), payload.GetProperty("previous").GetString(), payload.GetProperty("stored").GetBoolean()));
        Assert.Equal([(Shed, ShedKey)], rig.Network.Joins);
        Assert.Equal(Shed, StoredSsid(rig));
        Assert.Equal(Shed, rig.Reboot().Boot.Settings.WifiSsid);
        Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains(ShedKey, StringComparison.Ordinal));
    }

    [Fact]
    public void SetWifi_NewNetworkWithoutCloud_BackOnTheOldOneAfterTheTrial_NothingStored()
    {
        LoopRig rig = Rig();
        rig.Network.JoinOutcome = (ssid, _) =>
        {
            rig.Session.Reachable = ssid != Shed;
            return NetworkState.Connected;
        };
        rig.Command("set_wifi", 8, "{\"ssid\":\"" + Shed + "\",\"key\":\"" + ShedKey + "\"}");
        rig.Run(10_000);
        Assert.Empty(rig.Session.On("/result/set_wifi/"));
        Assert.Equal(Shed, rig.Network.Ssid);

        rig.Run(15_000);

        (int status, JsonElement payload) = Outcome(rig, "set_wifi");
        Assert.Equal(504, status);
        Assert.Equal(("Home Net", Shed, true), (payload.GetProperty("ssid").GetString(), payload.GetProperty("tried").GetString(), payload.GetProperty("joined").GetBoolean()));
        Assert.Equal([(Shed, ShedKey), ("Home Net", "correct horse battery")], rig.Network.Joins);
        Assert.Equal("Home Net", StoredSsid(rig));
        Assert.True(rig.Session.IsConnected);
    }

    [Fact]
    public void SetWifi_NewNetworkRefusesTheJoin_BackAtOnce_502()
    {
        LoopRig rig = Rig();
        rig.Network.JoinOutcome = (ssid, _) => ssid == Shed ? NetworkState.Failed : NetworkState.Connected;
        rig.Command("set_wifi", 9, "{\"ssid\":\"" + Shed + "\",\"key\":\"" + ShedKey + "\"}");
        rig.Run(3_000);

        (int status, JsonElement payload) = Outcome(rig, "set_wifi");
        Assert.Equal(502, status);
        Assert.Equal(("Home Net", false), (payload.GetProperty("ssid").GetString(), payload.GetProperty("joined").GetBoolean()));
        Assert.Equal("Home Net", StoredSsid(rig));
    }

    [Fact]
    public void SetWifi_RestartDuringTheTrial_BootsOnTheStoredOldNetwork()
    {
        LoopRig rig = Rig();
        rig.Network.JoinOutcome = (ssid, _) => ssid == Shed ? NetworkState.Connecting : NetworkState.Connected;
        rig.Command("set_wifi", 10, "{\"ssid\":\"" + Shed + "\",\"key\":\"" + ShedKey + "\"}");
        rig.Run(5_000);

        Assert.Equal("Home Net", rig.Reboot().Boot.Settings.WifiSsid);
    }

    [Fact]
    public void SetWifi_WhileAScanRuns_409_AndTheSameNetwork_200WithoutAJoin()
    {
        LoopRig rig = Rig();
        rig.Command("set_wifi", 11, """{"ssid":"Home Net","key":"correct horse battery"}""");
        rig.Run(500);
        (int same, JsonElement payload) = Outcome(rig, "set_wifi");
        Assert.Equal((200, "Home Net"), (same, payload.GetProperty("ssid").GetString()));

        rig.Command("wifi_scan", 12);
        rig.Command("set_wifi", 13, "{\"ssid\":\"" + Shed + "\",\"key\":\"" + ShedKey + "\"}");
        rig.Run(500);

        Assert.Equal(409, Outcome(rig, "set_wifi").Status);
        Assert.Empty(rig.Network.Joins);
    }
}
