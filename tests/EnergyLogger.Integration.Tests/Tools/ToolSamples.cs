using System.Globalization;
using System.Text;
using EnergyLogger.Host.Samples;

namespace EnergyLogger.Integration.Tests.Tools;

/// <summary>Samples in the published schema for the tools' tests: a day of a house with PV, a battery and the grid.</summary>
internal static class ToolSamples
{
    public static readonly DateTimeOffset Day = new(2026, 6, 21, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One sample as the logger writes it; <paramref name="extra"/> goes in before the closing brace.</summary>
    public static string Json(long seq, DateTimeOffset time, double pv, double load, double battery, double soc, double grid, double pvToday, double importToday, double exportToday, string extra = "")
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Create(inv, $"{{\"v\":1,\"seq\":{seq},\"ts\":{time.ToUnixTimeMilliseconds()},\"mono\":{seq * 1000},\"synced\":true,")
            + string.Create(inv, $"\"pv\":{{\"power\":{pv},\"energy_today\":{pvToday}}},")
            + string.Create(inv, $"\"grid\":{{\"power\":{grid},\"import_energy_today\":{importToday},\"export_energy_today\":{exportToday}}},")
            + string.Create(inv, $"\"battery\":{{\"power\":{battery},\"soc\":{soc}}},\"load\":{{\"power\":{load}}}{extra}}}");
    }

    public static SampleRecord Parse(string json) => SampleRecord.ParseMessage(Encoding.UTF8.GetBytes(json), out _)![0];

    /// <summary>A day from 06:00 to <paramref name="untilHour"/>, one sample per quarter hour: a sunny bell of PV, a house at 500 W, the battery charging first.</summary>
    public static List<SampleRecord> DayUntil(double untilHour, string lastExtra = "")
    {
        var samples = new List<SampleRecord>();
        double pvToday = 0, importToday = 0, exportToday = 0;
        int n = 0;
        for (double hour = 6; hour <= untilHour + 1e-9; hour += 0.25)
        {
            double pv = Math.Round(Math.Max(0, Math.Sin((hour - 6) / 14 * Math.PI)) * 6000);
            double load = 500;
            double soc = Math.Min(100, 20 + (hour - 6) * 10);
            double battery = soc < 100 ? Math.Min(pv - load, 2000) : 0;
            double grid = pv - load - battery;
            pvToday += pv / 4000;
            importToday += Math.Max(0, -grid) / 4000;
            exportToday += Math.Max(0, grid) / 4000;
            n++;
            bool last = hour + 0.25 > untilHour + 1e-9;
            samples.Add(Parse(Json(1_000_000_000 + n, Day.AddHours(hour), pv, load, battery, soc, grid,
                Math.Round(pvToday, 1), Math.Round(importToday, 1), Math.Round(exportToday, 1), last ? lastExtra : "")));
        }

        return samples;
    }
}
