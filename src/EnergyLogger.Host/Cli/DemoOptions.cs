using System.CommandLine;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Views;

namespace EnergyLogger.Host.Cli;

/// <summary>The simulated day's options that demo and watch --demo share.</summary>
internal sealed class DemoOptions
{
    public readonly Option<string> Map = CliOption.Text("--demo-map", "FILE", $"register map of the simulated inverter [default: the bundled {MapFile.DefaultName}]");
    public readonly Option<int> Cycles = CliOption.Int("--cycles", "N", "stop after N poll cycles (0: run until Ctrl+C)", 0, 0, int.MaxValue);
    public readonly Option<int> IntervalMs = CliOption.Int("--interval-ms", "MS", "pause between cycles, in real time", 2000, 0, 3_600_000);
    public readonly Option<int> StepMinutes = CliOption.Int("--step-minutes", "M", "simulated time that passes per cycle (15: a day in 96 cycles)", 15, 1, 1440);
    public readonly Option<int> StartHour = CliOption.Int("--start-hour", "H", "simulated time of day at the first cycle", 6, 0, 23);
    public readonly Option<int> Seed = CliOption.Int("--seed", "N", "the simulated day's clouds and load", 1, 0, int.MaxValue);

    public Option[] All => [Map, Cycles, IntervalMs, StepMinutes, StartHour, Seed];

    public bool IsGiven(ParseResult result) => Array.Exists(All, result.IsGiven);

    /// <summary>The simulated day as a source of samples, on today's date.</summary>
    public DemoSource Source(ParseResult result, string? mapPath = null, int? intervalMs = null)
    {
        RegisterMap map = MapFile.Load(mapPath ?? result.GetValue(Map) ?? MapFile.DefaultPath);
        return new DemoSource(map, result.GetValue(Seed), DateTime.UtcNow.Date, result.GetValue(StartHour), result.GetValue(StepMinutes),
            intervalMs ?? result.GetValue(IntervalMs), result.GetValue(Cycles));
    }
}
