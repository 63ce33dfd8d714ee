using EnergyLogger.Host.Samples;
using ScottPlot;

namespace EnergyLogger.Host.Report;

/// <summary>
/// A day as a PNG (ScottPlot 5, drawn by SkiaSharp): solar, house, grid and battery power in kW on the left axis
/// (grid positive = export, battery positive = charging, as in the schema), the battery's charge level in % on the
/// right, and the day's energy figures in the title, so the picture alone can be shown to someone.
/// </summary>
internal static class DayChart
{
    public static void SavePng(string path, DateOnly day, IReadOnlyList<SampleRecord> samples, TimeZoneInfo zone, int width, int height)
    {
        var plot = new Plot();
        double[] times = samples.Select(s => TimeZoneInfo.ConvertTime(s.Time!.Value, zone).DateTime.ToOADate()).ToArray();
        AddPower(plot, times, samples, "pv.power", "Solar", Colors.Orange);
        AddPower(plot, times, samples, "load.power", "House", Colors.SteelBlue);
        AddPower(plot, times, samples, "grid.power", "Grid (+ export, - import)", Colors.Gray);
        AddPower(plot, times, samples, "battery.power", "Battery (+ charging)", Colors.Green);
        (double[] socTimes, double[] soc) = Series(times, samples, "battery.soc", 1);
        if (soc.Length > 0)
        {
            var line = plot.Add.Scatter(socTimes, soc, Colors.Purple);
            line.LegendText = "Battery charge (%)";
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "Battery charge (%)";
        }

        DayEnergy energy = DayEnergy.Of(samples);
        string share = energy.SelfConsumption is double s ? $", self-consumption {s * 100:0}%" : "";
        plot.Title($"{day:yyyy-MM-dd}: produced {energy.Produced.Kwh:0.0} kWh, imported {energy.Imported.Kwh:0.0} kWh, exported {energy.Exported.Kwh:0.0} kWh{share}");
        // The day is in the title: the time axis says only the time of day.
        var hours = new ScottPlot.TickGenerators.DateTimeFixedInterval(new ScottPlot.TickGenerators.TimeUnits.Hour(), 2) { LabelFormatter = t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) };
        plot.Axes.DateTimeTicksBottom().TickGenerator = hours;
        plot.Axes.Left.Label.Text = "Power (kW)";
        DateTime midnight = day.ToDateTime(TimeOnly.MinValue);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(midnight.ToOADate(), midnight.AddDays(1).ToOADate());
        // A little above 100% so that a full battery is not drawn on the frame.
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, width, height);
    }

    private static void AddPower(Plot plot, double[] times, IReadOnlyList<SampleRecord> samples, string path, string label, Color color)
    {
        (double[] x, double[] y) = Series(times, samples, path, 1000);
        if (x.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(x, y, color);
        line.LegendText = label;
        line.MarkerSize = 0;
        line.LineWidth = 2;
    }

    private static (double[] X, double[] Y) Series(double[] times, IReadOnlyList<SampleRecord> samples, string path, double divisor)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Number(path) is double value)
            {
                x.Add(times[i]);
                y.Add(value / divisor);
            }
        }

        return (x.ToArray(), y.ToArray());
    }
}
