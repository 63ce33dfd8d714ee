using EnergyLogger.Host.Samples;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

public sealed class DailyCsvLogTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"el-csv-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ADayOfSamples_OneFileWithAHeaderLineAndOneRowPerSample()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc);
        List<SampleRecord> samples = ToolSamples.DayUntil(8);
        samples.ForEach(s => log.Write("inverter", s));

        string[] lines = File.ReadAllLines(Path.Combine(_dir, "inverter_2026-06-21.csv"));
        Assert.Equal("time,seq,synced,pv.power,pv.energy_today,grid.power,grid.import_energy_today,grid.export_energy_today,battery.power,battery.soc,load.power,quality", lines[0]);
        Assert.Equal(samples.Count + 1, lines.Length);
        Assert.StartsWith("2026-06-21T06:00:00+00:00,1000000001,true,0,0,", lines[1]);
    }

    [Fact]
    public void Write_SamplesOfTwoDaysAndTwoDevices_OneFilePerDevicePerDay()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc);
        SampleRecord today = ToolSamples.DayUntil(6)[0];
        SampleRecord tomorrow = ToolSamples.Parse(ToolSamples.Json(7, ToolSamples.Day.AddDays(1), 0, 300, 0, 50, -300, 0, 0, 0));
        log.Write("inverter", today);
        log.Write("inverter", tomorrow);
        log.Write("meter", today);

        Assert.Equal(["inverter_2026-06-21.csv", "inverter_2026-06-22.csv", "meter_2026-06-21.csv"],
            Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public void Write_AFieldTheHeaderLacks_WidensTheFileAndKeepsEveryRow()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc);
        List<SampleRecord> samples = ToolSamples.DayUntil(6.5);
        log.Write("inverter", samples[0]);
        log.Write("inverter", ToolSamples.Parse(ToolSamples.Json(9, ToolSamples.Day.AddHours(6.25), 100, 500, 0, 20, -400, 0, 0, 0,
            ",\"device\":{\"temperature\":41.5},\"q\":{\"grid.l1.voltage\":\"stale\"}")));

        List<SampleRecord> read = SampleFile.Read(Path.Combine(_dir, "inverter_2026-06-21.csv"), out string? error)!;
        Assert.Null(error);
        Assert.Equal(2, read.Count);
        Assert.Equal(0, read[0].Number("pv.power"));
        Assert.Null(read[0].Number("device.temperature"));
        Assert.Equal(41.5, read[1].Number("device.temperature"));
        Assert.Equal("stale", read[1].Quality["grid.l1.voltage"]);
    }

    [Fact]
    public void Write_AfterARestartTheSameDay_AppendsUnderTheExistingHeader()
    {
        List<SampleRecord> samples = ToolSamples.DayUntil(7);
        new DailyCsvLog(_dir, TimeZoneInfo.Utc).Write("inverter", samples[0]);
        new DailyCsvLog(_dir, TimeZoneInfo.Utc).Write("inverter", samples[1]);

        string[] lines = File.ReadAllLines(Path.Combine(_dir, "inverter_2026-06-21.csv"));
        Assert.Equal(3, lines.Length);
        Assert.Single(lines, l => l.StartsWith("time,", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_AValueNotTrusted_LeavesItsCellEmptyAndNamesItsQuality()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc);
        log.Write("inverter", ToolSamples.Parse(ToolSamples.Json(9, ToolSamples.Day.AddHours(7), 100, 500, 0, 20, -400, 0, 0, 0,
            ",\"q\":{\"battery.soc\":\"sentinel\",\"load.power\":\"fresh\"}")));
        string[] lines = File.ReadAllLines(Path.Combine(_dir, "inverter_2026-06-21.csv"));
        string[] header = lines[0].Split(',');
        string[] row = lines[1].Split(',');
        Assert.Equal("", row[Array.IndexOf(header, "battery.soc")]);
        Assert.Equal("500", row[Array.IndexOf(header, "load.power")]);
        Assert.Equal("battery.soc=sentinel", row[^1]);
    }

    [Fact]
    public void Write_ASampleTakenBeforeTheClockWasSet_WrittenAtItsArrivalMarkedUnsynced()
    {
        // RELIABILITY S2: a sample without wall time is kept and flagged, never dropped.
        var arrival = new DateTimeOffset(2026, 6, 21, 9, 30, 0, TimeSpan.Zero);
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc, () => arrival);
        log.Write("inverter", ToolSamples.Parse("{\"v\":1,\"seq\":1000000007,\"mono\":7000,\"synced\":false,\"pv\":{\"power\":120}}"));

        string[] lines = File.ReadAllLines(Path.Combine(_dir, "inverter_2026-06-21.csv"));
        Assert.Equal("2026-06-21T09:30:00+00:00,1000000007,false,120,", lines[1]);
    }
}
