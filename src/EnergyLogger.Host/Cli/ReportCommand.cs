using System.CommandLine;
using System.Globalization;
using EnergyLogger.Host.Report;

namespace EnergyLogger.Host.Cli;

/// <summary><c>energylogger report --from FILE</c>: a day as a PNG chart and a one-page summary (<see cref="DayReport"/>).</summary>
internal sealed class ReportCommand
{
    private readonly Option<string> _from = CliOption.Text("--from", "FILE", "a daily CSV log (run --csv-dir) or a broker capture (sub --raw, mosquitto_sub -v)");
    private readonly Option<string> _out = CliOption.Text("--out", "PNG", "where the chart goes [default: FILE with .png]");
    private readonly Option<string> _day = CliOption.Text("--day", "YYYY-MM-DD", "the day to show [default: the file's last]");
    private readonly Option<int> _width = CliOption.Int("--width", "PX", "the chart's width", 1600, 320, 8000);
    private readonly Option<int> _height = CliOption.Int("--height", "PX", "the chart's height", 900, 240, 8000);

    public static Command Create()
    {
        var report = new ReportCommand();
        report._from.Required = true;
        var command = new NotedCommand(
            "report",
            "a day as a PNG chart (power flows, battery charge) and a one-page summary, from a CSV log or a broker capture",
            "Times and days are this machine's local ones. Each sample counts once, by its seq, however often it was captured.");
        Array.ForEach<Option>([report._from, report._out, report._day, report._width, report._height], command.Add);
        command.SetAction(report.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        string from = result.Required(_from);
        string png = result.GetValue(_out) ?? Path.ChangeExtension(from, ".png");
        DateOnly? day = null;
        if (result.GetValue(_day) is string text)
        {
            day = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
                ? d
                : throw new UsageException($"--day must be a date as 2026-06-21, not '{text}'");
        }

        List<string>? summary = DayReport.Make(from, day, png, TimeZoneInfo.Local, out string? error, result.GetValue(_width), result.GetValue(_height));
        if (summary is null)
        {
            return BusCommand.Fail("report", error!);
        }

        summary.ForEach(Console.WriteLine);
        return 0;
    }
}
