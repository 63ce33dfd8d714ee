using System.Net;
using System.Runtime.InteropServices;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Device;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger run --config FILE</c>: the firmware's main loop on this machine with a real bus and a real
/// broker (docs/runtime.md). <c>--provisioning</c> serves port 4242 on loopback in place of the soft-AP while its
/// window is open, so the first boot (no settings stored) and the cloud's <c>start_ap</c> run as on the board.
/// </summary>
internal static class RunCommand
{
    public const string Summary = "run the logger's main loop here: poll the bus, publish, take configs and commands";

    private static readonly string[] Help =
    [
        "usage: energylogger run --config FILE [--provisioning] [--provisioning-port N]",
        "",
        "  --config FILE            the virtual device's JSON config (bus, map, data folder, settings; docs/runtime.md)",
        "  --provisioning           listen on 127.0.0.1 for the port-4242 protocol in place of the board's soft-AP,",
        "                           while its window is open (30 min without settings, start_ap) and in safe mode;",
        "                           a label.rec in the data folder asks for its code (docs/provisioning.md)",
        "  --provisioning-port N    the port to listen on (default 4242)",
        "",
        "Log records go to standard output, one per line. Ctrl+C stops the loop cleanly.",
        "Exit status: 0 stopped, 1 could not start (bus, settings, port), 2 usage, 3 the loop stalled",
        "(the reason is in the boot journal; a service manager should start the logger again).",
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        HostConfig config = HostConfig.Load(cli.RequiredText("config"));
        bool provisioning = cli.Flag("provisioning");
        int port = cli.Int("provisioning-port", 4242, 1, 65535);
        cli.RejectUnknown();

        var device = new VirtualDevice(config, LoadMap(config.MapPath), provisioning ? new IPEndPoint(IPAddress.Loopback, port) : null);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return device.Run();

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            device.Stop();
        }
    }

    private static RegisterMap? LoadMap(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"$.map: no register map at {path}");
        }

        byte[] text = File.ReadAllBytes(path);
        return RegisterMapLoader.Load(text, 0, text.Length, out MapError? error) ?? throw new UsageException($"$.map: {path}: {error}");
    }
}
