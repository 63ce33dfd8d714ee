using System.Globalization;
using EnergyLogger.Host.Samples;
using EnergyLogger.Host.Views;

namespace EnergyLogger.Host.Report;

/// <summary>
/// The one-page summary of a day that goes with its chart: the energy figures (and whether each is the inverter's
/// own daily counter or integrated from power), the self-consumption share, the peaks, the battery's range and the
/// values that were not trusted, counted per field.
/// </summary>
internal static class DaySummary
{
    public static List<string> Lines(DateOnly day, IReadOnlyList<SampleRecord> samples, TimeZoneInfo zone, string source)
    {
        var inv = CultureInfo.InvariantCulture;
        DayEnergy energy = DayEnergy.Of(samples);
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", inv);
        var lines = new List<string>
        {
            $"Day report for {day:yyyy-MM-dd} from {source}",
            $"{samples.Count} samples, {Local(samples[0].Time!.Value)} to {Local(samples[^1].Time!.Value)} ({zone.DisplayName})",
            "",
            Figure("Produced (solar)", energy.Produced),
            Figure("Imported from the grid", energy.Imported),
            Figure("Exported to the grid", energy.Exported),
            Figure("Charged into the battery", energy.Charged),
            Figure("Discharged from the battery", energy.Discharged),
            Figure("Used by the house", energy.Used),
            energy.SelfConsumption is double share
                ? $"{"Self-consumption",-28} {(share * 100).ToString("0", inv)}% of the solar energy used at home"
                : $"{"Self-consumption",-28} - (no solar production)",
            "",
        };
        lines.Add(Peak(samples, "pv.power", "Peak solar", Local));
        lines.Add(Peak(samples, "load.power", "Peak house load", Local));
        SampleRecord[] withSoc = samples.Where(s => s.Number("battery.soc") is not null).ToArray();
        if (withSoc.Length > 0)
        {
            SampleRecord low = withSoc.MinBy(s => s.Number("battery.soc"))!;
            SampleRecord high = withSoc.MaxBy(s => s.Number("battery.soc"))!;
            lines.Add($"{"Battery charge",-28} lowest {low.Number("battery.soc")!.Value.ToString("0", inv)}% at {Local(low.Time!.Value)}, "
                + $"highest {high.Number("battery.soc")!.Value.ToString("0", inv)}% at {Local(high.Time!.Value)}");
        }

        var untrusted = samples.SelectMany(s => s.Quality.Where(q => q.Value != "fresh"))
            .GroupBy(q => $"{PowerWords.Field(q.Key)} ({q.Value})").OrderByDescending(g => g.Count()).ToList();
        lines.Add("");
        lines.Add(untrusted.Count == 0
            ? "Every value of the day was read cleanly."
            : $"Values not trusted: {string.Join(", ", untrusted.Select(g => $"{g.Key} in {g.Count()} samples"))}");
        return lines;
    }

    private static string Figure(string label, EnergyFigure figure) =>
        $"{label,-28} {PowerWords.Kwh(figure.Kwh),10}  ({(figure.FromCounter ? "the inverter's daily counter" : "integrated from power readings")})";

    private static string Peak(IReadOnlyList<SampleRecord> samples, string path, string label, Func<DateTimeOffset, string> local)
    {
        SampleRecord? peak = samples.Where(s => s.Number(path) is not null).MaxBy(s => s.Number(path));
        return peak is null ? $"{label,-28} -" : $"{label,-28} {PowerWords.Kw(peak.Number(path)!.Value)} at {local(peak.Time!.Value)}";
    }
}
