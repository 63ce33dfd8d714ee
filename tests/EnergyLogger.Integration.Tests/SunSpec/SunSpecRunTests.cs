using EnergyLogger.Integration.Tests.EndToEnd;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.SunSpec;

/// <summary>
/// <c>energylogger run</c> with <c>"sunspec"</c> instead of a map (docs/runtime.md): at start the chains of the configured
/// units are walked on the configured bus and the map is drafted from them; a device that cannot be walked stops the
/// start with the reason.
/// </summary>
public sealed class SunSpecRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-sunspec-run-" + Guid.NewGuid().ToString("N")[..12]);

    public SunSpecRunTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string bus, string sunspec)
    {
        string path = Path.Combine(_dir, "logger.json");
        File.WriteAllText(path, "{\"bus\":" + bus + ",\"data\":\"data\",\"mac\":\"02:00:00:00:00:0A\",\"sunspec\":" + sunspec
            + ",\"settings\":{\"mqtt.host\":\"127.0.0.1\",\"mqtt.port\":\"1\",\"mqtt.tls\":\"off\",\"kaa.token\":\"sunspec-1\",\"kaa.app\":\"app\"}}");
        return path;
    }

    [Fact]
    public async Task Run_SunSpecSite_WalksTheUnitsAndPollsTheDraftedMap()
    {
        SunSpecImage inverter = new SunSpecImage(1).Common("Fronius", "Symo", "1")
            .Model(103, 50, w => { w[12] = 3000; w[13] = 0; w[29] = 3100; w[30] = 0; })
            .Model(160, 48, _ => { });
        SunSpecImage meter = new SunSpecImage(2).Common("Fronius", "TS 65A-3", "2").Model(203, 105, w => { w[16] = 100; w[20] = 0; });
        await using MapPeer peer = await MapPeer.StartTcpAsync(inverter.ToImage(), meter.ToImage());
        string config = Config($$"""{"tcp":"127.0.0.1:{{peer.TcpPort}}"}""", """{"units":[1,2],"timeZone":{"utcOffset":"+01:00","dst":"eu"}}""");

        using LoggerProcess run = LoggerProcess.Start("--config", config);
        string taken = run.WaitFor(l => l.Contains("msg=\"map taken over\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        Assert.Contains("map=\"SunSpec site\"", taken);
        Assert.Equal(0, run.Terminate(TimeSpan.FromSeconds(20)));
        Assert.Contains("sunspec unit 1: 1 at 40002 (L=65), 103 at 40069 (L=50), 160 at 40121 (L=48)", run.Log);
        Assert.Contains("sunspec unit 2: 1 at 40002 (L=65), 203 at 40069 (L=105)", run.Log);
        Assert.DoesNotContain("layout is not the map's", run.Log);
    }

    /// <summary>
    /// The dongle's way (docs/register-map.md, "SunSpec devices"): a map file whose devices are of kind "sunspec", with a
    /// point of the site's own that replaces a drafted one; the loop walks the chains at its first cycle and polls the map
    /// it drafted.
    /// </summary>
    [Fact]
    public async Task Run_SiteMapFile_TheLoopWalksTheDevicesAndPollsTheDraftedMap()
    {
        SunSpecImage inverter = new SunSpecImage(1).Common("Fronius", "Symo", "1")
            .Model(103, 50, w => { w[12] = 3000; w[13] = 0; w[29] = 3100; w[30] = 0; });
        SunSpecImage meter = new SunSpecImage(2).Common("Fronius", "TS 65A-3", "2").Model(203, 105, w => { w[16] = 100; w[20] = 0; });
        await using MapPeer peer = await MapPeer.StartTcpAsync(inverter.ToImage(), meter.ToImage());
        File.WriteAllText(Path.Combine(_dir, "site.json"), """
            { "format": "energylogger-map/1", "name": "Fronius site",
              "devices": [ { "id": "inverter", "slave": 1, "kind": "sunspec" }, { "id": "meter", "slave": 2, "kind": "sunspec" } ],
              "points": [ { "name": "ac_power", "device": "inverter", "address": 40083, "type": "int16", "scaleFactor": "sf_40084",
                            "poll": "fast", "target": "load.power" } ] }
            """);
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, "{\"bus\":{\"tcp\":\"127.0.0.1:" + peer.TcpPort + "\"},\"data\":\"data\",\"mac\":\"02:00:00:00:00:0B\",\"map\":\"site.json\""
            + ",\"settings\":{\"mqtt.host\":\"127.0.0.1\",\"mqtt.port\":\"1\",\"mqtt.tls\":\"off\",\"kaa.token\":\"sunspec-2\",\"kaa.app\":\"app\"}}");

        string csv = Path.Combine(_dir, "csv");
        using LoggerProcess run = LoggerProcess.Start("--config", config, "--csv-dir", csv);
        string drafted = run.WaitFor(l => l.Contains("msg=\"map drafted from the SunSpec devices\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        run.WaitFor(l => l.Contains("msg=\"map taken over\" map=\"Fronius site\" points=", StringComparison.Ordinal)
            && !l.Contains("points=0", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.True(WaitUntil(() => Directory.Exists(csv) && Directory.EnumerateFiles(csv, "*.csv", SearchOption.AllDirectories)
            .Any(f => File.ReadAllLines(f).Length >= 2), TimeSpan.FromSeconds(30)), run.Log);

        Assert.Equal(0, run.Terminate(TimeSpan.FromSeconds(20)));
        string[] lines = File.ReadAllLines(Directory.EnumerateFiles(csv, "*.csv", SearchOption.AllDirectories).First());
        string[] header = lines[0].Split(',');
        string[] row = lines[1].Split(',');
        // The site's own point (W as load power) replaced the drafted ac_power; the drafted DCW feeds pv.power.
        Assert.Equal("3000", row[Array.IndexOf(header, "load.power")]);
        Assert.Equal("3100", row[Array.IndexOf(header, "pv.power")]);
        Assert.Contains("chains=\"unit 1: 1 at 40002 (L=65), 103 at 40069 (L=50); unit 2: 1 at 40002 (L=65), 203 at 40069 (L=105)\"", drafted);
        Assert.DoesNotContain("layout is not the map's", run.Log);
        Assert.DoesNotContain("could not be walked", run.Log);
    }

    [Fact]
    public void Run_SunSpecDeviceNotThere_Exit1WithTheReason()
    {
        var outcome = EnergyLoggerProcess.Run("run", "--config", Config("""{"tcp":"127.0.0.1:1"}""", """{"units":[1]}"""));

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("energylogger run: $.sunspec:", outcome.Stderr);
    }

    [Theory]
    [InlineData("""{"units":[0]}""", "$.sunspec.units: unit ids 1 to 247")]
    [InlineData("""{"unit":1}""", "$.sunspec.unit")]
    public void Run_BadSunSpecConfig_Exit2NamingThePath(string sunspec, string expected)
    {
        var outcome = EnergyLoggerProcess.Run("run", "--config", Config("""{"tcp":"127.0.0.1:1"}""", sunspec));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(expected, outcome.Stderr);
    }
}
