using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger simulate</c>: the demo's simulated inverter served to any MODBUS master (mbpoll, a
/// SCADA tool, a real dongle) on a tty or pty, as a MODBUS TCP server, or as an RTU-over-TCP converter,
/// with the field-bus faults of the reliability matrix on demand.
/// </summary>
internal sealed class SimulateCommand
{
    /// <summary>
    /// The gap that ends a frame of unknown length on a serial port. Strict RTU says t3.5 (4 ms at 9600 baud),
    /// but USB adapters and ptys deliver bytes in bursts; the master uses the same practical floor.
    /// </summary>
    private const int SerialSilenceMs = 20;

    private readonly SimulateOptions.Declared _options = new();

    public static Command Create()
    {
        var simulate = new SimulateCommand();
        var command = new NotedCommand(
            "simulate",
            "serve the simulated inverter to any MODBUS master on a tty/pty or TCP, with faults",
            "MEDIUM: one or more of --port, --tcp and --rtu-over-tcp, served at the same time.");
        Array.ForEach(simulate._options.All, command.Add);
        command.SetAction(simulate.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        SimulateOptions options = _options.Parse(result);
        RegisterMap map = MapFile.Load(options.MapPath);
        var model = new InverterModel(options.Seed);
        SimulatedInverter[] inverters = Enumerable.Range(0, map.Devices.Length).Select(d => new SimulatedInverter(map, d, model)).ToArray();
        var server = new SlaveServer(Banks(map, inverters), new FaultInjector(options.Faults, options.Seed), options.ExceptionCode);
        using var driver = new ModelDriver(model, inverters, server.Sync, options.StartHour, options.Speed, updateMs: 1000);
        var pump = new PumpOptions(options.TurnaroundMs, SerialSilenceMs, options.Verbose ? r => Console.WriteLine(r) : null);

        Console.WriteLine($"EnergyLogger simulator: {map.Name}, slave {string.Join(", ", inverters.Select(i => i.Slave))}");
        using var stop = new CancellationTokenSource();
        var media = new List<IDisposable>();
        try
        {
            string? failure = Open(options, map.Devices[0], server, pump, stop, media);
            if (failure is not null)
            {
                return BusCommand.Fail("simulate", failure);
            }

            PrintFaults(options);
            WaitForStop(options, stop);
            PrintServed(server);
            SerialServer? serial = media.OfType<SerialServer>().FirstOrDefault();
            return serial is { LinkFailed: true } ? BusCommand.Fail("simulate", $"{options.SerialPath} failed (closed or unplugged)") : 0;
        }
        finally
        {
            // The serving threads see the stop first, then their links close under them.
            stop.Cancel();
            for (int i = media.Count - 1; i >= 0; i--)
            {
                media[i].Dispose();
            }
        }
    }

    private static Dictionary<byte, RegisterBank> Banks(RegisterMap map, SimulatedInverter[] inverters)
    {
        var banks = new Dictionary<byte, RegisterBank>();
        foreach (SimulatedInverter inverter in inverters)
        {
            if (!banks.TryAdd(inverter.Slave, inverter.Bank))
            {
                throw new UsageException($"{map.Name}: two devices share slave id {inverter.Slave}; the simulator serves one bus");
            }
        }

        return banks;
    }

    /// <summary>Opens every medium asked for; null when all are up, else why one is not.</summary>
    private static string? Open(SimulateOptions options, DeviceDefinition device, SlaveServer server, PumpOptions pump, CancellationTokenSource stop, List<IDisposable> media)
    {
        if (options.SerialPath is not null)
        {
            LineSettings line = options.Line.Apply(device);
            EnergyLogger.Core.Ports.IByteLink link;
            try
            {
                link = SerialPorts.Open(options.SerialPath, line.Baud, line.Parity, line.StopBits);
            }
            catch (LinkOpenException e)
            {
                return e.Message;
            }

            media.Add((IDisposable)link);
            media.Add(SerialServer.Start(link, server, pump, stop));
            Console.WriteLine($"RTU on {options.SerialPath} at {line}");
        }

        (int? Port, ServedFraming Framing, string Name)[] listeners =
        [
            (options.TcpPort, ServedFraming.Mbap, "MODBUS TCP"),
            (options.RtuOverTcpPort, ServedFraming.Rtu, "RTU over TCP"),
        ];
        foreach (var (port, framing, name) in listeners.Where(l => l.Port is not null))
        {
            TcpSlaveListener listener;
            try
            {
                // A routed network may deliver one RTU frame in segments tens of milliseconds apart.
                listener = TcpSlaveListener.Start(options.Bind, port!.Value, framing, server, pump with { SilenceMs = 100 });
            }
            catch (SocketException e)
            {
                return $"cannot listen on {options.Bind}:{port}: {e.Message}";
            }

            media.Add(listener);
            Console.WriteLine($"{name} on {options.Bind}:{listener.Port}");
        }

        return null;
    }

    private static void PrintFaults(SimulateOptions options)
    {
        string faults = options.Faults.Length == 0 ? "none" : string.Join("; ", options.Faults.Select(f => f.ToString()));
        Console.WriteLine($"faults: {faults} (seed {options.Seed})");
    }

    /// <summary>Says "ready" once Ctrl+C and SIGTERM stop the serving, then serves until one comes or the time is up.</summary>
    private static void WaitForStop(SimulateOptions options, CancellationTokenSource stop)
    {
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        // Not before the handlers: a service manager or script that stops the simulator as soon as it reads
        // "ready" would otherwise meet the runtime's default SIGTERM, an exit with 143 instead of the summary and 0.
        Console.WriteLine("ready");
        if (options.Seconds > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
        }

        stop.Token.WaitHandle.WaitOne();
    }

    private static void PrintServed(SlaveServer server)
    {
        lock (server.Sync)
        {
            long[] injected = server.Faults.Injected;
            string faults = string.Join(", ", FaultRule.Names.Where(n => injected[(int)n.Kind] > 0).Select(n => $"{n.Name} {injected[(int)n.Kind]}"));
            Console.WriteLine($"served {server.Requests} requests{(faults.Length > 0 ? ", faults: " + faults : "")}");
        }
    }
}
