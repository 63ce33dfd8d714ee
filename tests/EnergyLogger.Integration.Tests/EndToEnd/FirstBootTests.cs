using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.Provisioning;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// The virtual device from first boot to a broker outage, every peer real: <c>energylogger run</c> starts with no
/// settings and listens on port 4242; it is provisioned with the <c>provision</c> client (check) and a raw socket
/// (apply); it restarts into normal mode, polls a pymodbus slave on a pty, publishes over TLS to mosquitto where a
/// Kaa-like responder acknowledges; a config push changes map and interval without a restart; commands are
/// answered from the bus; mosquitto is killed and started again, and nothing is lost.
/// </summary>
public sealed class FirstBootTests : IDisposable
{
    private const string App = "e2e-app-v1";
    private const string Token = "e2e-token-42";
    private const string Prefix = "kp1/" + App + "/";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string FirstMap = """
        {"format":"energylogger-map/1","name":"e2e-first","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"soc","address":11,"poll":"fast","target":"battery.soc"}],
         "metadata":[{"name":"serial_number","address":100,"type":"string","count":2}]}
        """;

    private const string PushedMap = """
        {"format":"energylogger-map/1","name":"e2e-pushed","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"},
                   {"name":"soc","address":11,"poll":"fast","target":"battery.soc"},
                   {"name":"pv_power","address":12,"poll":"fast","target":"pv.power"}],
         "metadata":[{"name":"serial_number","address":100,"type":"string","count":2}]}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly MosquittoBroker _broker = new();

    public FirstBootTests()
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

    [Fact]
    public async Task FirstBoot_ProvisionPollPublishConfigCommandsAndBrokerRestart_NothingLost()
    {
        RegisterMap pushed = RegisterMapLoader.Load(PushedMap, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        RegisterImage image = new RegisterImage(pushed).Exists(FunctionCode.ReadHoldingRegisters, 0, 120)
            .Set("grid_power", -1200).Set("soc", 64).Set("pv_power", 3100).SetText("serial_number", "SN42");
        await using MapPeer peer = await MapPeer.StartAsync(image, 9600);
        using var kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        int port = MosquittoBroker.FreePort();
        using LoggerProcess logger = LoggerProcess.Start("--config", WriteConfig(peer.SerialPath), "--provisioning", "--provisioning-port", port.ToString());

        // First boot: no settings, so provisioning mode with the listener up.
        logger.WaitFor(l => l.Contains("src=boot msg=starting mode=provisioning boot=1 reset=first-start"), Patience);
        logger.WaitFor(l => l.Contains("src=provisioning msg=listening"), Patience);
        ProvisionOverTcp(port);
        // The reason names the port the settings came in on, which is not 4242 here.
        Assert.Contains($"reset=provisioned detail=\"settings applied on port {port}\"", logger.WaitFor(l => l.Contains("msg=starting mode=normal"), Patience));

        // Normal mode: polled from the pymodbus slave, published over TLS, acknowledged by the Kaa-like responder.
        Assert.True(WaitUntil(() => kaa.Samples.Count(s => Grid(s) == -1200) >= 3, Patience), logger.Log);
        JsonElement sample = kaa.Samples.First();
        Assert.Equal(64, sample.GetProperty("battery").GetProperty("soc").GetDouble());
        Assert.False(sample.TryGetProperty("pv", out _));
        Assert.Contains(kaa.On("epmx"), r => r.Payload.Contains("\"serial_number\":\"SN42\"") || r.Payload.Contains("\"mode\":\"normal\""));

        // A config push: a new map and the interval take over without a restart.
        int samplesBefore = kaa.Samples.Count;
        kaa.Publish(Prefix + "cmx/" + Token + "/config/json/status",
            "{\"configId\":\"e2e-2\",\"config\":{\"map\":" + PushedMap + ",\"poll\":{\"fastMs\":1000,\"normalMs\":1000,\"slowMs\":1000}}}");
        Assert.True(WaitUntil(() => kaa.Samples.Skip(samplesBefore).Any(s => Pv(s) == 3100), Patience), logger.Log);
        Assert.Contains(kaa.On("cmx"), r => r.Topic.Contains("/applied/json/") && r.Payload == "{\"configId\":\"e2e-2\",\"statusCode\":200}");
        Assert.Single(logger.Lines, l => l.Contains("src=boot msg=starting mode=normal"));

        // Commands run on the loop between cycles and read the real bus.
        kaa.Publish(Prefix + "cex/" + Token + "/command/regs_read/status", "[{\"id\":11,\"payload\":{\"unit\":1,\"fc\":3,\"addr\":10,\"count\":3}}]");
        kaa.Publish(Prefix + "cex/" + Token + "/command/get_version/status", "[{\"id\":12,\"payload\":{}}]");
        JsonElement read = Result(kaa, "regs_read", logger);
        Assert.Equal((11, 200), (read.GetProperty("id").GetInt32(), read.GetProperty("statusCode").GetInt32()));
        Assert.Equal([image.Word(FunctionCode.ReadHoldingRegisters, 10), 64, 3100], read.GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("e2e-2", Result(kaa, "get_version", logger).GetProperty("payload").GetProperty("configId").GetString());

        // The broker dies and comes back; samples taken meanwhile wait in the outbox and all arrive.
        int batchesBefore = kaa.On("dcx").Count();
        _broker.Stop();
        logger.WaitFor(l => l.Contains("src=leds") && l.Contains("mqtt=failed"), Patience);
        Thread.Sleep(2500); // a few 1 s cycles with no broker
        _broker.Start();
        int lostBefore = logger.Lines.Length;
        logger.WaitFor(l => l.Contains("src=leds") && l.Contains("mqtt=connected"), Patience, lostBefore);
        Assert.True(WaitUntil(() => Diagnostics(kaa, logger) is { } d && d.Depth <= 2, Patience), logger.Log);

        (int samples, int acknowledged, int depth, int dropped, int lost, int tooLarge, int refused) = Diagnostics(kaa, logger)!.Value;
        Assert.True(lost >= 1, "the broker outage was seen");
        Assert.Contains(kaa.On("dcx").Skip(batchesBefore), r => JsonDocument.Parse(r.Payload).RootElement.GetArrayLength() >= 2);
        Assert.Equal((0, 0, 0), (dropped, tooLarge, refused));
        Assert.Equal(samples, acknowledged + depth + dropped);
        Assert.True(kaa.Samples.Select(s => s.GetProperty("mono").GetInt64()).Distinct().Count() >= acknowledged,
            "every acknowledged sample reached the server");
        Assert.Empty(kaa.Violations);

        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }

    private void ProvisionOverTcp(int port)
    {
        // A raw socket as nc would: a half-done session changes nothing.
        using (var raw = new RawClient(port))
        {
            Assert.StartsWith("ok energy-logger provisioning", raw.ReadLine());
            Assert.Contains("stored=none", raw.Command("status"));
            Assert.Equal("ok wifi.ssid set", raw.Command("set wifi.ssid Lab Net"));
            Assert.StartsWith("error kaa.token: required", raw.Command("check"));
            Assert.Equal("ok bye", raw.Command("quit"));
        }

        // The friendly client checks a full set without applying it.
        EnergyLoggerProcess.Outcome check = ProvisionProcess.Run("", $"127.0.0.1:{port}", "--ssid", "Lab Net", "--wifi-key", "lab-wifi-key-1",
            "--mqtt-host", "localhost", "--mqtt-port", _broker.TlsPort.ToString(), "--token", Token, "--app-version", App,
            "--ca-file", _broker.CaPath, "--no-apply");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("ok ready to apply", check.Stdout);
        Assert.False(File.Exists(Path.Combine(_dir, "data", "settings.rec")));

        // Then the raw socket provisions for real, CA block included, and applies.
        using var apply = new RawClient(port);
        apply.ReadLine();
        foreach (string line in new[]
        {
            "set wifi.ssid Lab Net", "set wifi.key lab-wifi-key-1", "set mqtt.host localhost", "set mqtt.port " + _broker.TlsPort,
            "set kaa.token " + Token, "set kaa.app " + App,
        })
        {
            Assert.StartsWith("ok ", apply.Command(line));
        }

        Assert.StartsWith("ok ca:", apply.Command("ca begin"));
        foreach (string pem in File.ReadAllLines(_broker.CaPath).Where(l => l.Length > 0))
        {
            Assert.StartsWith("ok ca:", apply.Command(pem));
        }

        Assert.Equal("ok mqtt.ca set, 1 certificate", apply.Command("ca end"));
        Assert.Equal("ok ready to apply", apply.Command("check"));
        Assert.StartsWith("ok applied as record 1", apply.Command("apply"));
    }

    private string WriteConfig(string serialPath)
    {
        File.WriteAllText(Path.Combine(_dir, "map.json"), FirstMap);
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            bus = new { port = serialPath, baud = 9600, timeoutMs = 500, retries = 1 },
            map = "map.json",
            data = "data",
            mac = "02:00:00:e2:e2:01",
            poll = new { fastMs = 2000, normalMs = 2000, slowMs = 2000, budgetMs = 1500 },
            cloud = new { backoffBaseMs = 300, backoffMaxMs = 1000, keepAliveS = 10, replyTimeoutMs = 5000 },
        }));
        return config;
    }

    private static double? Grid(JsonElement s) => s.TryGetProperty("grid", out JsonElement g) ? g.GetProperty("power").GetDouble() : null;

    private static double? Pv(JsonElement s) => s.TryGetProperty("pv", out JsonElement p) ? p.GetProperty("power").GetDouble() : null;

    private static JsonElement Result(KaaLikeResponder kaa, string type, LoggerProcess logger)
    {
        string? payload = null;
        Assert.True(WaitUntil(() => (payload = kaa.On("cex").LastOrDefault(r => r.Topic.Contains("/result/" + type + "/")).Payload) is not null, Patience), logger.Log);
        return JsonDocument.Parse(payload!).RootElement[0].Clone();
    }

    /// <summary>Asks the logger for its counters with get_diagnostics and waits for the answer.</summary>
    private static (int Samples, int Acknowledged, int Depth, int Dropped, int Lost, int TooLarge, int Refused)? Diagnostics(KaaLikeResponder kaa, LoggerProcess logger)
    {
        if (kaa.Diagnostics(App, Token, Patience) is not JsonElement d)
        {
            return null;
        }

        int N(string name) => d.GetProperty(name).GetInt32();
        return (N("samples"), N("outbox_acknowledged"), N("outbox_depth"), N("outbox_dropped"), N("cloud_lost"), N("samples_too_large"), N("outbox_refused"));
    }
}
