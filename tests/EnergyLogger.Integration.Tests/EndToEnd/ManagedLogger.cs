using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Storage;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// <c>energylogger run</c> managed from a cloud, every peer real: a pymodbus slave on a pty, mosquitto with TLS and a
/// Kaa-like responder that answers and records. The settings are stored in the data folder as port 4242 would store
/// them (not given in the config, so that what the logger stores itself, a Wi-Fi change or a factory reset, is what the
/// next boot reads). Commands go out as CEX pushes; their results come back as the responder saw them.
/// </summary>
internal sealed class ManagedLogger : IDisposable
{
    public const string App = "mgmt-app-v1";
    public const string Token = "mgmt-token-7";
    public const string Mac = "020000001501";
    public const string HomeKey = "home-wifi-key-1";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(25);

    private static int _nextId = 1000;

    public ManagedLogger(MosquittoBroker broker, string dir)
    {
        Broker = broker;
        Dir = dir;
        Kaa = new KaaLikeResponder(broker, broker.TlsPort);
    }

    public MosquittoBroker Broker { get; }

    public string Dir { get; }

    public KaaLikeResponder Kaa { get; }

    public LoggerProcess? Process { get; private set; }

    public string Data => Path.Combine(Dir, "data");

    /// <summary>Stores the installer's settings (Kaa over TLS to the test broker, Wi-Fi "Home Net") as an apply on port 4242 would.</summary>
    public void Provision()
    {
        var settings = new DeviceSettings();
        foreach ((SettingField field, string value) in new[]
        {
            (SettingFields.WifiSsid, "Home Net"), (SettingFields.WifiKey, HomeKey), (SettingFields.MqttHost, "localhost"),
            (SettingFields.MqttPort, Broker.TlsPort.ToString()), (SettingFields.KaaToken, Token), (SettingFields.KaaApp, App),
            (SettingFields.MqttCa, File.ReadAllText(Broker.CaPath)),
        })
        {
            Assert.Null(settings.Set(field, value));
        }

        Directory.CreateDirectory(Data);
        Assert.True(new SettingsRepository(new DirectoryFileStore(Data)).Save(settings));
    }

    /// <summary>Starts the logger with a config made of the bus and <paramref name="extra"/> members (wifi, clock, loop...).</summary>
    public LoggerProcess Start(string serialPath, Dictionary<string, object> extra, params string[] args)
    {
        var config = new Dictionary<string, object>
        {
            ["bus"] = new { port = serialPath, baud = 9600, timeoutMs = 500, retries = 1 },
            ["data"] = "data",
            ["mac"] = "02:00:00:00:15:01",
            ["poll"] = new { fastMs = 2000, normalMs = 2000, slowMs = 2000, budgetMs = 1500 },
            ["cloud"] = new { backoffBaseMs = 300, backoffMaxMs = 1000, keepAliveS = 10, replyTimeoutMs = 5000 },
        };
        foreach ((string key, object value) in extra)
        {
            config[key] = value;
        }

        string path = Path.Combine(Dir, "logger.json");
        File.WriteAllText(path, JsonSerializer.Serialize(config));
        Process?.Dispose();
        Process = LoggerProcess.Start(["--config", path, .. args]);
        return Process;
    }

    /// <summary>Waits until the logger's session is up and its command observes are answered.</summary>
    public void WaitOnline(int after = 0)
    {
        Process!.WaitFor(l => l.Contains("src=leds") && l.Contains("mqtt=connected"), Patience, after);
        Assert.True(WaitUntil(() => Kaa.On("cex").Any(r => r.Topic.Contains("/command/factory_reset/")), Patience), Process.Log);
    }

    /// <summary>Pushes a command; returns its id.</summary>
    public long Command(string type, string payload)
    {
        long id = Interlocked.Increment(ref _nextId);
        Kaa.Publish("kp1/" + App + "/cex/" + Token + "/command/" + type + "/status", "[{\"id\":" + id + ",\"payload\":" + payload + "}]");
        return id;
    }

    /// <summary>The result of command <paramref name="id"/> of <paramref name="type"/>, once it has arrived.</summary>
    public JsonElement Result(string type, long id, TimeSpan? limit = null)
    {
        JsonElement? found = null;
        bool ok = WaitUntil(() => (found = Results(type).Cast<JsonElement?>().FirstOrDefault(r => r!.Value.GetProperty("id").GetInt64() == id)) is not null,
            limit ?? Patience);
        Assert.True(ok, $"no result of {type} {id}\n{Process?.Log}");
        return found!.Value;
    }

    public List<JsonElement> Results(string type) =>
        [.. Kaa.On("cex").Where(r => r.Topic.Contains("/result/" + type + "/", StringComparison.Ordinal)).Select(r => JsonDocument.Parse(r.Payload).RootElement[0].Clone())];

    /// <summary>Two holding registers of the slave, read through the logger (regs_read), so the bus stays the logger's.</summary>
    public int[] Read(int addr, int count)
    {
        JsonElement read = Result("regs_read", Command("regs_read", "{\"unit\":1,\"addr\":" + addr + ",\"count\":" + count + "}"));
        Assert.Equal(200, read.GetProperty("statusCode").GetInt32());
        return [.. read.GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32())];
    }

    public void Dispose()
    {
        Process?.Dispose();
        Kaa.Dispose();
    }
}
