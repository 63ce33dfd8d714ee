using System.CommandLine;
using System.Net;
using System.Text;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Host.Device;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Samples;
using EnergyLogger.Host.SunSpec;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

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
    private readonly Option<string> _csvDir = CliOption.Text(
        "--csv-dir", "DIR", "also write every sample to daily CSV files in DIR, one per device and day (DEVICE_YYYY-MM-DD.csv, a header line first), with or without a broker");

    private readonly Option<string> _rs485 = BusOptions.Rs485Option();

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
        Array.ForEach<Option>([run._config, run._provisioning, run._provisioningPort, run._csvDir, run._rs485], command.Add);
        command.SetAction(run.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        HostConfig config = HostConfig.Load(result.Required(_config));
        if (BusOptions.ParseRs485(result.GetValue(_rs485)) is { } rs485)
        {
            config.UseRs485(rs485);
        }

        bool provisioning = result.GetValue(_provisioning);
        int port = result.GetValue(_provisioningPort);

        RegisterMap? map;
        if (config.SunSpec is { } sunspec)
        {
            map = SunSpecMap(config.Bus, sunspec, out string? problem);
            if (map is null)
            {
                // A failed start, not a wrong call, and no boot: the service manager starts the logger again.
                Console.Error.WriteLine($"energylogger run: $.sunspec: {problem}");
                return 1;
            }
        }
        else
        {
            map = LoadMap(config.MapPath);
        }
        IPEndPoint? listen = provisioning ? new IPEndPoint(IPAddress.Loopback, port) : null;
        CsvSampleTap? csv = result.GetValue(_csvDir) is string dir
            ? new CsvSampleTap(CsvLog(dir), map, problem => Console.Error.WriteLine($"energylogger run: {problem}"))
            : null;
        return Serve((log, watchdog) => new VirtualDevice(config, map, listen, log, watchdog, csv));
    }

    /// <summary>
    /// The device as a hosted service of the generic host, with its systemd integration: under systemd (or with
    /// <c>NOTIFY_SOCKET</c> set) <c>READY=1</c> once the loop runs, <c>STOPPING=1</c> at a stop, <c>WATCHDOG=1</c>
    /// from the supervisor, and log records in the journal's format; elsewhere plain records on standard output.
    /// SIGTERM and Ctrl+C stop the host, which stops the device cleanly.
    /// </summary>
    private static int Serve(Func<ILog, IWatchdog?, VirtualDevice> create)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "energylogger" });
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        bool journal = SystemdHelpers.IsSystemdService();
        if (journal)
        {
            // The host's own records only when they matter; a start the device refused is already in its log.
            builder.Logging.AddConsole()
                .AddFilter("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", Microsoft.Extensions.Logging.LogLevel.None);
        }

        builder.Services.AddSingleton(services => create(
            journal ? new JournalLog(services.GetRequiredService<ILoggerFactory>().CreateLogger("energylogger")) : new ConsoleLog(),
            services.GetService<ISystemdNotifier>() is { } notifier ? SystemdWatchdog.For(notifier) : null));
        builder.Services.AddSingleton<DeviceService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeviceService>());
        using IHost host = builder.Build();
        DeviceService device = host.Services.GetRequiredService<DeviceService>();
        try
        {
            host.Run();
        }
        catch (NotStartedException)
        {
            // The device could not start and has said why in its log; no READY=1 went out.
        }

        return device.ExitCode;
    }

    private static DailyCsvLog CsvLog(string dir)
    {
        try
        {
            return new DailyCsvLog(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--csv-dir: cannot create {dir}: {e.Message}");
        }
    }

    /// <summary>
    /// The map of a SunSpec site, drafted from the chains its devices hold now; it keeps the site, so the loop drafts it
    /// again when a chain changes. A device that cannot be walked stops the start with the reason (exit 1) and counts as
    /// no boot, as any configuration error does; a service manager tries again.
    /// </summary>
    private static RegisterMap? SunSpecMap(BusSettings settings, SunSpecConfig sunspec, out string? problem)
    {
        var devices = new List<SunSpecDevice>();
        try
        {
            using Bus bus = Bus.Open(settings);
            ModbusMaster master = bus.CreateMaster(new SystemClock());
            foreach (byte unit in sunspec.Units)
            {
                if (SunSpecChain.Walk(master, unit, out problem) is not SunSpecDevice device)
                {
                    return null;
                }

                Console.Error.WriteLine($"energylogger run: sunspec unit {unit}: {device.Describe()}");
                devices.Add(device);
            }
        }
        catch (IOException e)
        {
            problem = e.Message;
            return null;
        }

        string site;
        try
        {
            site = SunSpecSiteMap.Site(devices, "SunSpec site", sunspec.TimeZone, sunspec.Overrides);
        }
        catch (ArgumentException e)
        {
            problem = $"overrides: {e.Message}";
            return null;
        }

        if (SunSpecSiteMap.Draft(site, devices, out problem) is not string text)
        {
            return null;
        }

        byte[] siteBytes = Encoding.UTF8.GetBytes(site);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        RegisterMap? map = RegisterMapLoader.Load(bytes, 0, bytes.Length, siteBytes, out MapError? error);
        problem = map is null ? $"the drafted map does not load: {error}" : null;
        return map;
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
