using System.CommandLine;
using System.Globalization;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Scan;
using Spectre.Console;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger scan</c>: what is on the bus. Tries the slave ids at each line setting (or the unit ids of a
/// MODBUS TCP server), stops after the setting that found something, and fingerprints each device found against
/// the SunSpec marker and the ready maps (<see cref="BusScanner"/>, <see cref="Fingerprint"/>).
/// </summary>
internal sealed class ScanCommand
{
    private readonly Option<string> _port = CliOption.Text("--port", "PATH", "serial port (tty or pty), MODBUS RTU");
    private readonly Option<string> _tcp = CliOption.Text("--tcp", "HOST:PORT", "MODBUS TCP server or gateway: scans its unit ids");
    private readonly Option<string> _rtuOverTcp = CliOption.Text("--rtu-over-tcp", "HOST:PORT", "RTU frames through a serial-to-TCP converter");
    private readonly Option<string> _ids = CliOption.Text("--ids", "LIST", "slave ids to try, e.g. 2,4-7 [default: 1-247]");
    private readonly Option<string> _bauds = CliOption.Text("--baud", "LIST", "--port: baud rates to try, in order [default: 9600,19200,38400,4800,115200]");
    private readonly Option<string> _parities = CliOption.Text("--parity", "LIST", "--port: parities to try, in order [default: none,even,odd]");
    private readonly Option<string> _rs485 = BusOptions.Rs485Option();
    private readonly Option<int> _timeout = CliOption.Int("--timeout", "MS", "how long each probe waits for an answer", 250, 10, 10000);
    private readonly Option<bool> _keepGoing = CliOption.Flag("--keep-going", "try every line setting, not only until one finds a device");
    private readonly Option<string> _maps = CliOption.Text("--maps", "DIR", "the register maps to fingerprint with [default: the bundled ready maps]");

    public static Command Create()
    {
        var scan = new ScanCommand();
        var command = new NotedCommand(
            "scan",
            "find the devices on a bus: slave ids, baud rate and parity, with a fingerprint and a suggested map",
            "Each probe reads holding register 0; an exception reply counts as an answer. The devices of one bus share its\n"
            + "line settings, so the scan stops after the first setting that found one (--keep-going tries all).\n"
            + "Exit status: 0 a device was found, 1 none answered, 2 usage.");
        Array.ForEach<Option>([scan._port, scan._tcp, scan._rtuOverTcp, scan._ids, scan._bauds, scan._parities, scan._rs485, scan._timeout, scan._keepGoing, scan._maps], command.Add);
        command.SetAction(scan.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        (BusMedium medium, string target, int tcpPort) = Medium(result);
        byte[] ids = SlaveIds.Parse(result.GetValue(_ids) ?? "1-247", out string? idError) ?? throw new UsageException($"--ids: {idError}");
        IReadOnlyList<LineSetting> settings = medium == BusMedium.Serial
            ? ScanPlan.Combine(Bauds(result.GetValue(_bauds)), Parities(result.GetValue(_parities)))
            : [new LineSetting(0, Parity.None)];
        if (medium != BusMedium.Serial && (result.IsGiven(_bauds) || result.IsGiven(_parities) || result.IsGiven(_rs485)))
        {
            throw new UsageException("--baud, --parity and --rs485 apply to --port only");
        }

        Rs485Mode? rs485 = BusOptions.ParseRs485(result.GetValue(_rs485));

        string mapDir = result.GetValue(_maps) ?? Path.Combine(AppContext.BaseDirectory, "maps");
        string[] maps = Directory.Exists(mapDir) ? Directory.GetFiles(mapDir, "*.json").Order().ToArray() : throw new UsageException($"--maps: no folder {mapDir}");
        int timeout = result.GetValue(_timeout);
        var plan = new ScanPlan(settings, ids, timeout);
        BusSettings At(LineSetting s, int timeoutMs, int retries) => new(medium, target, tcpPort, s.Baud, s.Parity, 1, timeoutMs, retries, Rs485: rs485);

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.WriteLine($"scanning {(medium == BusMedium.Serial ? target : $"{target}:{tcpPort}")}: {ids.Length} ids x {settings.Count} line settings, "
            + $"{plan.Probes} probes, at most {Duration(plan.WorstCase)}");
        var scanner = new BusScanner(s => Bus.Open(At(s, timeout, 0)));
        ScanResult scan = ConsoleOutput.IsRich
            ? WithProgressBar(scanner, plan, result.GetValue(_keepGoing), stop.Token)
            : scanner.Run(plan, result.GetValue(_keepGoing), PlainProgress(), stop.Token);

        foreach (string problem in scan.Problems)
        {
            Console.WriteLine($"could not try {problem}");
        }

        foreach ((LineSetting setting, int count) in scan.Garbled)
        {
            Console.WriteLine($"{setting}: {count} garbled replies: a device may answer at other line settings");
        }

        string end = scan.Cancelled ? "stopped" : scan.StoppedEarly ? "stopped after the setting that found a device" : "done";
        Console.WriteLine($"{scan.Probes} probes in {Duration(scan.Elapsed)}, {end}: {scan.Found.Count} device(s) found");
        foreach (ScanHit hit in scan.Found)
        {
            Console.WriteLine();
            Console.WriteLine($"slave {hit.Slave} at {hit.Setting}: {hit.Answer}");
            using Bus bus = Bus.Open(At(hit.Setting, Math.Max(timeout, 1000), 1));
            DeviceFingerprint print = Fingerprint.Take(bus.CreateMaster(new SystemClock()), hit.Slave, maps, new SystemClock());
            Console.WriteLine(print.SunSpecAt is int at
                ? $"  SunSpec marker 'SunS' at holding {at}: 'energylogger map sunspec --units {hit.Slave}' makes its map from its chain"
                : "  no SunSpec marker at 40000, 0 or 50000");
            foreach (MapFit fit in print.Maps)
            {
                string missed = fit.Implausible.Count == 0 ? "" : $"; not plausible: {string.Join(", ", fit.Implausible.Take(4))}{(fit.Implausible.Count > 4 ? ", ..." : "")}";
                Console.WriteLine($"  {fit.File}: {fit.Plausible} of {fit.Points} points plausible ({fit.Share * 100:0}%), {fit.Informative} not zero{missed}");
            }

            Console.WriteLine(print.Suggested is MapFit best
                ? $"  suggested map: {best.File} ({best.Name})"
                : $"  no ready map fits (at least {DeviceFingerprint.SuggestAt * 100:0}% of its points plausible): 'energylogger map from-registers' makes one from the vendor's table");
        }

        return scan.Found.Count > 0 ? 0 : 1;
    }

    private static ScanResult WithProgressBar(BusScanner scanner, ScanPlan plan, bool keepGoing, CancellationToken stop)
    {
        ScanResult? scan = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("scanning", maxValue: plan.Probes);
                scan = scanner.Run(plan, keepGoing, p =>
                {
                    task.Value = p.Done;
                    task.Description = p.Slave == 0 ? "scanned" : $"{p.Setting} slave {p.Slave}, {p.Found} found, {Duration(p.Left)} left";
                }, stop);
                task.Value = plan.Probes;
            });
        return scan!;
    }

    /// <summary>Without a terminal: a line per line setting, with the time left then.</summary>
    private static Action<ScanProgress> PlainProgress()
    {
        LineSetting? current = null;
        return p =>
        {
            if (p.Slave != 0 && p.Setting != current)
            {
                current = p.Setting;
                Console.WriteLine($"trying {p.Setting}: {p.Done} of {p.Total} probes done, {p.Found} found, about {Duration(p.Left)} left");
            }
        };
    }

    private (BusMedium, string, int) Medium(ParseResult result)
    {
        string? path = result.GetValue(_port);
        string? tcp = result.GetValue(_tcp);
        string? rtuOverTcp = result.GetValue(_rtuOverTcp);
        int given = (path is null ? 0 : 1) + (tcp is null ? 0 : 1) + (rtuOverTcp is null ? 0 : 1);
        if (given != 1)
        {
            throw new UsageException(given == 0 ? "give the bus: --port PATH, --tcp HOST:PORT or --rtu-over-tcp HOST:PORT" : "--port, --tcp and --rtu-over-tcp exclude each other");
        }

        if (path is not null)
        {
            return (BusMedium.Serial, path, 0);
        }

        (string host, int port) = BusOptions.ParseEndpoint(tcp is null ? _rtuOverTcp.Name : _tcp.Name, tcp ?? rtuOverTcp!);
        return (tcp is null ? BusMedium.RtuOverTcp : BusMedium.ModbusTcp, host, port);
    }

    private static int[] Bauds(string? text)
    {
        if (text is null)
        {
            return ScanPlan.DefaultBauds;
        }

        return text.Split(',', StringSplitOptions.TrimEntries).Select(b =>
            int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int baud) && Array.IndexOf(BusSettings.BaudRates, baud) >= 0
                ? baud
                : throw new UsageException($"--baud: '{b}' is not one of {string.Join(", ", BusSettings.BaudRates)}")).Distinct().ToArray();
    }

    private static Parity[] Parities(string? text)
    {
        if (text is null)
        {
            return ScanPlan.DefaultParities;
        }

        return text.Split(',', StringSplitOptions.TrimEntries).Select(p => p switch
        {
            "none" or "N" => Parity.None,
            "even" or "E" => Parity.Even,
            "odd" or "O" => Parity.Odd,
            _ => throw new UsageException($"--parity: '{p}' is not none, even or odd"),
        }).Distinct().ToArray();
    }

    private static string Duration(TimeSpan span) =>
        span.TotalSeconds < 90 ? $"{span.TotalSeconds:0} s" : span.TotalMinutes < 90 ? $"{span.TotalMinutes:0} min" : $"{span.TotalHours:0.0} h";
}
