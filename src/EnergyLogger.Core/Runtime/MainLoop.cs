using System;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The one scheduler of the firmware (docs/runtime.md). Each iteration, on one thread: a poll cycle when one
    /// is due (its samples go to the outboxes), a tick of the cloud link (telemetry, replay, config and commands,
    /// which use the bus, so they run here between cycles), then, if the iteration is still within its budget,
    /// an OTA step and the metadata refresh; then the reset button, the LEDs, and a restart if one was asked
    /// for. It beats the heartbeat before every phase; the <see cref="Supervisor"/> watches it. What the cloud
    /// needs from the runtime is in MainLoop.CloudHost.cs, polling in MainLoop.Polling.cs, restarts in
    /// MainLoop.Restart.cs.
    /// </summary>
    public sealed partial class MainLoop
    {
        private readonly BootContext _boot;
        private readonly RuntimePorts _ports;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly RuntimeOptions _options;
        private readonly LoopStats _stats = new LoopStats();
        private readonly CloudCounters _cloudCounters = new CloudCounters();
        private readonly OutboxShelf _outboxes;
        private readonly Diagnostics _diagnostics;
        private readonly FactsBuilder _facts;
        private readonly IndicatorDriver _indicators;
        private readonly FactoryReset _factoryReset;
        private readonly ICommandHandler[] _handlers;
        private readonly long _startMs;
        private CloudStack _cloud;
        private long _nextMetadataMs;
        private string _lastCloudError;

        /// <param name="map">The register map to poll when no cloud config is stored (a file on flash); null for none yet.</param>
        public MainLoop(BootContext boot, RegisterMap map, RuntimePorts ports, FirmwareIdentity firmware, RuntimeOptions options)
        {
            _boot = boot;
            _ports = ports;
            _clock = ports.Clock;
            _log = ports.Log;
            _options = options;
            _startMs = _clock.MonotonicMs;
            Heartbeat = new Heartbeat(_startMs);
            HideSecrets(boot.Settings);
            _outboxes = new OutboxShelf(ports.Files, options.Outbox, _log);
            _diagnostics = new Diagnostics(ports, boot.Journal, _stats, _outboxes, _cloudCounters, boot.Mode);
            _facts = new FactsBuilder(firmware, ports.Network, _diagnostics);
            _indicators = new IndicatorDriver(ports.Leds, _log);
            _factoryReset = ports.Button == null ? null : new FactoryReset(ports.Button, boot.SettingsStore, new ResetButton());
            _handlers = new ICommandHandler[]
            {
                new RebootCommand(), new VersionCommand(this), new RegsReadCommand(this), new RegsWriteCommand(this), new DiagnosticsCommand(_diagnostics),
            };
            if (boot.Mode == RunMode.Normal)
            {
                map = StartPolling(map);
            }

            if (boot.Mode != RunMode.Provisioning)
            {
                BuildCloud(map == null ? new string[1] : map.Endpoints);
            }

            _nextMetadataMs = _startMs + options.MetadataIntervalMs;
        }

        public RunMode Mode => _boot.Mode;

        /// <summary>Read by the supervisor's thread.</summary>
        public Heartbeat Heartbeat { get; }

        public LoopStats Stats => _stats;

        public Diagnostics Diagnostics => _diagnostics;

        /// <summary>The cloud side; null in provisioning mode.</summary>
        public CloudStack Cloud => _cloud;

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
                Fault(e);
            }
        }

        /// <summary>One iteration; false once the loop has restarted (or was asked to stop).</summary>
        public bool RunOnce()
        {
            if (!Running)
            {
                // Stopped between iterations: the link still says goodbye.
                CloseCloud();
                return false;
            }

            long start = _clock.MonotonicMs;
            Heartbeat.Beat("start", start);
            _stats.Iterations++;
            NoteClock(start);
            if (_engine != null && start >= _nextCycleMs)
            {
                Heartbeat.Beat("poll", start);
                Cycle();
            }

            if (_cloud != null)
            {
                Heartbeat.Beat("cloud", _clock.MonotonicMs);
                _cloud.Tick();
                NoteCloudError();
            }

            DeferredWork(start);
            Heartbeat.Beat("indicators", _clock.MonotonicMs);
            PollButton();
            ShowIndicators();
            Prove();
            if (TakeRestart())
            {
                return false;
            }

            Idle(start);
            return true;
        }

        /// <summary>Work that waits for an iteration with time to spare (RuntimeOptions.IterationBudgetMs).</summary>
        private void DeferredWork(long start)
        {
            IUpdater updater = _ports.Updater;
            if (updater != null && updater.RebootRequested)
            {
                RequestRestart(ResetReason.Update, "update staged or rolled back");
            }

            if (updater != null && WithinBudget(start))
            {
                // One signature check can take many seconds on the device (docs/ota.md, "Cost on the device").
                Heartbeat.Beat("ota", _clock.MonotonicMs, updater.LongestStepMs);
                updater.Step();
            }

            long now = _clock.MonotonicMs;
            if (_cloud != null && _cloud.Online && now >= _nextMetadataMs && WithinBudget(start))
            {
                Heartbeat.Beat("metadata", now);
                _cloud.PublishMetadata();
                _nextMetadataMs = now + _options.MetadataIntervalMs;
            }
        }

        private bool WithinBudget(long start)
        {
            return _clock.MonotonicMs - start < _options.IterationBudgetMs;
        }

        /// <summary>Records the iteration's cost, then sleeps until the next tick or the next cycle, whichever is first.</summary>
        private void Idle(long start)
        {
            long now = _clock.MonotonicMs;
            long used = now - start;
            if (used > _stats.LongestIterationMs)
            {
                _stats.LongestIterationMs = used;
            }

            if (used > _options.IterationBudgetMs)
            {
                _stats.OverBudget++;
            }

            long wait = _options.TickMs - used;
            if (_engine != null && _nextCycleMs - now < wait)
            {
                wait = _nextCycleMs - now;
            }

            if (wait > 0)
            {
                Heartbeat.Beat("idle", now);
                _clock.Sleep((int)wait);
            }
        }

        private void HideSecrets(DeviceSettings settings)
        {
            _log.AddSecret(settings.WifiKey);
            _log.AddSecret(settings.MqttPassword);
            _log.AddSecret(settings.KaaToken);
        }

        private void BuildCloud(string[] endpoints)
        {
            Outbox[] outboxes = _outboxes.For(endpoints);
            uint seed = JitterSeed();
            _cloud = new CloudStack(_boot.Settings, endpoints, outboxes, _handlers, _ports, this, _options, _cloudCounters, seed);
        }

        /// <summary>Loggers of one fleet must not reconnect in step after a broker outage: the MAC and the boot seed the jitter.</summary>
        private uint JitterSeed()
        {
            byte[] mac = _ports.Network.Mac;
            uint seed = Crc32.Compute(mac, 0, mac.Length) ^ _boot.Journal.Boots;
            return seed == 0 ? 1 : seed;
        }
    }
}
