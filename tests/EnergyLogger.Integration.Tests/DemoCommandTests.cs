using System.Text.Json;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>The README's first command, run as the real process: the virtual device against the built-in inverter.</summary>
public sealed class DemoCommandTests
{
    private static (string[] Cycles, JsonElement[] Samples) RunDemo(params string[] extra)
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["demo", "--cycles", "4", "--interval-ms", "0", .. extra]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        string[] cycles = outcome.Lines.Where(l => l.StartsWith("cycle ", StringComparison.Ordinal)).ToArray();
        JsonElement[] samples = outcome.Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        return (cycles, samples);
    }

    [Fact]
    public void Demo_FourCyclesAtNoon_EverySampleInTheSchemaWithBalancedSigns()
    {
        (string[] cycles, JsonElement[] samples) = RunDemo("--start-hour", "12");

        Assert.Equal(4, cycles.Length);
        Assert.Equal(4, samples.Length);
        foreach (JsonElement sample in samples)
        {
            Assert.Equal(1, sample.GetProperty("v").GetInt32());
            Assert.False(sample.TryGetProperty("q", out _), $"no value should be flagged: {sample}");
            double pv = sample.GetProperty("pv").GetProperty("power").GetDouble();
            double load = sample.GetProperty("load").GetProperty("power").GetDouble();
            double battery = sample.GetProperty("battery").GetProperty("power").GetDouble();
            double grid = sample.GetProperty("grid").GetProperty("power").GetDouble();

            // Read from Deye registers (grid + = import, battery + = discharge), published in the schema's
            // signs (export and charging positive), the flows still balance.
            Assert.True(pv > 1000, $"PV at noon: {pv}");
            Assert.InRange(pv - load - battery - grid, -5, 5);
        }
    }

    [Fact]
    public void Demo_EachCycle_ReportsRequestsAndWireTimeWithoutErrors()
    {
        (string[] cycles, _) = RunDemo();

        Assert.All(cycles, line => Assert.Matches(@"^cycle \d+ \| \d\d:\d\d \| \d+ requests, \d+ ms on the wire, 0 errors \|", line));
    }

    [Fact]
    public void Demo_UnknownMapFile_ExitsTwoWithOneLine()
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("demo", "--map", "/nonexistent/map.json", "--cycles", "1");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("energylogger demo: no register map at /nonexistent/map.json", outcome.Stderr.Trim());
    }
}
