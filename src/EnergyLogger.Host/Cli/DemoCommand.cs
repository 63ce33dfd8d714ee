using System.CommandLine;
using System.Text;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;
using EnergyLogger.Host.Uplink;
using EnergyLogger.Host.Views;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger demo</c>: the virtual device against a built-in inverter, no hardware needed.
/// The inverter simulator holds its registers as the map's device would, behind a simulated RS-485 line
/// with real character timing; the logger's own poll engine reads it and prints each cycle and sample,
/// and with <c>--broker</c> publishes the samples as a dongle in custom-MQTT mode does. In a terminal, without
/// <c>--plain</c> or a broker, it shows the homeowner's live view of the simulated day instead (<see cref="WatchCommand"/>).
/// </summary>
internal sealed class DemoCommand
{
    private readonly Option<string> _map = CliOption.Text("--map", "FILE", $"register map of the simulated inverter [default: the bundled {MapFile.DefaultName}]");
    private readonly Option<int> _cycles = CliOption.Int("--cycles", "N", "stop after N poll cycles (0: run until Ctrl+C)", 0, 0, int.MaxValue);
    private readonly Option<int> _intervalMs = CliOption.Int("--interval-ms", "MS", "pause between cycles, in real time", 2000, 0, 3_600_000);
    private readonly Option<int> _stepMinutes = CliOption.Int("--step-minutes", "M", "simulated time that passes per cycle (15: a day in 96 cycles)", 15, 1, 1440);
    private readonly Option<int> _startHour = CliOption.Int("--start-hour", "H", "simulated time of day at the first cycle", 6, 0, 23);
    private readonly Option<int> _seed = CliOption.Int("--seed", "N", "the simulated day's clouds and load", 1, 0, int.MaxValue);
    private readonly Option<int> _drainSeconds = CliOption.Int("--drain-seconds", "N", "with --broker: how long the end waits for the broker to take the backlog", 15, 0, 3600);
    private readonly BrokerOptions _broker = new();
    private readonly Option<bool> _plain = CliOption.Flag("--plain", "print each cycle and its sample as lines, not the live view (the default when not in a terminal, and with --broker)");

    public static Command Create()
    {
        var demo = new DemoCommand();
        var command = new NotedCommand(
            "demo",
            "run the virtual device against a built-in simulated inverter (no hardware needed)",
            "With --broker the samples go to ROOT/energy-logger-02454C000001/telemetry (docs/cloud.md).");
        Array.ForEach<Option>([demo._map, demo._cycles, demo._intervalMs, demo._stepMinutes, demo._startHour, demo._seed, demo._drainSeconds, .. demo._broker.All, demo._plain], command.Add);
        command.SetAction(demo.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        string mapPath = result.GetValue(_map) ?? MapFile.DefaultPath;
        int cycles = result.GetValue(_cycles);
        int intervalMs = result.GetValue(_intervalMs);
        int stepMinutes = result.GetValue(_stepMinutes);
        int startHour = result.GetValue(_startHour);
        int seed = result.GetValue(_seed);
        BrokerTarget? broker = _broker.Parse(result);
        int drainSeconds = broker is null ? 0 : result.GetValue(_drainSeconds);

        RegisterMap map = MapFile.Load(mapPath);
        if (broker is null && !result.GetValue(_plain) && ConsoleOutput.IsRich)
        {
            // The homeowner's view of the simulated day; the lines below are for logs, pipes and the broker's messages.
            using var source = new DemoSource(map, seed, DateTime.UtcNow.Date, startHour, stepMinutes, intervalMs, cycles);
            return WatchCommand.Show(source, plain: false);
        }

        var clock = new SimulatedTimeClock(new SystemClock(), DateTime.UtcNow.Date.AddHours(startHour));
        var dongle = new SimulatedDongle(map, seed, clock);
        DeviceDefinition device = map.Devices[0];
        Console.WriteLine($"EnergyLogger virtual device: {map.Name}, {map.TelemetryCount} telemetry points");
        Console.WriteLine($"simulated RS-485 line: {device.BaudRate} baud, {dongle.BitsPerChar} bits per character, slave {device.Slave}");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using DemoPublisher? publisher = broker is null ? null : DemoPublisher.Start(broker, map, dongle);
        double hour = startHour;
        for (int cycle = 1; (cycles == 0 || cycle <= cycles) && !stop.IsCancellationRequested; cycle++)
        {
            long cycleStartMs = clock.MonotonicMs;
            dongle.Cycle(hour, stepMinutes * 60);
            Console.WriteLine(CycleLine(cycle, hour, dongle.Stats, dongle.Model));
            Console.WriteLine(Encoding.UTF8.GetString(dongle.Json.Buffer, 0, dongle.Json.Length));
            publisher?.Publish(dongle);
            if (intervalMs > 0 && (cycles == 0 || cycle < cycles))
            {
                Wait(intervalMs, publisher, stop.Token);
            }

            // The next cycle starts exactly one step of simulated time after this one began.
            hour = (hour + (stepMinutes / 60.0)) % 24;
            clock.Skip(TimeSpan.FromMinutes(stepMinutes) - TimeSpan.FromMilliseconds(clock.MonotonicMs - cycleStartMs));
        }

        return publisher?.Finish(drainSeconds * 1000) ?? 0;
    }

    /// <summary>The pause between cycles; a broker link keeps being served through it.</summary>
    private static void Wait(int milliseconds, DemoPublisher? publisher, CancellationToken stop)
    {
        if (publisher is null)
        {
            stop.WaitHandle.WaitOne(milliseconds);
            return;
        }

        publisher.Serve(milliseconds, stop);
    }

    /// <summary>What the poll cycle cost on the wire, then the house's power flows as the model ran them.</summary>
    private static string CycleLine(int cycle, double hour, CycleStats stats, InverterModel model)
    {
        var time = TimeSpan.FromHours(hour);
        return $"cycle {cycle} | {time:hh\\:mm} | {stats.Requests} requests, {stats.WireUs / 1000.0:F0} ms on the wire, {stats.Errors} errors"
            + $" | PV {model.PvPowerW:F0} W, load {model.LoadPowerW:F0} W, battery {model.BatteryPowerW:+0;-0;0} W at {model.BatterySocPercent:F0} %,"
            + $" grid {model.GridPowerW:+0;-0;0} W ({(model.GridPowerW >= 0 ? "export" : "import")})";
    }
}
