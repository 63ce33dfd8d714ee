using System.Text.RegularExpressions;
using Xunit;

namespace EnergyLogger.Integration.Tests.Bench;

/// <summary>
/// <c>energylogger bench cycle mqtt</c> and <c>bench outbox</c> as the real process. Only what is exact is asserted: allocations,
/// byte counts, sample counts and energy errors; times vary by machine and are never checked.
/// </summary>
public sealed class BenchReportTests
{
    private static readonly Lazy<EnergyLoggerProcess.Outcome> Report = new(() => EnergyLoggerProcess.Run("bench", "cycle", "mqtt"));

    // A day and a week of samples for two maps: well past the usual limit on a busy machine.
    private static readonly Lazy<EnergyLoggerProcess.Outcome> Offline = new(() => EnergyLoggerProcess.Run(TimeSpan.FromSeconds(180), "bench", "outbox", "--hours", "24,168"));

    [Fact]
    public void Cycle_EveryStepOnBothMaps_AllocatesNothing()
    {
        string[] rows = StepRows();

        Assert.Equal(6, rows.Length);
        Assert.All(rows, row => Assert.Matches(@"\s\d+\.\d\dx\s+0(\s+\d+)?$", row));
        Assert.Matches(@"^deye-sg04lp3\s+64\s+decode \+ computed\s+\S+\s+1\.00x\s+0$", rows[0]);
        Assert.Matches(@"^synthetic 255\s+255\s+decode \+ computed\s+\S+\s+1\.00x\s+0$", rows[3]);
    }

    [Fact]
    public void Mqtt_SingleSamplePublish_CountsEveryByteOfPublishAndPubAck()
    {
        // Custom topic energylogger/energy-logger-02454C000001/telemetry, 49 bytes. PUBLISH: fixed header 1 +
        // remaining length 2 (under 16384), topic 2 + 49, packet id 2, payload [sample]; PUBACK 4 (MQTT 3.1.1, 3.3 and 3.4).
        Match deye = Regex.Match(Report.Value.Stdout, @"^deye-sg04lp3\s+(\d+)\s+custom\s+1\s+(\d+)\s+(\d+)\s+1\.00x", RegexOptions.Multiline);
        Match synthetic = Regex.Match(Report.Value.Stdout, @"^synthetic 255\s+(\d+)\s+custom\s+1\s+(\d+)\s+(\d+)\s+1\.00x", RegexOptions.Multiline);

        foreach (Match row in new[] { deye, synthetic })
        {
            Assert.True(row.Success, Report.Value.ToString());
            int json = int.Parse(row.Groups[1].Value);
            Assert.Equal(1 + 2 + 2 + 49 + 2 + json + 2 + 4, int.Parse(row.Groups[2].Value));
            Assert.Equal(int.Parse(row.Groups[2].Value) + 29 + 29, int.Parse(row.Groups[3].Value));
        }
    }

    [Fact]
    public void Mqtt_Batched_SixDeyeSamplesPerMessageAndFewerBytesPerSample()
    {
        Match batched = Regex.Match(Report.Value.Stdout, @"^\s+6\s+(\d+)\s+(\d+)\s+0\.(\d\d)x", RegexOptions.Multiline);

        Assert.True(batched.Success, Report.Value.ToString());
        Assert.True(int.Parse(batched.Groups[3].Value) < 100);
    }

    [Fact]
    public void Outbox_DayAndAWeekOffline_DeyeKeepsEverySampleWithEveryEnergyCounterExact()
    {
        Match[] rows = Regex.Matches(Offline.Value.Stdout,
            @"^(?<map>deye-sg04lp3|synthetic 255)\s+(?<hours>\d+) h\s+(?<samples>\d+)\s+(?<bytes>\d+)\s+(?<full>\d+)\s+(?<aggregates>\d+)\s+\S+( min)?\s+(?<dropped>\d+)\s+(?<error>\S+)\s",
            RegexOptions.Multiline).ToArray();

        Assert.True(rows.Length == 4, Offline.Value.ToString());
        Assert.All(rows, r => Assert.Equal("0", r.Groups["error"].Value));
        Assert.All(rows, r => Assert.True(int.Parse(r.Groups["bytes"].Value) <= 512 * 1024, r.Value));
        Match[] deye = [.. rows.Where(r => r.Groups["map"].Value == "deye-sg04lp3")];
        Assert.Equal(["24", "168"], deye.Select(r => r.Groups["hours"].Value));
        Assert.All(deye, r => Assert.Equal("0", r.Groups["dropped"].Value));
        Assert.All(deye, r => Assert.True(int.Parse(r.Groups["full"].Value) >= 6 * 360, r.Value));
        Assert.Equal((8640, 0), (int.Parse(deye[0].Groups["full"].Value), int.Parse(deye[0].Groups["aggregates"].Value)));
        Assert.True(int.Parse(deye[1].Groups["aggregates"].Value) > 0);
    }

    /// <summary>The step rows of the cycle table, trailing blanks trimmed.</summary>
    private static string[] StepRows()
    {
        Assert.True(Report.Value.ExitCode == 0, Report.Value.ToString());
        return Report.Value.Lines
            .Where(line => Regex.IsMatch(line, @"\s(decode \+ computed|\+ schema mapper|\+ JSON writer)\s+\d"))
            .Select(line => line.TrimEnd())
            .ToArray();
    }
}
