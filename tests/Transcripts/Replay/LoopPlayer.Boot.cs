// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;

// Core has a map-side SerialParity as well; the line is set from the installer's settings.
using SerialParity = EnergyLogger.Core.Provisioning.SerialParity;

namespace EnergyLogger.Transcripts
{
    /// <summary>A power-on, wired as src/EnergyLogger.Device wires the board (Program.cs, DeviceWiring.cs).</summary>
    public sealed partial class LoopPlayer
    {

        /// <summary>The downloader's wait for a response and for each read (DeviceWiring.DownloadTimeoutMs).</summary>
        public const int DownloadTimeoutMs = 20000;

        private const string Build = "transcript";

        private MainLoop _loop;
        private BootContext _boot;
        private Supervisor _supervisor;
        private RuntimeOptions _options = new RuntimeOptions();

        private void Boot()
        {
            if (_loop != null)
            {
                throw new InvalidOperationException("boot: the logger is still running; end the run with power-cut or a reboot first");
            }

            _clock.Restart();
            _out.Restart();
            _link.Reset();
            _mqtt.Reset();
            _http.Close();
            _session = null;
            _gate = null;
            _watchdog.Feeds = 0;
            _feed.World("boot");
            _options = Options();
            var log = new Log(new TranscriptLog(_out), _clock);

            // The loader runs first at every power-on and decides which image starts (docs/ota.md, "The loader").
            ImageSlot booted = _ota ? new FileImageSlots(_files, _trialBoots).Boot() : ImageSlot.Factory;
            _boot = BootContext.Read(_files, _options, log);
            _network.State = _boot.Mode == RunMode.Provisioning ? NetworkState.AccessPoint : NetworkState.Connected;
            string version = _factoryVersion;
            IUpdater updater = _ota ? Updater(booted, log, out version) : null;
            var ports = new RuntimePorts
            {
                Clock = _clock,
                Files = _files,
                Mqtt = _mqtt,
                Network = _network,
                Reboot = _reboot,
                Log = log,
                Buses = _boot.Mode == RunMode.Normal ? new[] { Bus(_boot.Settings) } : null,
                Leds = _panel,
                Button = _panel,
                Memory = _panel,
                Updater = updater,

                // No AccessPoint: the soft-AP is not among the transcripts' ports, so the loop has no window and no
                // start_ap or stop_ap (tested in AccessPointWindowTests and over sockets in the integration suite).
            };
            _loop = new MainLoop(_boot, StoredMap.Load(_files, _boot.Mode, log), ports, new FirmwareIdentity(version, Build), _options);
            // The external watchdog chip is there when the installer named its pin (DeviceWiring.Watchdog).
            IWatchdog watchdog = _boot.Settings.WatchdogGpio >= 0 ? _watchdog : null;
            _supervisor = new Supervisor(_loop.Heartbeat, _clock, watchdog, _boot.Journal, _reboot, log, _options);
        }

        /// <summary>The application's own slots (the loader's decision taken) and the updater over them.</summary>
        private IUpdater Updater(ImageSlot booted, Log log, out string version)
        {
            var slots = new FileImageSlots(_files, _trialBoots, booted);
            UpdateManifest manifest = booted == ImageSlot.Factory ? null : StoredManifest.Read(slots, booted);
            version = manifest == null ? _factoryVersion : manifest.Version.Text;
            var options = new UpdateOptions
            {
                PublicKey = TranscriptCodec.FromHex(OtaKey.PublicPoint),
                Target = _target,
                RunningVersion = SemanticVersion.Parse(version),
                RetryDelayMs = _retryMs,
                HealthCheckMs = _healthMs,
            };
            return new OtaUpdater(slots, _http, DownloadTimeoutMs, _clock, options, log);
        }

        /// <summary>The RS-485 line as the installer set it.</summary>
        private ModbusMaster Bus(DeviceSettings settings)
        {
            var options = new MasterOptions
            {
                BaudRate = settings.SerialBaud,
                BitsPerChar = RtuTiming.BitsPerChar(settings.Parity != SerialParity.None, settings.StopBits),
            };
            return new ModbusMaster(_link, _clock, new RtuFramer(), options);
        }

        /// <summary>Fresh options for every boot (the loop changes its poll intervals when a config arrives), then the script's.</summary>
        private RuntimeOptions Options()
        {
            var o = new RuntimeOptions();
            for (int i = 0; i + 1 < _optionLines.Count; i += 2)
            {
                string name = (string)_optionLines[i];
                int value = int.Parse((string)_optionLines[i + 1]);
                switch (name)
                {
                    case "poll.fastMs": o.Poll.FastIntervalMs = value; break;
                    case "poll.normalMs": o.Poll.NormalIntervalMs = value; break;
                    case "poll.slowMs": o.Poll.SlowIntervalMs = value; break;
                    case "poll.budgetMs": o.Poll.CycleBudgetMs = value; break;
                    case "loop.tickMs": o.TickMs = value; break;
                    case "loop.stallMs": o.StallMs = value; break;
                    case "loop.provenAfterMs": o.ProvenAfterMs = value; break;
                    case "loop.metadataMs": o.MetadataIntervalMs = value; break;
                    case "outbox.segmentBytes": o.Outbox.SegmentBytes = value; break;
                    case "outbox.maxSegments": o.Outbox.MaxSegments = value; break;
                    case "outbox.maxBatchBytes": o.Outbox.MaxBatchBytes = value; break;
                    case "cloud.replyTimeoutMs": o.Cloud.ReplyTimeoutMs = value; break;
                    case "cloud.backoffBaseMs": o.Cloud.BackoffBaseMs = value; break;
                    default: throw new ArgumentException("no option " + name);
                }
            }

            return o;
        }
    }
}
