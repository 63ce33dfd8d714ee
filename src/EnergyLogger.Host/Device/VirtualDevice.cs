using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Local;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Provisioning;
using EnergyLogger.Host.Storage;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The firmware's main loop on a PC, booted the way the board boots it: read the boot journal and the settings,
/// pick the mode, bring up what the mode needs, run the loop with a supervisor thread beside it. A restart the
/// loop asks for (settings applied, reboot command, update staged or rolled back, fault) boots again in-process
/// with a fresh monotonic clock; a stall ends the process (<see cref="ProcessExitRestart"/>). A stop (Ctrl+C, SIGTERM)
/// is recorded as a clean end, and a boot that cannot start for its configuration (no settings, no serial adapter,
/// the port taken) is withdrawn from the boot journal: neither counts towards safe mode. The access point is a
/// <see cref="HostAccessPoint"/>: port 4242 listens on loopback while its window is open (and in safe mode), in place
/// of the soft-AP. With an <c>ota</c> config, every boot starts with the loader's decision on the image slots in the
/// data folder (<see cref="HostOta"/>).
/// </summary>
internal sealed class VirtualDevice
{
    private readonly HostConfig _config;
    private readonly RegisterMap? _map;
    private readonly IPEndPoint? _provisioning;
    private readonly string _factoryVersion;
    private readonly ILog _console;
    private readonly IWatchdog? _watchdog;
    private readonly TaskCompletionSource _loopRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly ISampleTap? _samples;
    private MainLoop? _loop;
    private bool _stopping;

    /// <param name="provisioning">Where port 4242 listens, or null to refuse to start without settings.</param>
    /// <param name="console">Where log records go.</param>
    /// <param name="watchdog">The service manager's watchdog the supervisor feeds, or null.</param>
    /// <param name="samples">Sees every stored sample (the daily CSV log), or null.</param>
    public VirtualDevice(HostConfig config, RegisterMap? map, IPEndPoint? provisioning, ILog console, IWatchdog? watchdog, ISampleTap? samples = null)
    {
        _samples = samples;
        _config = config;
        _map = map;
        _provisioning = provisioning;
        _console = console;
        _watchdog = watchdog;
        if (provisioning is not null)
        {
            // The restart an apply asks for names the port it came in on.
            config.Options.ProvisioningPort = provisioning.Port;
        }
        Version? v = typeof(VirtualDevice).Assembly.GetName().Version;
        _factoryVersion = v is null ? "0.0.0" : $"{v.Major}.{v.Minor}.{v.Build}";
    }

    /// <summary>Boots until stopped; returns the exit code.</summary>
    public int Run()
    {
        while (true)
        {
            lock (_gate)
            {
                if (_stopping)
                {
                    return 0;
                }
            }

            if (Boot() is int exit)
            {
                return exit;
            }
        }
    }

    /// <summary>Completes when a main loop first runs: the device is at work.</summary>
    public Task LoopRunning => _loopRunning.Task;

