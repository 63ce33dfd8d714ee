using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Report;

/// <summary>
/// <c>report --from FILE</c> without the command line: picks the day (the one asked for, or the file's last), writes
/// its chart and returns its summary. Results, not exceptions: a file without samples of that day is an error line.
/// </summary>
internal static class DayReport
{
    public static List<string>? Make(string from, DateOnly? day, string pngPath, TimeZoneInfo zone, out string? error, int width = 1600, int height = 900)
    {
        List<SampleRecord>? all = SampleFile.Read(from, out error);
        if (all is null)
        {
            return null;
        }

        List<SampleRecord> timed = all.Where(s => s.Time is not null).ToList();
        DateOnly Day(SampleRecord s) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.Time!.Value, zone).DateTime);
        DateOnly chosen = day ?? timed.Select(Day).DefaultIfEmpty().Max();
        List<SampleRecord> samples = timed.Where(s => Day(s) == chosen).ToList();
        if (samples.Count == 0)
        {
            string days = string.Join(", ", timed.Select(Day).Distinct().Select(d => d.ToString("yyyy-MM-dd")));
            error = $"{from} has no sample of {chosen:yyyy-MM-dd}" + (days.Length > 0 ? $" (it has {days})" : "");
            return null;
        }

        DayChart.SavePng(pngPath, chosen, samples, zone, width, height);
        List<string> lines = DaySummary.Lines(chosen, samples, zone, from);
        lines.Add($"Chart: {pngPath}");
        return lines;
    }
}
