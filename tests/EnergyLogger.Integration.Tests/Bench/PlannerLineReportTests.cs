using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace EnergyLogger.Integration.Tests.Bench;

/// <summary>
/// <c>energylogger bench planner</c>'s table of poll classes due together, and <c>bench line</c>, as the real process.
/// Wire times are exact and asserted; the line's elapsed times vary by machine and are not.
/// </summary>
public sealed class PlannerLineReportTests
{
    private static readonly Lazy<EnergyLoggerProcess.Outcome> Planner = new(() => EnergyLoggerProcess.Run("bench", "planner"));

    private static readonly Regex Row = new(
        @"^(?<map>\S+)\s+(?<classes>[a-z+]+)\s+(?<points>\d+)\s+(?<separate>\d+\.\d)\s+(?<one>\d+\.\d)\s+(?<optimum>\d+\.\d|-)\s+(?<gain>\d+\.\d\d)x$",
        RegexOptions.Multiline);

    [Fact]
    public void Planner_ClassesDueTogether_OnePlanNeverDearerAndEqualToTheOptimumWhereSearched()
    {
        Assert.True(Planner.Value.ExitCode == 0, Planner.Value.ToString());
        Match[] rows = Row.Matches(Planner.Value.Stdout).ToArray();

        Assert.True(rows.Length >= 40, Planner.Value.Stdout);
        Assert.All(rows, r => Assert.True(Ms(r, "one") <= Ms(r, "separate"), r.Value));
        Match[] searched = [.. rows.Where(r => r.Groups["optimum"].Value != "-")];
        Assert.True(searched.Length >= 15, $"{searched.Length} rows searched");
        Assert.All(searched, r => Assert.Equal(Ms(r, "optimum"), Ms(r, "one")));
        Assert.Contains(rows, r => r.Groups["map"].Value == "deye-sg04lp3" && r.Groups["classes"].Value == "fast+normal+slow"
            && r.Groups["separate"].Value == "581.3" && r.Groups["one"].Value == "416.7");
    }

    [Fact]
    public void Line_SimulatedSlaveKeepingItsSilence_EveryCycleReadsTheOnePlanWithoutErrors()
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("bench", "line", "--cycles", "2", "--turnaround-ms", "4");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        string[] cycles = [.. outcome.Lines.Where(l => Regex.IsMatch(l, @"^\s+\d+\s+\d+\s+\d"))];
        Assert.Equal(2, cycles.Length);
        Assert.All(cycles, c => Assert.Matches(@"^\s+\d+\s+6\s+416\.7\s+\S+\s+\S+x\s+\S+\s+\S+\s+\S+\s+\S+\s+0$", c));
    }

    private static double Ms(Match row, string group) => double.Parse(row.Groups[group].Value, CultureInfo.InvariantCulture);
}