    /// <summary>Ctrl+C or SIGTERM: the loop ends its iteration, the link disconnects cleanly.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            _loop?.Stop();
        }
    }

    /// <summary>One power-on; null when the loop restarted and the device should boot again.</summary>
    private int? Boot()
    {
        var clock = new SystemClock(_config.Clock is { } wall ? () => wall.Now : null);
        var files = new DirectoryFileStore(_config.DataDir);
        var log = new Log(_console, clock) { MinLevel = _config.LogLevel };
        using HostOta? ota = _config.Ota is null ? null : HostOta.PowerOn(_config.Ota, files, _factoryVersion, log);
        var firmware = new FirmwareIdentity(ota?.RunningVersion ?? _factoryVersion, "host");
        StoreGivenSettings(files, log);
        BootContext boot = BootContext.Read(files, _config.Options, log);
        if (boot.Mode == RunMode.Provisioning && _provisioning is null)
        {
            log.Write(LogLevel.Error, "boot", "no settings stored; run with --provisioning, or give them in the config's settings");
            return NotStarted(boot);
        }

        Bus? bus = null;
        if (boot.Mode == RunMode.Normal && (bus = OpenBus(log)) is null)
        {
            return NotStarted(boot);
        }

        using (bus)
        using (var mqtt = new MqttNetSession(clock))
        using (var influx = new InfluxPoster(_config.Influx?.TimeoutMs ?? InfluxConfig.DefaultTimeoutMs))
        using (HostAccessPoint? accessPoint = _provisioning is null ? null : new HostAccessPoint(_provisioning, boot, clock, new ProvisioningListenerOptions(), log))
        {
            var restart = new InProcessRestart();
            var network = new HostNetwork(_config.MacOrInterface(), boot.Mode == RunMode.Provisioning, boot.Settings.WifiSsid,
                _config.Wifi ?? HostWifi.OwnNetwork(boot.Settings.WifiSsid));
            var ports = new RuntimePorts
            {
                Clock = clock,
                Files = files,
                Mqtt = new WifiGatedSession(mqtt, network),
                Network = network,
                Reboot = restart,
                Log = log,
                Buses = bus is null ? null : [bus.CreateMaster(clock)],
                Memory = new HostMemory(_config.DataDir),
                Updater = ota?.Updater(clock, boot.Settings, log),
                AccessPoint = accessPoint,
                Samples = _samples,
                Influx = boot.Mode == RunMode.Normal ? influx : null,
                InfluxEndpoint = _config.Influx?.Endpoint,
            };
            var loop = new MainLoop(boot, _map, ports, firmware, _config.Options);
            using LocalServerFollower? local = loop.Local is null ? null : new LocalServerFollower(loop.Local, log);
            local?.Start();
            using StatusPageFollower? status = loop.Status is null ? null : new StatusPageFollower(boot.Settings.LocalHttpPort, loop.Status, loop.StatusPage!, log);
            status?.Start();
            using MdnsAnnouncer? mdns = Announcer(loop, boot.Settings, network, firmware, log);
            mdns?.Start();
            var supervisor = new Supervisor(loop.Heartbeat, clock, _watchdog, boot.Journal, new ProcessExitRestart(), log, _config.Options);
            new Thread(supervisor.Run) { IsBackground = true, Name = "supervisor" }.Start();
            try
            {
                accessPoint?.Serve(loop.SettingsApplied);
                if (!Adopt(loop))
                {
                    // Stopped before the loop ran: the same clean stop, and the same record of it, as the loop's own.
                    log.Write(LogLevel.Info, "loop", "stopped");
                    boot.Journal.RecordRestart(ResetReason.Stopped, "");
                    return 0;
                }

                loop.Run();
            }
            catch (SocketException e)
            {
                log.Write(LogLevel.Error, "provisioning", "cannot listen", "endpoint", _provisioning!.ToString(), "error", e.Message);
                return NotStarted(boot);
            }
            finally
            {
                supervisor.Stop();
                Adopt(null);
            }

            return restart.Requested ? null : 0;
        }
    }

    /// <summary>mDNS while a local service is on: with none, there is nothing on the LAN to find.</summary>
    private static MdnsAnnouncer? Announcer(MainLoop loop, DeviceSettings settings, HostNetwork network, FirmwareIdentity firmware, Log log)
    {
        bool page = loop.StatusPage is { On: true };
        if (!page && loop.Local is not { Switch.On: true })
        {
            return null;
        }

        var responder = new MdnsResponder(network.Mac, firmware.Version, CloudSettings.MacText(network.Mac), 0);
        return new MdnsAnnouncer(responder, loop.Local?.Switch, loop.StatusPage, settings.LocalHttpPort, log);
    }

    /// <summary>A start-up error of the configuration: exit 1, and the boot is not counted (it never ran).</summary>
    private static int NotStarted(BootContext boot)
    {
        boot.Journal.Withdraw();
        return 1;
    }

    /// <summary>Settings in the config are stored like an apply on port 4242, so the boot reads them the one way it reads any.</summary>
    private void StoreGivenSettings(DirectoryFileStore files, Log log)
    {
        if (_config.Settings is null)
        {
            return;
        }

        var store = new SettingsRepository(files);
        store.Load(out DeviceSettings stored);
        if (!stored.SameAs(_config.Settings) && !store.Save(_config.Settings))
        {
            log.Write(LogLevel.Error, "boot", "the settings of the config could not be stored", "folder", _config.DataDir);
        }
    }

    private Bus? OpenBus(Log log)
    {
        try
        {
            return Bus.Open(_config.Bus);
        }
        catch (LinkOpenException e)
        {
            log.Write(LogLevel.Error, "bus", "cannot open", "bus", _config.Bus.Describe(), "error", e.Message);
            return null;
        }
    }

    /// <summary>Makes <paramref name="loop"/> the one <see cref="Stop"/> reaches; false when a stop came first.</summary>
    private bool Adopt(MainLoop? loop)
    {
        lock (_gate)
        {
            _loop = loop;
            if (loop is not null && !_stopping)
            {
                _loopRunning.TrySetResult();
            }

            return loop is null || !_stopping;
        }
    }
}
