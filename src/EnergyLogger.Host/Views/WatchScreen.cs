using System.Globalization;
using System.Text;
using EnergyLogger.Host.Samples;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EnergyLogger.Host.Views;

/// <summary>
/// The homeowner's screen: where the power goes now, the day's energy, what is wrong in plain words, and the day
/// so far as a chart (one column per half hour). Built anew from <see cref="DaySoFar"/> on every sample; the live
/// display redraws it in place. <see cref="PlainLine"/> is the same for a log file or a pipe, one line per sample.
/// </summary>
internal static class WatchScreen
{
    /// <summary>Half-hour columns: a day fits an 80-column terminal.</summary>
    public const int ChartColumns = 48;

    /// <summary>A sample older than this is called out: several poll intervals passed without one.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    private const string Blocks = " ▁▂▃▄▅▆▇█";

    public static IRenderable Render(string title, DaySoFar day, DateTimeOffset now)
    {
        SampleRecord? latest = day.Latest;
        if (latest is null)
        {
            return new Panel(new Text("waiting for the first sample ...")).Header(Markup.Escape(title)).Expand();
        }

        var rows = new List<IRenderable>
        {
            new Markup("[bold]Now[/]"),
            Flows(latest),
            new Markup("[bold]Today[/]"),
            Today(day.Energy()),
            new Markup("[bold]Warnings[/]"),
            new Text(Indent(WarningLines(latest, now))),
            new Markup($"[bold]The day so far[/] (00:00 to 24:00, one column per {1440 / ChartColumns} minutes)"),
            Chart(day),
        };
        string time = latest.Time is DateTimeOffset t ? TimeZoneInfo.ConvertTime(t, day.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "clock not set";
        // The time first: a long inverter name is what the frame cuts short.
        return new Panel(new Rows(rows)).Header(Markup.Escape($" {time} · {title} ")).Expand();
    }

    /// <summary>One sample as one line: for a pipe, a log file or a terminal that cannot redraw.</summary>
    public static string PlainLine(DaySoFar day, DateTimeOffset now)
    {
        SampleRecord latest = day.Latest!;
        string time = latest.Time is DateTimeOffset t ? TimeZoneInfo.ConvertTime(t, day.Zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "--:--:--";
        var line = new StringBuilder(time)
            .Append(" | solar ").Append(PowerWords.Solar(latest))
            .Append(" | battery ").Append(PowerWords.Battery(latest))
            .Append(" | house ").Append(PowerWords.House(latest))
            .Append(" | grid ").Append(PowerWords.Grid(latest))
            .Append(" | today ").Append(TodayLine(day.Energy()));
        foreach (string warning in PowerWords.Warnings(latest, now, StaleAfter))
        {
            line.Append(" | warning: ").Append(warning);
        }

        return line.ToString();
    }

    public static string TodayLine(DayEnergy energy)
    {
        string share = energy.SelfConsumption is double s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";
        return $"produced {PowerWords.Kwh(energy.Produced.Kwh)}, imported {PowerWords.Kwh(energy.Imported.Kwh)}, "
            + $"exported {PowerWords.Kwh(energy.Exported.Kwh)}, self-consumption {share}";
    }

    private static IRenderable Today(DayEnergy energy)
    {
        string share = energy.SelfConsumption is double s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "% of the solar energy used at home" : "-";
        var grid = new Grid().AddColumn(Label()).AddColumn();
        grid.AddRow(new Text("Produced"), new Text(PowerWords.Kwh(energy.Produced.Kwh)));
        grid.AddRow(new Text("Imported"), new Text(PowerWords.Kwh(energy.Imported.Kwh)));
        grid.AddRow(new Text("Exported"), new Text(PowerWords.Kwh(energy.Exported.Kwh)));
        grid.AddRow(new Text("Self-consumption"), new Text(share));
        return grid;
    }

    private static GridColumn Label() => new GridColumn().PadLeft(2).PadRight(2);

    private static IRenderable Flows(SampleRecord latest)
    {
        var grid = new Grid().AddColumn(Label()).AddColumn();
        grid.AddRow(new Text("Solar"), new Text(PowerWords.Solar(latest)));
        grid.AddRow(new Text("Battery"), new Text(PowerWords.Battery(latest)));
        grid.AddRow(new Text("House"), new Text(PowerWords.House(latest)));
        grid.AddRow(new Text("Grid"), new Text(PowerWords.Grid(latest)));
        return grid;
    }

    private static string WarningLines(SampleRecord latest, DateTimeOffset now)
    {
        List<string> warnings = PowerWords.Warnings(latest, now, StaleAfter);
        return warnings.Count == 0 ? "none: every value read cleanly" : string.Join('\n', warnings);
    }

    /// <summary>
    /// Solar and house on one scale (the day's highest half-hour of either), so their heights compare; the grid's
    /// export above and import below as two rows; the battery's charge level on 0 to 100%.
    /// </summary>
    private static IRenderable Chart(DaySoFar day)
    {
        double?[] solar = day.Series("pv.power", ChartColumns);
        double?[] house = day.Series("load.power", ChartColumns);
        double?[] grid = day.Series("grid.power", ChartColumns);
        double?[] soc = day.Series("battery.soc", ChartColumns);
        double scale = Math.Max(1, solar.Concat(house).Concat(grid.Select(g => g is null ? null : (double?)Math.Abs(g.Value))).Max() ?? 1);
        var chart = new Grid().AddColumn(Label()).AddColumn().AddColumn(new GridColumn().PadLeft(2));
        chart.AddRow(new Text("solar"), new Text(Sparkline(solar, scale)), new Text($"peak {PowerWords.Kw(solar.Max() ?? 0)}"));
        chart.AddRow(new Text("house"), new Text(Sparkline(house, scale)), new Text($"peak {PowerWords.Kw(house.Max() ?? 0)}"));
        chart.AddRow(new Text("export"), new Text(Sparkline(grid.Select(g => g is null ? null : (double?)Math.Max(0, g.Value)).ToArray(), scale)), new Text(""));
        chart.AddRow(new Text("import"), new Text(Sparkline(grid.Select(g => g is null ? null : (double?)Math.Max(0, -g.Value)).ToArray(), scale)), new Text(""));
        chart.AddRow(new Text("battery"), new Text(Sparkline(soc, 100)), new Text("charge 0-100%"));
        chart.AddRow(new Text(""), new Text(HourRuler()), new Text(""));
        return chart;
    }

    /// <summary>One block character per slot, its height the value's share of <paramref name="scale"/>; a slot without samples is blank.</summary>
    public static string Sparkline(double?[] series, double scale)
    {
        var line = new StringBuilder(series.Length);
        foreach (double? value in series)
        {
            if (value is null)
            {
                line.Append(' ');
                continue;
            }

            int level = (int)Math.Round(Math.Clamp(value.Value / scale, 0, 1) * (Blocks.Length - 2));
            // Any reading at all shows as the lowest block, so a quiet slot differs from a missing one.
            line.Append(Blocks[level + 1]);
        }

        return line.ToString();
    }

    private static string HourRuler()
    {
        var ruler = new StringBuilder(new string(' ', ChartColumns));
        for (int hour = 0; hour < 24; hour += 6)
        {
            string label = hour.ToString("00", CultureInfo.InvariantCulture);
            int at = hour * ChartColumns / 24;
            ruler.Remove(at, label.Length).Insert(at, label);
        }

        return ruler.ToString();
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
