using System.CommandLine;
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
internal sealed class RunCommand
{
    private readonly Option<string> _config = CliOption.Text("--config", "FILE", "the virtual device's JSON config (bus, map, data folder, settings; docs/runtime.md)");
    private readonly Option<bool> _provisioning = CliOption.Flag(
        "--provisioning",
        "listen on 127.0.0.1 for the port-4242 protocol in place of the board's soft-AP, while its window is open (30 min without settings, start_ap) and in safe mode; a label.rec in the data folder asks for its code (docs/provisioning.md)");
    private readonly Option<int> _provisioningPort = CliOption.Int("--provisioning-port", "N", "the port to listen on", 4242, 1, 65535);

    public static Command Create()
    {
        var run = new RunCommand();
        run._config.Required = true;
        var command = new NotedCommand(
            "run",
            "run the logger's main loop here: poll the bus, publish, take configs and commands",
            "Log records go to standard output, one per line. Ctrl+C or SIGTERM stops the loop cleanly.\n"
            + "Exit status: 0 stopped, 1 could not start (bus, settings, port), 2 usage, 3 the loop stalled\n"
            + "(the reason is in the boot journal; a service manager should start the logger again).");
        Array.ForEach<Option>([run._config, run._provisioning, run._provisioningPort], command.Add);
        command.SetAction(run.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        HostConfig config = HostConfig.Load(result.Required(_config));
        bool provisioning = result.GetValue(_provisioning);
        int port = result.GetValue(_provisioningPort);

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
