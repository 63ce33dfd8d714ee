using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.EndToEnd;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using SlaveImage = EnergyLogger.Integration.Tests.ReadyMaps.RegisterImage;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// <c>energylogger run</c> with every peer real: a pymodbus slave on a pty polled once a second, mosquitto with TLS
/// and a Kaa-like responder that acknowledges and can push configs. The local server's port is free and chosen here.
/// </summary>
internal sealed class LocalRig : IAsyncDisposable
{
    public const string Map = """
        {"format":"energylogger-map/1","name":"local-e2e","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"soc","address":11,"poll":"fast","target":"battery.soc"},
                   {"name":"pv_power","address":12,"poll":"fast","target":"pv.power"},
                   {"name":"grid_v","address":13,"scale":0.1,"poll":"fast","target":"grid.l1.voltage"},
                   {"name":"mppt1_v","address":14,"scale":0.1,"poll":"fast","target":"pv.mppt1.voltage"},
                   {"name":"mppt1_p","address":15,"poll":"fast","target":"pv.mppt1.power"},
                   {"name":"load_p","address":16,"poll":"fast","target":"load.power"},
                   {"name":"pv_today","address":17,"scale":0.1,"poll":"fast","target":"pv.energy_today"},
                   {"name":"import_today","address":18,"scale":0.1,"poll":"fast","target":"grid.import_energy_today"}]}
        """;

    public const int PeriodMs = 1000;
    public const string App = "local-app";
    public const string Token = "local-token";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(25);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-local-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly MosquittoBroker _broker = new();
    private MapPeer? _peer;
    private string _mac = "";
    private string _map = Map;
    private bool _logRequests;

    private LocalRig()
    {
    }

    public int Port { get; } = MosquittoBroker.FreePort();

    /// <summary>The logger's data folder (outboxes, settings).</summary>
    public string DataDir => Path.Combine(_dir, "data");

    public KaaLikeResponder Kaa { get; private set; } = null!;

    /// <summary>The pymodbus slave the logger polls; with <c>logRequests</c> its request log tells what reached the bus.</summary>
    public MapPeer Peer => _peer!;

    public LoggerProcess Logger { get; private set; } = null!;

    /// <summary>
    /// Starts the peers and the logger, with the local server on <see cref="Port"/> by the settings or off, and waits for two
    /// samples at the cloud (and for the server to listen, when it is on).
    /// </summary>
    /// <param name="extra">More members of the logger's config (e.g. <c>influx</c>).</param>
    /// <param name="settings">More port-4242 settings.</param>
    /// <param name="mac">The logger's MAC: a test that browses mDNS gives its logger one of its own.</param>
    public static async Task<LocalRig> StartAsync(bool serverOn, Dictionary<string, object>? extra = null, Dictionary<string, string>? settings = null,
        string mac = "02:00:00:e2:e2:14", string map = Map, bool logRequests = false)
    {
        var rig = new LocalRig { _mac = mac, _map = map, _logRequests = logRequests };
        try
        {
            Dictionary<string, string> local = serverOn ? new() { ["local.modbus"] = "on", ["local.modbus.port"] = rig.Port.ToString() } : new();
            foreach ((string name, string value) in settings ?? new())
            {
                local[name] = value;
            }

            await rig.Run(local, extra ?? new());
            if (serverOn)
            {
                rig.Logger.WaitFor(l => l.Contains("src=local msg=\"modbus tcp server listening\"", StringComparison.Ordinal), Patience);
            }

            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Pushes a config with the same map and <paramref name="extra"/> members (e.g. <c>,"local":{..}</c>).</summary>
    public void PushConfig(string id, string extra)
    {
        Kaa.Publish("kp1/" + App + "/cmx/" + Token + "/config/json/status", "{\"configId\":\"" + id + "\",\"config\":{\"map\":" + _map + extra + "}}");
    }

    /// <summary>
    /// The sample the cloud received under <paramref name="seq"/>, waited for: a local consumer (InfluxDB, the status page)
    /// may have it before the cloud's batch is through.
    /// </summary>
    public JsonElement CloudSample(long seq)
    {
        bool Received(JsonElement sample) => sample.GetProperty("seq").GetInt64() == seq;
        Assert.True(KaaLikeResponder.WaitUntil(() => Kaa.Samples.Any(Received), Patience), $"the cloud did not receive seq {seq}\n{Logger.Log}");
        return Kaa.Samples.First(Received);
    }

    public async ValueTask DisposeAsync()
    {
        Logger?.Dispose();
        Kaa?.Dispose();
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        _broker.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task Run(Dictionary<string, string> local, Dictionary<string, object> extra)
    {
        Directory.CreateDirectory(_dir);
        RegisterMap map = RegisterMapLoader.Load(_map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        SlaveImage image = new SlaveImage(map).Exists(FunctionCode.ReadHoldingRegisters, 0, 40)
            .Set("grid_power", -1200).Set("soc", 64).Set("pv_power", 3100).Set("grid_v", 230.4).Set("mppt1_v", 345.6).Set("mppt1_p", 3100)
            .Set("load_p", 4300).Set("pv_today", 12.3).Set("import_today", 4.5);
        _peer = await MapPeer.StartAsync(image, 9600, _logRequests);
        Kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        File.WriteAllText(Path.Combine(_dir, "map.json"), _map);
        File.Copy(_broker.CaPath, Path.Combine(_dir, "ca.pem"));
        var settings = new Dictionary<string, string>
        {
            ["mqtt.host"] = "localhost", ["mqtt.port"] = _broker.TlsPort.ToString(), ["kaa.token"] = Token, ["kaa.app"] = App,
        };
        foreach ((string name, string value) in local)
        {
            settings[name] = value;
        }

        string config = Path.Combine(_dir, "logger.json");
        var members = new Dictionary<string, object>
        {
            ["bus"] = new { port = _peer.SerialPath, baud = 9600, timeoutMs = 500, retries = 1 },
            ["map"] = "map.json",
            ["data"] = "data",
            ["mac"] = _mac,
            ["caFile"] = "ca.pem",
            ["poll"] = new { fastMs = PeriodMs, normalMs = PeriodMs, slowMs = PeriodMs, budgetMs = 800 },
            ["cloud"] = new { backoffBaseMs = 300, backoffMaxMs = 1000, keepAliveS = 10, replyTimeoutMs = 5000 },
            ["settings"] = settings,
        };
        foreach ((string name, object value) in extra)
        {
            members[name] = value;
        }

        File.WriteAllText(config, JsonSerializer.Serialize(members));
        Logger = LoggerProcess.Start("--config", config);
        if (!KaaLikeResponder.WaitUntil(() => Kaa.Samples.Count >= 2, Patience))
        {
            throw new TimeoutException("no samples at the cloud\n" + Logger.Log);
        }
    }
}
