using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger demo</c>: the virtual device against a built-in inverter, no hardware and no broker.
/// The inverter simulator holds its registers as the map's device would, behind a simulated RS-485 line
/// with real character timing; the logger's own poll engine reads it and prints each cycle and sample.
/// </summary>
internal static class DemoCommand
{
    public const string Summary = "run the virtual device against a built-in simulated inverter (no hardware needed)";

    private const string DefaultMap = "deye-sg04lp3.json";

    private static readonly string[] Help =
    [
        "usage: energylogger demo [--map FILE] [--cycles N] [--interval-ms MS] [--step-minutes M] [--start-hour H] [--seed N]",
        "",
        $"  --map FILE          register map of the simulated inverter (default: the bundled {DefaultMap})",
        "  --cycles N          stop after N poll cycles (default: run until Ctrl+C)",
        "  --interval-ms MS    pause between cycles, in real time (default 2000)",
        "  --step-minutes M    simulated time that passes per cycle (default 15: a day in 96 cycles)",
        "  --start-hour H      simulated time of day at the first cycle (default 6)",
        "  --seed N            the simulated day's clouds and load (default 1)",
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        string mapPath = cli.Text("map") ?? Path.Combine(AppContext.BaseDirectory, "maps", DefaultMap);
        int cycles = cli.Int("cycles", 0, 0, int.MaxValue);
        int intervalMs = cli.Int("interval-ms", 2000, 0, 3_600_000);
        int stepMinutes = cli.Int("step-minutes", 15, 1, 1440);
        int startHour = cli.Int("start-hour", 6, 0, 23);
        int seed = cli.Int("seed", 1, 0, int.MaxValue);
        cli.RejectUnknown();

        RegisterMap map = LoadMap(mapPath);
        DeviceDefinition device = map.Devices[0];
        var clock = new SimulatedTimeClock(new SystemClock(), DateTime.UtcNow.Date.AddHours(startHour));
        var inverter = new SimulatedInverter(map, 0, new InverterModel(seed));
        int bitsPerChar = RtuTiming.BitsPerChar(device.Parity != SerialParity.None, device.StopBits);
        var line = new SimulatedSerialLink(clock, device.BaudRate, bitsPerChar, turnaroundMs: 8);
        line.Attach(inverter.Slave, inverter.Bank);
        var master = new ModbusMaster(line, clock, new RtuFramer(), new MasterOptions
        {
            BaudRate = device.BaudRate,
            BitsPerChar = bitsPerChar,
            ResponseTimeoutMs = device.ResponseTimeoutMs,
        });

        // Every class, completely, every cycle: simulated time runs far faster than the map's real intervals,
        // and a cycle may take as long as the device's minimum gap between requests makes it.
        var pollOptions = new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 };
        var engine = new PollEngine(new MapSlot(map), [master], clock, pollOptions);
        var json = new JsonWriter(16 * 1024, SampleWriter.Depth);

        Console.WriteLine($"EnergyLogger virtual device: {map.Name}, {map.TelemetryCount} telemetry points");
        Console.WriteLine($"simulated RS-485 line: {device.BaudRate} baud, {bitsPerChar} bits per character, slave {device.Slave}");
        double hour = startHour;
        for (int cycle = 1; cycles == 0 || cycle <= cycles; cycle++)
        {
            long cycleStartMs = clock.MonotonicMs;
            inverter.Model.Advance(hour, stepMinutes * 60);
            inverter.Publish();
            engine.RunCycle();
            json.Reset();
            SampleWriter.Write(engine.Sample(0), json);
            Console.WriteLine(CycleLine(cycle, hour, engine.Stats, inverter.Model));
            Console.WriteLine(Encoding.UTF8.GetString(json.Buffer, 0, json.Length));
            if (intervalMs > 0 && (cycles == 0 || cycle < cycles))
            {
                Thread.Sleep(intervalMs);
            }

            // The next cycle starts exactly one step of simulated time after this one began.
            hour = (hour + (stepMinutes / 60.0)) % 24;
            clock.Skip(TimeSpan.FromMinutes(stepMinutes) - TimeSpan.FromMilliseconds(clock.MonotonicMs - cycleStartMs));
        }

        return 0;
    }

    private static RegisterMap LoadMap(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no register map at {path}");
        }

        RegisterMap? map = RegisterMapLoader.Load(File.ReadAllBytes(path), 0, (int)new FileInfo(path).Length, out MapError? error);
        return map ?? throw new UsageException($"{path}: {error}");
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
