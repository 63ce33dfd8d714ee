using System.Buffers.Binary;
using System.Globalization;
using EnergyLogger.Host.Report;
using EnergyLogger.Host.Samples;
using SkiaSharp;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

public sealed class DayReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"el-report-{Guid.NewGuid():N}");

    public DayReportTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteCsvDay()
    {
        var log = new DailyCsvLog(_dir, TimeZoneInfo.Utc);
        ToolSamples.DayUntil(20).ForEach(s => log.Write("inverter", s));
        return Path.Combine(_dir, "inverter_2026-06-21.csv");
    }

    [Fact]
    public void Make_FromADailyCsv_WritesAPngOfTheAskedSizeThatIsNotBlank()
    {
        string png = Path.Combine(_dir, "day.png");
        Assert.NotNull(DayReport.Make(WriteCsvDay(), null, png, TimeZoneInfo.Utc, out string? error, 1200, 700));
        Assert.Null(error);

        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(1200, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(700, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        using SKBitmap bitmap = SKBitmap.Decode(png);
        int drawn = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                drawn += c.Red < 240 || c.Green < 240 || c.Blue < 240 ? 1 : 0;
            }
        }

        double share = (double)drawn / (bitmap.Width * bitmap.Height);
        // Lines, axes, labels and legend: a few percent of the picture; a blank or solid picture is neither.
        Assert.InRange(share, 0.01, 0.5);
    }

    [Fact]
    public void Make_FromADailyCsv_SummaryNamesTheDaysKwhAsTheCsvHasThem()
    {
        string csv = WriteCsvDay();
        List<string> summary = DayReport.Make(csv, null, Path.Combine(_dir, "day.png"), TimeZoneInfo.Utc, out _)!;

        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        string[] last = lines[^1].Split(',');
        string Cell(string column) => double.Parse(last[Array.IndexOf(header, column)], CultureInfo.InvariantCulture).ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Contains(summary, l => l.StartsWith("Produced (solar)", StringComparison.Ordinal) && l.Contains($" {Cell("pv.energy_today")} kWh"));
        Assert.Contains(summary, l => l.StartsWith("Exported to the grid", StringComparison.Ordinal) && l.Contains($" {Cell("grid.export_energy_today")} kWh"));
        Assert.Contains(summary, l => l.StartsWith("Imported from the grid", StringComparison.Ordinal) && l.Contains($" {Cell("grid.import_energy_today")} kWh"));
    }

    [Fact]
    public void Make_FromABrokerLog_CountsEachSampleOnceAndIntegratesWithoutCounters()
    {
        // mosquitto_sub -v: the same samples on telemetry (a batch) and on state, plus a status line.
        string log = Path.Combine(_dir, "broker.log");
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { "energylogger/energy-logger-02454C000001/status online" };
        for (int i = 0; i <= 4; i++)
        {
            // 2 kW of solar for an hour, no counters: 2.0 kWh by integration.
            string sample = "{\"v\":1,\"seq\":" + (1000000001 + i).ToString(inv) + ",\"ts\":" + ToolSamples.Day.AddHours(10 + (i * 0.25)).ToUnixTimeMilliseconds().ToString(inv)
                + ",\"mono\":1,\"synced\":true,\"pv\":{\"power\":2000},\"grid\":{\"power\":1500},\"load\":{\"power\":500}}";
            lines.Add($"energylogger/energy-logger-02454C000001/telemetry [{sample}]");
            lines.Add($"energylogger/energy-logger-02454C000001/state {sample}");
        }

        File.WriteAllLines(log, lines);
        List<string> summary = DayReport.Make(log, null, Path.Combine(_dir, "day.png"), TimeZoneInfo.Utc, out string? error)!;
        Assert.Null(error);
        Assert.Contains("5 samples, 10:00 to 11:00 (", summary[1]);
        Assert.Contains(summary, l => l.StartsWith("Produced (solar)", StringComparison.Ordinal) && l.Contains(" 2.0 kWh") && l.Contains("integrated"));
        Assert.Contains(summary, l => l.StartsWith("Self-consumption", StringComparison.Ordinal) && l.Contains("25%"));
    }

    [Fact]
    public void Make_AFileWithoutSamples_SaysSoAndWritesNoPicture()
    {
        string path = Path.Combine(_dir, "empty.log");
        File.WriteAllText(path, "energylogger/x/status online\n");
        Assert.Null(DayReport.Make(path, null, Path.Combine(_dir, "day.png"), TimeZoneInfo.Utc, out string? error));
        Assert.Contains("holds no sample", error);
        Assert.False(File.Exists(Path.Combine(_dir, "day.png")));
    }
}
