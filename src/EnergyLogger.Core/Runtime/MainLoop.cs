using System;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The firmware's one loop (docs/runtime.md): it builds the parts the boot's mode needs, then ticks them in order
    /// on one thread, each iteration: the clock watch, the heap's low-water mark, a poll cycle when one is due, the cloud
    /// link, a Wi-Fi scan or change the cloud asked for, the schedule's entries that are due, an OTA step and the metadata
    /// refresh when the iteration has time to spare, the button and the LEDs, the boot proof. Then it
    /// carries out a restart if one was asked for, or sleeps until the next tick. It beats the heartbeat at the start
    /// and before the idle sleep, and each part beats before its work; the <see cref="Supervisor"/> watches it.
    /// </summary>
    public sealed class MainLoop
    {
        private readonly IClock _clock;
        private readonly RuntimeOptions _options;
        private readonly PollSchedule _schedule;
        private readonly RestartRequest _restarts = new RestartRequest();
        private readonly Shutdown _shutdown;
        private readonly IndicatorDriver _indicators;
        private readonly ILoopTask[] _tasks;

        /// <param name="map">The register map to poll when no cloud config is stored (a file on flash); null for none yet.</param>
        public MainLoop(BootContext boot, RegisterMap map, RuntimePorts ports, FirmwareIdentity firmware, RuntimeOptions options)
        {
            _clock = ports.Clock;
            _options = options;
            long start = _clock.MonotonicMs;
            Log log = ports.Log;
            Heartbeat = new Heartbeat(start);
            HideSecrets(log, boot);
            var outboxes = new OutboxShelf(ports.Files, options.Outbox, log);
            var counters = new CloudCounters();
            Diagnostics = new Diagnostics(ports, boot.Journal, Stats, outboxes, counters, boot.Mode);
            _indicators = new IndicatorDriver(ports.Leds, log);
            FactoryReset reset = ports.Button == null ? null : new FactoryReset(ports.Button, boot.SettingsStore, new ResetButton());
            AccessPoint = ports.AccessPoint == null ? null : new AccessPointWindow(ports.AccessPoint, boot, ports.Files, _restarts, _clock, log, options.AccessPointWindowMs);
            if (boot.Mode == RunMode.Normal)
            {
                _schedule = new PollSchedule(options);
                Config = new ConfigInUse(map, ports, options, _schedule);
            }
            else
            {
                Config = new ConfigInUse(map, boot.Mode, log);
            }

            var facts = new FactsBuilder(firmware, ports.Network, Diagnostics, Config);
            var updates = new UpdateSteps(ports.Updater, _restarts, _clock, log, options);
            var memory = new MemoryWatch(ports.Memory, options, start);
            ScheduleRunner schedule = Config.Engine == null ? null : new ScheduleRunner(Config, _clock, log, options);
            WifiControl wifi = null;
            if (boot.Mode != RunMode.Provisioning)
            {
                var restart = new CommandRestart(_restarts);
                var report = new DiagnosticsReport(Diagnostics, boot.Journal, ports, memory, firmware, Config, counters, schedule);
                wifi = new WifiControl(ports.Network, boot.SettingsStore, boot.Settings, _clock, log, options);
                var handlers = new ICommandHandler[]
                {
                    new RebootCommand(), new VersionCommand(facts), new RegsReadCommand(Config), new RegsWriteCommand(Config), new DiagnosticsCommand(report),

                    // Remote management (docs/cloud.md, "Commands").
                    new PingCommand(_clock, start), new ReconnectCommand(), new LogLevelCommand(log), new WifiScanCommand(wifi), new SetWifiCommand(wifi),
                    new FactoryResetCommand(ports.Network, boot.SettingsStore, restart),
                };
                handlers = AccessPointCommands.With(handlers, AccessPoint);
                string[] endpoints = Config.BootMap == null ? new string[1] : Config.BootMap.Endpoints;
                Cloud = new CloudStack(boot, endpoints, ports, options, outboxes, counters, handlers, Config, facts, updates, restart);
                wifi.Cloud = Cloud;
                if (schedule != null)
                {
                    schedule.Cloud = Cloud;
                }
            }

            Polling polling = Config.Engine == null ? null : new Polling(Config.Engine, _schedule, Cloud, ports.Updater, Stats, _clock, log, options, boot.Journal, ports.Samples);
            if (polling != null)
            {
                // Made whether the server is on or not, so that a cloud config can turn it on without a restart.
                var server = new LocalSwitch(boot.Settings.LocalModbus, boot.Settings.LocalModbusPort, boot.Settings.LocalModbusUnit, boot.Settings.LocalGateway);
                Local = new RegisterImage(LocalIdentity(firmware, ports.Network, Config.BootMap), server);
                Config.LocalServer = server;
                polling.Local = Local;
            }

            GatewayRelay gateway = Local == null ? null : new GatewayRelay(Local.Gateway, Config, _schedule, Stats, log);

            InfluxEndpoint influxTo = Config.InfluxAtStart(ports.InfluxEndpoint ?? InfluxEndpoint.FromSettings(boot.Settings));
            Influx = polling == null || ports.Influx == null ? null
                : new InfluxUplink(ports.Files, options.InfluxOutbox, ports.Influx, influxTo, ports.Clock, log, CloudSettings.MacText(ports.Network.Mac));
            if (Influx != null)
            {
                polling.Influx = Influx;
                Config.Influx = Influx;
            }

            StatusRefresh status = null;
            if (polling != null)
            {
                // Made whether the page is on or not, so that a cloud config can turn it on without a restart.
                StatusPage = new PageSwitch(boot.Settings.LocalHttp);
                Config.StatusPage = StatusPage;
                Status = new StatusBoard(options.Outbox.MaxRecordBytes, 2048);
                polling.Status = Status;
                status = new StatusRefresh(Status, StatusPage, ports.Network, Cloud, Local == null ? null : Local.Switch, Diagnostics, _clock, options);
            }

            MetadataRefresh metadata = Cloud == null ? null : new MetadataRefresh(Cloud, _clock, options, start);
            _tasks = Present(new ILoopTask[]
            {
                boot.Mode == RunMode.Safe ? new SafeModeNotice(boot.Journal, _clock, log, options, start) : null,
                new ClockWatch(_clock, Stats, metadata, log),
                memory,
                polling,
                gateway,
                Cloud,
                Influx,
                status,
                wifi,
                schedule,
                updates,
                metadata,
                AccessPoint,
                new FrontPanel(_indicators, reset, boot.Mode == RunMode.Provisioning ? AccessPoint : null, _restarts, ports.Network, Cloud, polling, ports.Updater,
                    _clock, log),
                new BootProof(boot.Journal, boot.Mode, _clock, log, start, options.ProvenAfterMs),
            });
            _shutdown = new Shutdown(_restarts, Cloud, boot.Journal, ports.Reboot, log);
            Mode = boot.Mode;
        }

        public RunMode Mode { get; }

        /// <summary>Read by the supervisor's thread.</summary>
        public Heartbeat Heartbeat { get; }

        public LoopStats Stats { get; } = new LoopStats();

        public Diagnostics Diagnostics { get; }

        /// <summary>The cloud side; null in provisioning mode.</summary>
        public CloudStack Cloud { get; }

        /// <summary>The provisioning access point's window; null where there is no access point.</summary>
        public AccessPointWindow AccessPoint { get; }

        /// <summary>
        /// The registers of the local MODBUS TCP server, and its switch, which the adapters follow; null when nothing is polled
        /// (provisioning, safe mode).
        /// </summary>
        public RegisterImage Local { get; }

        /// <summary>The InfluxDB writer, which opens its outbox when a destination is first named; null when nothing is polled or there is no HTTP client.</summary>
        public InfluxUplink Influx { get; }

        /// <summary>What the local status page and <c>/api/status</c> show; null when nothing is polled (provisioning, safe mode).</summary>
        public StatusBoard Status { get; }

        /// <summary>Whether the page is served (the setting local.http or the cloud config in use), which the adapters follow; null with <see cref="Status"/>.</summary>
        public PageSwitch StatusPage { get; }

        /// <summary>The configuration in use: its id, its map, the poll engine.</summary>
        public ConfigInUse Config { get; }

        public IndicatorState Indicators => _indicators.State;

        /// <summary>Runs iterations until a restart; an exception is a fault that is stored and rebooted on.</summary>
        public void Run()
        {
            try
            {
                while (RunOnce())
                {
                }
            }
            catch (Exception e)
            {
                _shutdown.Fault(e);
            }
        }

        /// <summary>One iteration; false once the loop has restarted (or was asked to stop).</summary>
        public bool RunOnce()
        {
            if (_shutdown.Stopped())
            {
                return false;
            }

            long start = _clock.MonotonicMs;
            Heartbeat.Beat("start", start);
            Stats.Iterations++;
            for (int i = 0; i < _tasks.Length; i++)
            {
                _tasks[i].Tick(start, Heartbeat);
            }

            if (_shutdown.Take())
            {
                return false;
            }

            Idle(start);
            return true;
        }

        /// <summary>
        /// Asks for a restart at the end of the current iteration; the first request wins. Thread-safe: the device's
        /// start-up thread asks for one when the access point's DHCP server does not start.
        /// </summary>
        public void RequestRestart(ResetReason reason, string detail)
        {
            _restarts.Ask(reason, detail);
        }

        /// <summary>
        /// A port-4242 session stored new settings: the access point closes and the logger restarts into station mode at the
        /// end of the iteration. Thread-safe: the sessions call it from their own threads.
        /// </summary>
        public void SettingsApplied()
        {
            if (AccessPoint != null)
            {
                AccessPoint.SettingsApplied();
            }

            _restarts.Ask(ResetReason.Provisioned, "settings applied on port " + _options.ProvisioningPort.ToString());
        }

        /// <summary>
        /// Ends the loop without a reboot (the host's Ctrl+C or SIGTERM): the link says goodbye and the boot journal
        /// records a clean stop, which clears the failed-boot count like a deliberate restart. Thread-safe.
        /// </summary>
        public void Stop()
        {
            _restarts.Stop();
        }

        /// <summary>Records the iteration's cost, then sleeps until the next tick or the next cycle, whichever is first.</summary>
        private void Idle(long start)
        {
            long now = _clock.MonotonicMs;
            long used = now - start;
            if (used > Stats.LongestIterationMs)
            {
                Stats.LongestIterationMs = used;
            }

            if (used > _options.IterationBudgetMs)
            {
                Stats.OverBudget++;
            }

            long wait = _options.TickMs - used;
            if (_schedule != null && _schedule.NextMs - now < wait)
            {
                wait = _schedule.NextMs - now;
            }

            if (wait > 0)
            {
                Heartbeat.Beat("idle", now);
                _clock.Sleep((int)wait);
            }
        }

        private static DeviceIdentity LocalIdentity(FirmwareIdentity firmware, INetwork network, RegisterMap map)
        {
            return new DeviceIdentity("EnergyLogger", map == null ? "" : map.Name, firmware.Version, CloudSettings.MacText(network.Mac));
        }

        private static void HideSecrets(Log log, BootContext boot)
        {
            log.AddSecret(boot.Settings.WifiKey);
            log.AddSecret(boot.Settings.MqttPassword);
            log.AddSecret(boot.Settings.KaaToken);
            log.AddSecret(boot.Settings.InfluxPassword);
            log.AddSecret(boot.Settings.InfluxToken);
            log.AddSecret(boot.Label.ApKey);
            log.AddSecret(boot.Label.Pop);
        }

        /// <summary>The tasks this boot's mode has, in their order.</summary>
        private static ILoopTask[] Present(ILoopTask[] tasks)
        {
            int n = 0;
            for (int i = 0; i < tasks.Length; i++)
            {
                n += tasks[i] == null ? 0 : 1;
            }

            var present = new ILoopTask[n];
            for (int i = 0, k = 0; i < tasks.Length; i++)
            {
                if (tasks[i] != null)
                {
                    present[k++] = tasks[i];
                }
            }

            return present;
        }
    }
}
