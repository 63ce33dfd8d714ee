using System.Diagnostics;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Scan;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

/// <summary>
/// The scanner against pymodbus slaves on socat ptys. A pty passes bytes whatever the baud rate and parity the
/// master sets, so a slave answers at the first setting tried: the tests check the order, the stop after the
/// setting that found something, and the ids, not the electrical detection of a baud rate.
/// </summary>
public sealed class BusScannerTests
{
    private const int TimeoutMs = 300;

    private static BusScanner Scanner(string path, int timeoutMs = TimeoutMs) =>
        new(setting => Bus.Open(new BusSettings(BusMedium.Serial, path, 0, setting.Baud, setting.Parity, 1, timeoutMs, 0)));

    private static async Task<MapPeer> DeyeAt(byte slave, int baud)
    {
        RegisterMap map = ReadyMapPolling.Load("deye-sg04lp3.json");
        RegisterImage image = ReadyMapPeerTests.DeyeScene(map, withBatteryPack: true);
        image.Slave = slave;
        return await MapPeer.StartAsync(image, baud);
    }

    [Fact]
    public async Task Run_TwoSlavesAtTwoBaudRates_FindsEachIdAtTheFirstSettingThatAnswersAndStops()
    {
        await using MapPeer at9600 = await DeyeAt(3, 9600);
        await using MapPeer at19200 = await DeyeAt(7, 19200);
        var plan = new ScanPlan(ScanPlan.Combine([9600, 19200], [Parity.None, Parity.Even]), SlaveIds.Parse("2,3,4-5", out _)!, TimeoutMs);
        var progress = new List<ScanProgress>();

        ScanResult first = Scanner(at9600.SerialPath).Run(plan, keepGoing: false, progress.Add, CancellationToken.None);
        ScanResult second = Scanner(at19200.SerialPath).Run(plan with { Settings = ScanPlan.Combine([19200], [Parity.None]), Ids = SlaveIds.Parse("6-8", out _)! },
            keepGoing: false, _ => { }, CancellationToken.None);

        Assert.Equal([new ScanHit(new LineSetting(9600, Parity.None), 3, "holding register 0 = 1280")], first.Found);
        Assert.True(first.StoppedEarly);
        Assert.Equal(4, first.Probes);
        Assert.Equal([(19200, (byte)7)], second.Found.Select(h => (h.Setting.Baud, h.Slave)));
        Assert.Equal(Enumerable.Range(0, 4), progress.Take(4).Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(16, p.Total));
    }

    [Fact]
    public async Task Run_SilentBus_FinishesWithNothingFoundWithinItsEstimate()
    {
        await using MapPeer peer = await DeyeAt(9, 9600);
        var plan = new ScanPlan(ScanPlan.Combine([9600, 19200], [Parity.None, Parity.Odd]), SlaveIds.Parse("1-5", out _)!, 100);
        var watch = Stopwatch.StartNew();

        ScanResult result = Scanner(peer.SerialPath, plan.TimeoutMs).Run(plan, keepGoing: false, _ => { }, CancellationToken.None);

        Assert.Empty(result.Found);
        Assert.Equal(20, result.Probes);
        Assert.False(result.StoppedEarly);
        Assert.InRange(watch.Elapsed, plan.WorstCase * 0.9, plan.WorstCase + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Take_DeyeSlave_SuggestsTheDeyeMapAndNotTheGrowatt()
    {
        await using MapPeer peer = await DeyeAt(4, 9600);
        using Bus bus = Bus.Open(new BusSettings(BusMedium.Serial, peer.SerialPath, 0, 9600, Parity.None, 1, 1000, 1));
        string[] maps = [ReadyMapPolling.MapPath("deye-sg04lp3.json"), ReadyMapPolling.MapPath("growatt-sph.json")];

        DeviceFingerprint print = Fingerprint.Take(bus.CreateMaster(new SystemClock()), 4, maps, new SystemClock());

        Assert.Null(print.SunSpecAt);
        Assert.Equal("deye-sg04lp3.json", print.Suggested?.File);
        MapFit growatt = print.Maps.Single(m => m.File == "growatt-sph.json");
        Assert.True(growatt.Share < DeviceFingerprint.SuggestAt, $"growatt {growatt.Plausible}/{growatt.Points}");
    }

    [Theory]
    [InlineData("2,4-7", new byte[] { 2, 4, 5, 6, 7 })]
    [InlineData("1-3,2", new byte[] { 1, 2, 3 })]
    [InlineData(" 9 , 1 ", new byte[] { 9, 1 })]
    public void Parse_InstallerLists_IdsInTheOrderGiven(string text, byte[] expected) =>
        Assert.Equal(expected, SlaveIds.Parse(text, out _));

    [Theory]
    [InlineData("0", "'0' is not a slave id from 1 to 247")]
    [InlineData("7-4", "the range '7-4' runs backwards")]
    [InlineData("1-300", "'1-300' is not a slave id")]
    [InlineData("a", "'a' is not a slave id")]
    public void Parse_WrongLists_SayWhatIsWrong(string text, string expected)
    {
        Assert.Null(SlaveIds.Parse(text, out string? error));
        Assert.StartsWith(expected, error);
    }
}
