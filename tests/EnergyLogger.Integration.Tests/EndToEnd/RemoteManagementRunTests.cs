using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Storage;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// The installer's commands through <c>energylogger run</c> against mosquitto and pymodbus, each with a good and a bad payload
/// (docs/cloud.md, "Commands"); <c>set_wifi</c> on the virtual device's simulated Wi-Fi, with a network that gives no way to the
/// broker (the old one stays, and says so) and one that works (stored, and the next boot uses it); a factory reset last.
/// </summary>
public sealed class RemoteManagementRunTests : IDisposable
{
    private const string Map = """
        {"format":"energylogger-map/1","name":"managed","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"charge_mode","address":108,"writable":true,"writeMin":0,"writeMax":1}]}
        """;

    private static readonly object Wifi = new
    {
        networks = new object[]
        {
            new { ssid = "Home Net", key = ManagedLogger.HomeKey, rssi = -48, channel = 6 },
            new { ssid = "Shed", key = "shed-wifi-key-1", rssi = -77, channel = 11, cloud = false },
            new { ssid = "Barn", key = "barn-wifi-key-1", rssi = -65, channel = 1, security = "wpa3" },
        },
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-mgmt-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly MosquittoBroker _broker = new();

    public RemoteManagementRunTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        _broker.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int Status(JsonElement result) => result.GetProperty("statusCode").GetInt32();

    private static JsonElement Payload(JsonElement result) => result.GetProperty("payload");

    [Fact]
    public async Task Run_EveryManagementCommand_GoodAndBadPayloads_WifiChangeUndoneOrKept_FactoryResetLast()
    {
        RegisterMap map = RegisterMapLoader.Load(Map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        RegisterImage image = new RegisterImage(map).Exists(FunctionCode.ReadHoldingRegisters, 0, 120).Set("grid_power", -900);
        await using MapPeer peer = await MapPeer.StartAsync(image, 9600);
        File.WriteAllText(Path.Combine(_dir, "map.json"), Map);
        using var cloud = new ManagedLogger(_broker, _dir);
        cloud.Provision();
        int port = MosquittoBroker.FreePort();
        LoggerProcess logger = cloud.Start(peer.SerialPath,
            new() { ["map"] = "map.json", ["wifi"] = Wifi, ["loop"] = new { wifiTrialMs = 6000 } },
            "--provisioning", "--provisioning-port", port.ToString());
        cloud.WaitOnline();

        // ping: answered with the sender's stamp; a stamp that is not an integer is refused.
        JsonElement pong = cloud.Result("ping", cloud.Command("ping", """{"t":1774746000123}"""));
        Assert.Equal((200, 1774746000123), (Status(pong), Payload(pong).GetProperty("t").GetInt64()));
        Assert.Equal(400, Status(cloud.Result("ping", cloud.Command("ping", """{"t":"now"}"""))));

        // get_diagnostics: the installer's object; a command item without an id is refused without an answer and counted.
        cloud.Kaa.Publish("kp1/" + ManagedLogger.App + "/cex/" + ManagedLogger.Token + "/command/get_diagnostics/status", """[{"payload":{}}]""");
        JsonElement diagnostics = Payload(cloud.Result("get_diagnostics", cloud.Command("get_diagnostics", "{}")));
        Assert.Equal(("Home Net", 6, ManagedLogger.Mac), (diagnostics.GetProperty("ssid").GetString(), diagnostics.GetProperty("channel").GetInt32(), diagnostics.GetProperty("mac").GetString()));
        Assert.Equal(["first-start"], diagnostics.GetProperty("reset_history").EnumerateArray().Select(r => r.GetString()));
        Assert.True(diagnostics.GetProperty("flash_free").GetInt64() > 0);
        Assert.True(diagnostics.GetProperty("free_mem_min").GetInt64() > 0);
        Assert.True(diagnostics.GetProperty("commands_refused").GetInt32() >= 2, diagnostics.ToString());
        Assert.Equal("online", Assert.Single(diagnostics.GetProperty("devices").EnumerateArray()).GetProperty("state").GetString());
        Assert.Single(cloud.Results("get_diagnostics"));

        // set_log_level: the level changes and says so; a level that does not exist is refused.
        Assert.Equal(400, Status(cloud.Result("set_log_level", cloud.Command("set_log_level", """{"level":"chatty"}"""))));
        JsonElement level = cloud.Result("set_log_level", cloud.Command("set_log_level", """{"level":"debug"}"""));
        Assert.Equal((200, "info"), (Status(level), Payload(level).GetProperty("previous").GetString()));
        logger.WaitFor(l => l.Contains("src=log") && l.Contains("level=debug previous=info"), ManagedLogger.Patience);

        // wifi_scan: the networks of the virtual device's Wi-Fi, strongest first; a second scan while one runs is refused.
        long scan = cloud.Command("wifi_scan", "{}");
        long busy = cloud.Command("wifi_scan", "{}");
        JsonElement networks = Payload(cloud.Result("wifi_scan", scan)).GetProperty("networks");
        Assert.Equal(["Home Net", "Barn", "Shed"], networks.EnumerateArray().Select(n => n.GetProperty("ssid").GetString()));
        Assert.Equal(("wpa3", 1), (networks[1].GetProperty("security").GetString(), networks[1].GetProperty("channel").GetInt32()));
        Assert.Equal(409, Status(cloud.Result("wifi_scan", busy)));

        // reconnect: answered, then a new session (a second connect in the log); an id-less item is not answered.
        cloud.Kaa.Publish("kp1/" + ManagedLogger.App + "/cex/" + ManagedLogger.Token + "/command/reconnect/status", """[{"payload":{}}]""");
        int before = logger.Lines.Length;
        Assert.Equal(200, Status(cloud.Result("reconnect", cloud.Command("reconnect", "{}"))));
        int dropped = logger.Lines.Length;
        Assert.True(WaitUntil(() => (dropped = Array.FindIndex(logger.Lines, before, l => l.Contains("src=leds") && !l.Contains("mqtt=connected"))) >= 0,
            ManagedLogger.Patience), logger.Log);
        logger.WaitFor(l => l.Contains("src=leds") && l.Contains("mqtt=connected"), ManagedLogger.Patience, dropped);
        Assert.Single(cloud.Results("reconnect"));

        // set_wifi: a bad key is refused as on port 4242; a network without a way to the broker is tried and undone.
        Assert.Equal(400, Status(cloud.Result("set_wifi", cloud.Command("set_wifi", """{"ssid":"Shed","key":"short"}"""))));
        JsonElement undone = cloud.Result("set_wifi", cloud.Command("set_wifi", """{"ssid":"Shed","key":"shed-wifi-key-1"}"""), TimeSpan.FromSeconds(40));
        Assert.Equal((504, "Home Net", "Shed"), (Status(undone), Payload(undone).GetProperty("ssid").GetString(), Payload(undone).GetProperty("tried").GetString()));
        Assert.Equal("Home Net", StoredSsid());

        // ... and a network that works is kept and stored.
        JsonElement kept = cloud.Result("set_wifi", cloud.Command("set_wifi", """{"ssid":"Barn","key":"barn-wifi-key-1"}"""), TimeSpan.FromSeconds(40));
        Assert.Equal((200, "Barn", true), (Status(kept), Payload(kept).GetProperty("ssid").GetString(), Payload(kept).GetProperty("stored").GetBoolean()));
        Assert.Equal("Barn", StoredSsid());
        Assert.DoesNotContain(logger.Lines, l => l.Contains("barn-wifi-key-1", StringComparison.Ordinal) || l.Contains("shed-wifi-key-1", StringComparison.Ordinal));

        // factory_reset: another dongle's MAC wipes nothing; this one's wipes the credentials and restarts into provisioning.
        Assert.Equal(403, Status(cloud.Result("factory_reset", cloud.Command("factory_reset", """{"mac":"02:00:00:00:15:02"}"""))));
        Assert.Equal(ManagedLogger.Token, StoredSettings().KaaToken);
        Assert.Equal(200, Status(cloud.Result("factory_reset", cloud.Command("factory_reset", """{"mac":"02:00:00:00:15:01"}"""))));
        logger.WaitFor(l => l.Contains("msg=starting mode=provisioning") && l.Contains("reset=factory-reset"), ManagedLogger.Patience);
        Assert.Equal(("", "localhost"), (StoredSettings().KaaToken, StoredSettings().MqttHost));
        Assert.Empty(cloud.Kaa.Violations);
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }

    private DeviceSettings StoredSettings()
    {
        new SettingsRepository(new DirectoryFileStore(Path.Combine(_dir, "data"))).Load(out DeviceSettings settings);
        return settings;
    }

    private string StoredSsid() => StoredSettings().WifiSsid;
}
