using System.Diagnostics;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Samples;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.EndToEnd;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

/// <summary>scan, read, sub, watch and report as the real process, against pymodbus slaves, mosquitto and files.</summary>
public sealed class ToolCommandTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-tools-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<MapPeer> DeyeAt(byte slave, int baud)
    {
        RegisterMap map = ReadyMapPolling.Load("deye-sg04lp3.json");
        RegisterImage image = ReadyMapPeerTests.DeyeScene(map, withBatteryPack: true);
        image.Slave = slave;
        return await MapPeer.StartAsync(image, baud);
    }

    [Fact]
    public async Task Scan_DeyeAtSlave5_FoundFingerprintedAndTheDeyeMapSuggested()
    {
        await using MapPeer peer = await DeyeAt(5, 19200);

        EnergyLoggerProcess.Outcome scan = EnergyLoggerProcess.Run(TimeSpan.FromSeconds(90), "scan", "--port", peer.SerialPath, "--ids", "4-6", "--baud", "19200,9600");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        Assert.Contains("slave 5 at 19200 8N1: holding register 0 = 1280", scan.Stdout);
        Assert.Contains("  deye-sg04lp3.json: 64 of 64 points plausible (100%)", scan.Stdout);
        Assert.Contains("  suggested map: deye-sg04lp3.json", scan.Stdout);
        Assert.Contains("stopped after the setting that found a device: 1 device(s) found", scan.Stdout);
    }

    [Fact]
    public async Task Scan_SilentBus_Exit1NothingFoundInBoundedTime()
    {
        await using MapPeer peer = await DeyeAt(200, 9600);
        var watch = Stopwatch.StartNew();

        EnergyLoggerProcess.Outcome scan = EnergyLoggerProcess.Run("scan", "--port", peer.SerialPath, "--ids", "1-4", "--baud", "9600,19200", "--parity", "none,even", "--timeout", "100");

        Assert.True(scan.ExitCode == 1, scan.ToString());
        Assert.Contains("scanning " + peer.SerialPath + ": 4 ids x 4 line settings, 16 probes, at most 2 s", scan.Stdout);
        Assert.Contains("16 probes in ", scan.Stdout);
        Assert.Contains(", done: 0 device(s) found", scan.Stdout);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Read_MapPointsWatchedAsCsv_AHeaderThenOneRowPerPointPerRead()
    {
        await using MapPeer peer = await DeyeAt(1, 9600);

        EnergyLoggerProcess.Outcome read = EnergyLoggerProcess.Run("read", "--port", peer.SerialPath, "--map", ReadyMapPolling.MapPath("deye-sg04lp3.json"),
            "--point", "grid_power,battery_soc", "--watch", "1", "--reads", "2", "--format", "csv");

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal("time,name,address,value,unit,quality", read.Lines[0]);
        Assert.Equal(5, read.Lines.Length);
        Assert.EndsWith(",grid_power,holding 625 (0x0271),-800,W,good", read.Lines[1]);
        Assert.EndsWith(",battery_soc,holding 588 (0x024C),64,%,good", read.Lines[2]);
    }

    [Theory]
    [InlineData(new[] { "--point", "grid_power", "--address", "3" }, "--address does not apply to --map")]
    [InlineData(new[] { "--point", "nope" }, "--point: the map has no point 'nope'")]
    [InlineData(new string[0], "with --map give --point NAME[,NAME] or --all")]
    public void Read_MapMisused_Exit2WithTheReason(string[] extra, string expected)
    {
        EnergyLoggerProcess.Outcome read = EnergyLoggerProcess.Run(["read", "--tcp", "127.0.0.1:1", "--map", ReadyMapPolling.MapPath("deye-sg04lp3.json"), .. extra]);
        Assert.True(read.ExitCode == 2, read.ToString());
        Assert.Contains(expected, read.Stderr);
    }

    [Fact]
    public void WatchDemo_NotATerminal_OnePlainLinePerSample()
    {
        EnergyLoggerProcess.Outcome watch = EnergyLoggerProcess.Run("watch", "--demo", "--cycles", "3", "--interval-ms", "0", "--start-hour", "12");

        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Equal(3, watch.Lines.Length);
        Assert.Matches(@"^12:00:\d\d \| solar producing \d+\.\d kW \| battery .* \| house using \d+\.\d kW \| grid (exporting|importing) \d+\.\d kW \| today produced", watch.Lines[0]);
    }

    [Fact]
    public async Task WatchBus_DeyeThroughItsMap_OneLinePerReadInWords()
    {
        await using MapPeer peer = await DeyeAt(1, 9600);
        using LoggerProcess watch = LoggerProcess.StartCommand("watch", "--port", peer.SerialPath, "--map", ReadyMapPolling.MapPath("deye-sg04lp3.json"), "--interval", "1");

        WaitUntil(() => watch.Lines.Length >= 2, watch.Log);

        // The scene: 4.3 kW of PV, the battery giving 1.5 kW at 64%, 6.6 kW in the house, 0.8 kW from the grid, warning bit 1 set.
        Assert.Contains("| solar producing 4.3 kW | battery discharging 1.5 kW at 64% | house using 6.6 kW | grid importing 0.8 kW"
            + " | today produced 18.4 kWh, imported 3.2 kWh, exported 7.5 kWh, self-consumption 59%", watch.Lines[0]);
        Assert.EndsWith(" | warning: the inverter reports a warning: fan failure", watch.Lines[0]);
    }

    [Fact]
    public void SubAndWatch_TheDemoPublishing_DecodedLinesAndOneWatchLinePerSample()
    {
        const string Prefix = "energylogger/energy-logger-02454C000001";
        string url = $"mqtt://127.0.0.1:{broker.PlainPort}";
        using LoggerProcess sub = LoggerProcess.StartCommand("sub", "--broker", url, "--prefix", Prefix);
        using LoggerProcess watch = LoggerProcess.StartCommand("watch", "--broker", url, "--prefix", Prefix);
        WaitUntil(() => sub.Log.Contains("following") && watch.Log.Contains("following"), sub.Log + watch.Log);

        EnergyLoggerProcess.Outcome demo = EnergyLoggerProcess.Run("demo", "--broker", url, "--cycles", "3", "--interval-ms", "0", "--start-hour", "12");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        WaitUntil(() => sub.Lines.Count(l => l.Contains("  sample     ")) == 3 && watch.Lines.Length == 3, sub.Log + watch.Log);
        Assert.True(sub.Lines.Any(l => l.Contains("energy-logger-02454C000001  status     online")), sub.Log);
        // The demo's simulated clock starts at 12:00 and runs on in real time, so its first cycle is a second or so later on a busy machine.
        Assert.True(sub.Lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"energy-logger-02454C000001  sample     12:00:\d\d seq 1000000001: solar producing")), sub.Log);
        Assert.Equal(3, sub.Lines.Count(l => l.Contains("  state      ")));
        Assert.All(watch.Lines, l => Assert.Contains(" | today produced ", l));
    }

    [Fact]
    public void Report_FromADailyCsv_PngWrittenAndTheSummaryPrinted()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Local);
        ToolSamples.DayUntil(20).ForEach(s => log.Write("inverter", s));
        string csv = Directory.GetFiles(_dir).Single();

        EnergyLoggerProcess.Outcome report = EnergyLoggerProcess.Run("report", "--from", csv, "--width", "800", "--height", "500");

        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.True(new FileInfo(Path.ChangeExtension(csv, ".png")).Length > 10_000);
        Assert.Contains(report.Lines, l => l.StartsWith("Produced (solar)", StringComparison.Ordinal) && l.Contains("the inverter's daily counter"));
        Assert.EndsWith("Chart: " + Path.ChangeExtension(csv, ".png"), report.Lines[^1]);
    }

    [Fact]
    public void Report_NoSuchFile_Exit1WithTheReason()
    {
        EnergyLoggerProcess.Outcome report = EnergyLoggerProcess.Run("report", "--from", "/nonexistent/day.csv");
        Assert.True(report.ExitCode == 1, report.ToString());
        Assert.Contains("energylogger report: cannot read /nonexistent/day.csv", report.Stderr);
    }

    private static void WaitUntil(Func<bool> condition, string log)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), log);
            Thread.Sleep(100);
        }
    }
}
