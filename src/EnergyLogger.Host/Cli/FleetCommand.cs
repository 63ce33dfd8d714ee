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
internal static class FleetCommand
{
    public const string Summary = "run N virtual dongles against a broker to load-test a cloud (custom-MQTT topics)";

    private const string MemoryDirectory = "/dev/shm";

    private static readonly string[] Help =
    [
        "usage: energylogger fleet --count N --broker URL [options]",
        "",
        "  --count N                 virtual dongles, identities energy-logger-02454C000000 upwards",
        "  --interval-ms MS          poll interval of every dongle (default 10000)",
        "  --seconds N               length of the measured run after all are connected (default 60)",
        "  --threads N               worker threads that poll and serve the links (default: 2 per processor)",
        $"  --map FILE                register map of every simulated inverter (default: the bundled {MapFile.DefaultName})",
        $"  --outbox-dir DIR          where the dongles' outboxes go (default {MemoryDirectory} when it exists, else the temp folder)",
        "  --connect-seconds N       how long the connect phase may take (default 60)",
        "  --drain-seconds N         how long the end waits for the broker to take the backlog (default 15)",
        "",
        "Broker:",
        .. BrokerOptions.HelpLines,
        "",
        "Exit 0 when the fleet was sustained: every dongle connected throughout, 99 % of polls started within a",
        "tenth of the interval, and every sample was acknowledged by the broker; exit 1 otherwise.",
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        int count = cli.RequiredInt("count", 1, 100_000);
        BrokerTarget broker = BrokerOptions.Parse(cli) ?? throw new UsageException("--broker is required");
        var options = new FleetOptions(
            count,
            cli.Int("interval-ms", 10_000, 100, 3_600_000),
            cli.Int("seconds", 60, 1, 86_400),
            cli.Int("threads", 2 * Environment.ProcessorCount, 1, 256),
            cli.Int("connect-seconds", 60, 1, 3600),
            cli.Int("drain-seconds", 15, 0, 3600),
            ReportEverySeconds: 10);
        string mapPath = cli.Text("map") ?? MapFile.DefaultPath;
        string outboxBase = cli.Text("outbox-dir") ?? (Directory.Exists(MemoryDirectory) ? MemoryDirectory : Path.GetTempPath());
        cli.RejectUnknown();

        RegisterMap map = MapFile.Load(mapPath);
        string outboxRoot = Path.Combine(outboxBase, $"energylogger-fleet-{Environment.ProcessId}");
        var clock = new SystemClock();
        Console.WriteLine($"fleet: {count} dongles of {map.Name} against {broker.Describe()}, topics under {broker.TopicRoot}/energy-logger-MAC/");
        var dongles = new List<VirtualDongle>(count);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            for (int i = 0; i < count; i++)
            {
                dongles.Add(new VirtualDongle(i, map, broker, clock, outboxRoot));
            }

            FleetResult result = new FleetRunner(dongles.ToArray(), options, clock, Console.Out).Run(stop.Token);
            Print(result, options);
            return result.Sustained ? 0 : 1;
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
        Console.WriteLine($"fleet: {r.Count} dongles, {r.Online} online at the end, {r.ConnectionsLost} connections lost, connected in {r.ConnectSeconds:F1} s");
        Console.WriteLine($"fleet: {r.Polled} samples in {options.Seconds} s ({perSecond:F1}/s), {r.Acknowledged} acknowledged, {r.Backlog} left");
        Console.WriteLine($"fleet: polls started late by p99 {r.LateP99Ms} ms, max {r.LateMaxMs} ms; process cpu {r.CpuPercent:F0} % of {Environment.ProcessorCount} processors, peak rss {r.PeakRssMb} MB");
        Console.WriteLine(r.Sustained
            ? $"fleet: sustained {r.Count} dongles at a {options.IntervalMs} ms interval"
            : $"fleet: not sustained: {r.Shortfall}");
    }
}
