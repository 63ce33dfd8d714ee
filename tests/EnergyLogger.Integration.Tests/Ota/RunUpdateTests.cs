using System.Security.Cryptography;
using System.Text.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Ota;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.EndToEnd;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary>
/// Over-the-air updates of <c>energylogger run</c> with every peer real: a pymodbus slave on a pty, mosquitto over TLS
/// with a Kaa-like responder, and Kestrel serving signed packages over HTTPS with a CA of the test. The offer comes on
/// CMX_OTA; the package is downloaded, verified and staged in the file slots of the data folder; the virtual device
/// restarts in-process, the loader starts the new image on trial, and the outcome goes back on CMX_OTA <c>applied</c>
/// (RELIABILITY O2, O5).
/// </summary>
public sealed class RunUpdateTests : IAsyncLifetime, IDisposable
{
    private const string App = "ota-app-v1";
    private const string Token = "ota-token-7";
    private const string Prefix = "kp1/" + App + "/";
    private const string Factory = "1.0.0";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Map = """
        {"format":"energylogger-map/1","name":"ota-e2e","devices":[{"id":"inv","slave":1}],
         "points":[{"name":"grid_power","address":10,"type":"int16","poll":"fast","target":"grid.power"}]}
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-ota-run-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ECDsa _key = SigningKeys.Generate();
    private readonly MosquittoBroker _broker = new();
    private HttpsUpdateServer _server = null!;
    private MapPeer _peer = null!;
    private KaaLikeResponder _kaa = null!;

    public RunUpdateTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public async Task InitializeAsync()
    {
        _server = await HttpsUpdateServer.StartAsync();
        RegisterMap map = RegisterMapLoader.Load(Map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        _peer = await MapPeer.StartAsync(new RegisterImage(map).Exists(FunctionCode.ReadHoldingRegisters, 0, 20).Set("grid_power", -800), 9600);
        _kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
    }

    public async Task DisposeAsync()
    {
        _kaa.Dispose();
        await _peer.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _broker.Dispose();
        _key.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Update_OfferedOnCmxOta_DownloadedStagedRestartedConfirmedAndReportedApplied()
    {
        using LoggerProcess logger = LoggerProcess.Start("--config", WriteConfig(trialBoots: 3, healthCheckMs: 60_000));
        WaitForReport(Factory, logger, numbered: false);

        _kaa.Publish(Prefix + "cmx_ota/" + Token + "/config/json/status", Offer("1.4.0", 300_000));

        logger.WaitFor(l => l.Contains("src=ota msg=\"staged; rebooting into it\""), Patience);
        Assert.Contains("reason=update", logger.WaitFor(l => l.Contains("src=loop msg=restarting"), Patience));
        Assert.Contains("version=1.4.0 mode=trial trial_boot=1", logger.WaitFor(l => l.Contains("src=loader msg=started slot=a"), Patience));
        logger.WaitFor(l => l.Contains("src=ota msg=\"health check passed; image confirmed\" version=1.4.0"), Patience);

        Assert.Equal("{\"configId\":\"1.4.0\"}", WaitForReport("1.4.0", logger, numbered: true));
        logger.WaitFor(l => l.Contains("src=ota msg=\"outcome reported\" outcome=applied version=1.4.0"), Patience);
        Assert.True(WaitUntil(() => _kaa.On("epmx").Any(r => r.Payload.Contains("\"fwVersion\":\"1.4.0\"")), Patience), logger.Log);

        // One download from the start, and the new image reached the update server before it confirmed.
        Assert.Single(_server.Requests, r => r.Path == "/packages/energylogger-1.4.0.elup");
        Assert.Contains(_server.Requests, r => r.Path == "/");
        Assert.Single(Reports(), r => !r.Topic.EndsWith("/applied/json", StringComparison.Ordinal));
        Assert.Empty(_kaa.Violations);
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void O5_NewImageNeverConfirmsInItsTrialBoots_RolledBackAndReportedByTheOldImage()
    {
        string config = WriteConfig(trialBoots: 2, healthCheckMs: 600_000);
        using (LoggerProcess factory = LoggerProcess.Start("--config", config))
        {
            WaitForReport(Factory, factory, numbered: false);
            _kaa.Publish(Prefix + "cmx_ota/" + Token + "/config/json/status", Offer("1.4.0", 1_000_000));
            factory.WaitFor(l => l.Contains("src=ota msg=\"download started\""), Patience);

            // Without the broker the new image can never pass its health check.
            _broker.Stop();
            factory.WaitFor(l => l.Contains("src=loader msg=started slot=a version=1.4.0 mode=trial trial_boot=1"), Patience);
        }

        // The trial boot dies (power cut, watchdog reset) before it proves itself, and so does the next one.
        using (LoggerProcess trial = LoggerProcess.Start("--config", config))
        {
            trial.WaitFor(l => l.Contains("src=loader msg=started slot=a version=1.4.0 mode=trial trial_boot=2"), Patience);
            trial.WaitFor(l => l.Contains("src=boot msg=starting"), Patience);
        }

        _broker.Start();
        using LoggerProcess old = LoggerProcess.Start("--config", config);
        old.WaitFor(l => l.Contains("src=loader msg=started slot=factory version=1.0.0 mode=confirmed"), Patience);
        Assert.Equal(
            "{\"configId\":\"1.0.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image did not confirm itself and was rolled back\"}",
            WaitForReport(Factory, old, numbered: true));
        old.WaitFor(l => l.Contains("src=ota msg=\"outcome reported\" outcome=rolled-back version=1.4.0"), Patience);
        Assert.Empty(_kaa.Violations);
        Assert.Equal(0, old.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void O5_HealthCheckFailsOnTrial_ImageRollsItselfBackAndTheOldImageReportsIt()
    {
        using LoggerProcess logger = LoggerProcess.Start("--config", WriteConfig(trialBoots: 3, healthCheckMs: 4_000));
        WaitForReport(Factory, logger, numbered: false);
        _kaa.Publish(Prefix + "cmx_ota/" + Token + "/config/json/status", Offer("1.4.0", 1_000_000));
        logger.WaitFor(l => l.Contains("src=ota msg=\"download started\""), Patience);
        _broker.Stop();

        logger.WaitFor(l => l.Contains("src=loader msg=started slot=a version=1.4.0 mode=trial trial_boot=1"), Patience);
        logger.WaitFor(l => l.Contains("src=ota msg=\"health check failed; rolled back, rebooting\""), Patience);
        logger.WaitFor(l => l.Contains("src=loader msg=started slot=factory version=1.0.0 mode=confirmed"), Patience);
        _broker.Start();

        Assert.Equal(
            "{\"configId\":\"1.0.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image failed its health check and was rolled back\"}",
            WaitForReport(Factory, logger, numbered: true));
        Assert.Empty(_kaa.Violations);
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void O2_DowngradeOffer_RefusedWithItsStatusAndNothingDownloaded()
    {
        using LoggerProcess logger = LoggerProcess.Start("--config", WriteConfig(trialBoots: 3, healthCheckMs: 60_000));
        WaitForReport(Factory, logger, numbered: false);

        _kaa.Publish(Prefix + "cmx_ota/" + Token + "/config/json/status", Offer("0.9.0", 50_000));

        Assert.Equal(
            "{\"configId\":\"1.0.0\",\"statusCode\":400,\"reasonPhrase\":\"0.9.0: older than the running version and downgrade not allowed\"}",
            WaitForReport(Factory, logger, numbered: true));
        Assert.Contains("reason=\"older than the running version and downgrade not allowed\"",
            logger.WaitFor(l => l.Contains("src=ota msg=\"offer refused\" version=0.9.0"), Patience));
        Assert.DoesNotContain(_server.Requests, r => r.Path.StartsWith("/packages/", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("src=loop msg=restarting"));
        Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A package signed with the test's release key, served over HTTPS, and its CMX_OTA offer.</summary>
    private string Offer(string version, int imageLength)
    {
        byte[] image = RandomNumberGenerator.GetBytes(imageLength);
        byte[] manifest = PackageSigner.Manifest(SemanticVersion.Parse(version)!, SemanticVersion.Parse(Factory)!, "esp32s3", image);
        byte[] package = PackageSigner.Sign(_key, manifest, image);
        string url = _server.Put($"energylogger-{version}.elup", package);
        return JsonSerializer.Serialize(new { configId = version, config = new { link = url, size = package.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(image)) } });
    }

    private IEnumerable<(string Topic, string Payload)> Reports() => _kaa.On("cmx_ota").Where(r => r.Topic.Contains("/applied/json", StringComparison.Ordinal));

    /// <summary>
    /// The body of a CMX_OTA applied report naming <paramref name="configId"/>: the running version each connect
    /// announces (unnumbered), or an updater outcome (numbered, so that Kaa answers it).
    /// </summary>
    private string WaitForReport(string configId, LoggerProcess logger, bool numbered)
    {
        string? payload = null;
        Assert.True(WaitUntil(() => (payload = Reports().Where(r => r.Topic.EndsWith("/applied/json", StringComparison.Ordinal) != numbered)
            .Select(r => r.Payload).LastOrDefault(p => p.Contains("\"configId\":\"" + configId + "\"", StringComparison.Ordinal))) is not null, Patience), logger.Log);
        return payload!;
    }

    private string WriteConfig(int trialBoots, int healthCheckMs)
    {
        File.WriteAllText(Path.Combine(_dir, "map.json"), Map);
        File.WriteAllText(Path.Combine(_dir, "release.pub.pem"), _key.ExportSubjectPublicKeyInfoPem());
        File.WriteAllText(Path.Combine(_dir, "update-ca.pem"), _server.Ca.ExportCertificatePem());
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            bus = new { port = _peer.SerialPath, baud = 9600, timeoutMs = 500, retries = 1 },
            map = "map.json",
            data = "data",
            mac = "02:00:00:0e:2e:07",
            settings = new Dictionary<string, string>
            {
                ["mqtt.host"] = "localhost", ["mqtt.port"] = _broker.TlsPort.ToString(), ["kaa.token"] = Token, ["kaa.app"] = App,
            },
            caFile = _broker.CaPath,
            poll = new { fastMs = 1000, normalMs = 1000, slowMs = 1000, budgetMs = 800 },
            cloud = new { backoffBaseMs = 300, backoffMaxMs = 1000, keepAliveS = 10, replyTimeoutMs = 5000 },
            loop = new { tickMs = 20 },
            ota = new
            {
                publicKey = "release.pub.pem", caFile = "update-ca.pem", trialBoots, healthCheckMs, healthProbeUrl = _server.BaseUrl + "/",
                retryDelayMs = 1000, timeoutMs = 10_000,
            },
        }));
        return config;
    }
}
