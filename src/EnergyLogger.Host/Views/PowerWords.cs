using System.Globalization;
using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Views;

/// <summary>
/// A sample's power flows and warnings said the way a homeowner says them: "exporting 2.4 kW", "charging 1.5 kW
/// at 77%". Signs as in the schema (grid positive = export, battery positive = charging). A flow below
/// <see cref="IdleWatts"/> is idle: inverters report a few watts of noise at rest.
/// </summary>
internal static class PowerWords
{
    public const double IdleWatts = 50;

    public static string Kw(double watts) => (watts / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " kW";

    public static string Kwh(double kwh) => kwh.ToString("0.0", CultureInfo.InvariantCulture) + " kWh";

    public static string Solar(SampleRecord sample) => sample.Number("pv.power") switch
    {
        null => "no reading",
        < IdleWatts => "not producing",
        double w => $"producing {Kw(w)}",
    };

    public static string House(SampleRecord sample) => sample.Number("load.power") switch
    {
        null => "no reading",
        double w => $"using {Kw(Math.Max(0, w))}",
    };

    public static string Battery(SampleRecord sample)
    {
        double? soc = sample.Number("battery.soc");
        string at = soc is null ? "" : $" at {soc.Value.ToString("0", CultureInfo.InvariantCulture)}%";
        return sample.Number("battery.power") switch
        {
            null => soc is null ? "no reading" : $"charged{at}",
            double w when Math.Abs(w) < IdleWatts => $"idle{at}",
            double w when w > 0 => $"charging {Kw(w)}{at}",
            double w => $"discharging {Kw(-w)}{at}",
        };
    }

    public static string Grid(SampleRecord sample) => sample.Number("grid.power") switch
    {
        null => "no reading",
        double w when Math.Abs(w) < IdleWatts => "balanced (no exchange)",
        double w when w > 0 => $"exporting {Kw(w)}",
        double w => $"importing {Kw(-w)}",
    };

    /// <summary>What is wrong, in plain words: the inverter's fault and warning texts, then each value the logger could not trust.</summary>
    public static List<string> Warnings(SampleRecord sample, DateTimeOffset now, TimeSpan staleAfter)
    {
        var warnings = new List<string>();
        if (sample.Time is DateTimeOffset time && now - time > staleAfter)
        {
            warnings.Add($"no new reading for {Minutes(now - time)}: is the logger running and the inverter on?");
        }

        foreach (string code in new[] { "device.fault_code_text", "device.warning_code_text" })
        {
            if (sample.Text(code) is { Length: > 0 } text)
            {
                warnings.Add($"the inverter reports {(code.Contains("fault") ? "a fault" : "a warning")}: {text}");
            }
        }

        foreach ((string path, string quality) in sample.Quality)
        {
            if (QualityWords(quality) is string words)
            {
                warnings.Add($"{Field(path)}: {words}");
            }
        }

        return warnings;
    }

    private static string? QualityWords(string quality) => quality switch
    {
        "fresh" => null,
        "stale" => "no fresh reading (the inverter did not answer in time)",
        "unsupported" => "this inverter does not provide it",
        "torn" => "read in two halves that do not belong together; skipped",
        "sentinel" => "the inverter says it has no value now",
        "invalid" => "the inverter sent a value that is not a number",
        "out_of_range" => "a value outside what is physically possible; skipped",
        "implausible" => "the energy counter jumped or went backwards; skipped",
        _ => $"not trusted ({quality})",
    };

    /// <summary><c>grid.l1.voltage</c> as "grid L1 voltage".</summary>
    public static string Field(string path) =>
        string.Join(' ', path.Split('.').Select(p => p.Length == 2 && p[0] == 'l' && char.IsDigit(p[1]) ? p.ToUpperInvariant() : p.Replace('_', ' ')))
            .Replace("pv ", "solar ", StringComparison.Ordinal).Replace("soc", "charge level", StringComparison.Ordinal);

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes < 120 ? $"{(int)span.TotalMinutes} min" : $"{(int)span.TotalHours} h";
}
