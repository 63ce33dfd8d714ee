using System.CommandLine;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Fleet;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger fleet</c>: N virtual dongles in one process against one broker, to load-test a cloud.
/// Each has its own simulated inverter, outbox, MQTT connection and identity; the run ends with a verdict
/// on whether this machine kept every dongle on its poll schedule with the broker taking all the data.
/// </summary>
internal sealed class FleetCommand
{
    private const string MemoryDirectory = "/dev/shm";

    private readonly Option<int?> _count = CliOption.OptionalInt("--count", "N", "virtual dongles, identities energy-logger-02454C000000 upwards", 1, 100_000);
    private readonly Option<int> _intervalMs = CliOption.Int("--interval-ms", "MS", "poll interval of every dongle", 10_000, 100, 3_600_000);
    private readonly Option<int> _seconds = CliOption.Int("--seconds", "N", "length of the measured run after all are connected", 60, 1, 86_400);
    private readonly Option<int?> _threads = CliOption.OptionalInt("--threads", "N", "worker threads that poll and serve the links [default: 2 per processor]", 1, 256);
    private readonly Option<string> _map = CliOption.Text("--map", "FILE", $"register map of every simulated inverter [default: the bundled {MapFile.DefaultName}]");
    private readonly Option<string> _outboxDir = CliOption.Text("--outbox-dir", "DIR", $"where the dongles' outboxes go [default: {MemoryDirectory} when it exists, else the temp folder]");
    private readonly Option<int> _connectSeconds = CliOption.Int("--connect-seconds", "N", "how long the connect phase may take", 60, 1, 3600);
    private readonly Option<int> _drainSeconds = CliOption.Int("--drain-seconds", "N", "how long the end waits for the broker to take the backlog", 15, 0, 3600);
    private readonly BrokerOptions _broker = new();

    public static Command Create()
    {
        var fleet = new FleetCommand();
        fleet._count.Required = true;
        var command = new NotedCommand(
            "fleet",
            "run N virtual dongles against a broker to load-test a cloud (custom-MQTT topics)",
            "Exit 0 when the fleet was sustained: every dongle connected throughout, 99 % of polls started within a\n"
            + "tenth of the interval, and every sample was acknowledged by the broker; exit 1 otherwise.");
        Array.ForEach<Option>([fleet._count, fleet._intervalMs, fleet._seconds, fleet._threads, fleet._map, fleet._outboxDir, fleet._connectSeconds, fleet._drainSeconds, .. fleet._broker.All], command.Add);
        command.SetAction(fleet.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        int count = result.Required(_count);
        BrokerTarget broker = _broker.Parse(result) ?? throw new UsageException("--broker is required");
        var options = new FleetOptions(
            count,
            result.GetValue(_intervalMs),
            result.GetValue(_seconds),
            result.GetValue(_threads) ?? 2 * Environment.ProcessorCount,
            result.GetValue(_connectSeconds),
            result.GetValue(_drainSeconds),
            ReportEverySeconds: 10);
        string mapPath = result.GetValue(_map) ?? MapFile.DefaultPath;
        string outboxBase = result.GetValue(_outboxDir) ?? (Directory.Exists(MemoryDirectory) ? MemoryDirectory : Path.GetTempPath());

        RegisterMap map = MapFile.Load(mapPath);
        string outboxRoot = Path.Combine(outboxBase, $"energylogger-fleet-{Environment.ProcessId}");
        var clock = new SystemClock();
        Console.WriteLine($"fleet: {count} dongles of {map.Name} against {broker.Describe()}, topics under {broker.TopicRoot}/energy-logger-MAC/");
        var dongles = new List<VirtualDongle>(count);
        int created = 0;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            ConsoleOutput.WithProgress("creating dongles", count, () => Volatile.Read(ref created), () =>
            {
                for (int i = 0; i < count; i++)
                {
                    dongles.Add(new VirtualDongle(i, map, broker, clock, outboxRoot));
                    Volatile.Write(ref created, i + 1);
                }

                return 0;
            });

            FleetResult outcome = new FleetRunner(dongles.ToArray(), options, clock, Console.Out).Run(stop.Token);
            Print(outcome, options);
            return outcome.Sustained ? 0 : 1;
        }
        finally
        {
            dongles.ForEach(d => d.Dispose());
            if (Directory.Exists(outboxRoot))
            {
                Directory.Delete(outboxRoot, recursive: true);
            }
        }
    }

    private static void Print(FleetResult r, FleetOptions options)
    {
        if (r.Online == 0 && r.Polled == 0)
        {
            // The runner stopped after the connect phase: there are no figures, only the reason.
            Console.WriteLine($"fleet: not sustained: {r.Shortfall}");
            return;
        }

        double perSecond = r.Polled / (double)options.Seconds;
        if (ConsoleOutput.IsRich)
        {
            var table = new OutputTable(new("dongles", 7), new("online", 6), new("lost", 4), new("connect s", 9), new("samples", 7), new("per s", 7), new("acked", 7), new("left", 5), new("late p99 ms", 11), new("late max ms", 11), new("cpu %", 5), new("rss MB", 6));
            table.Add($"{r.Count}", $"{r.Online}", $"{r.ConnectionsLost}", $"{r.ConnectSeconds:F1}", $"{r.Polled}", $"{perSecond:F1}", $"{r.Acknowledged}", $"{r.Backlog}", $"{r.LateP99Ms}", $"{r.LateMaxMs}", $"{r.CpuPercent:F0}", $"{r.PeakRssMb}");
            table.Write(Console.Out);
        }
        else
        {
            PrintPlain(r, options, perSecond);
        }

        Console.WriteLine(r.Sustained
            ? $"fleet: sustained {r.Count} dongles at a {options.IntervalMs} ms interval"
            : $"fleet: not sustained: {r.Shortfall}");
    }

    private static void PrintPlain(FleetResult r, FleetOptions options, double perSecond)
    {
        Console.WriteLine($"fleet: {r.Count} dongles, {r.Online} online at the end, {r.ConnectionsLost} connections lost, connected in {r.ConnectSeconds:F1} s");
        Console.WriteLine($"fleet: {r.Polled} samples in {options.Seconds} s ({perSecond:F1}/s), {r.Acknowledged} acknowledged, {r.Backlog} left");
        Console.WriteLine($"fleet: polls started late by p99 {r.LateP99Ms} ms, max {r.LateMaxMs} ms; process cpu {r.CpuPercent:F0} % of {Environment.ProcessorCount} processors, peak rss {r.PeakRssMb} MB");
    }
}
