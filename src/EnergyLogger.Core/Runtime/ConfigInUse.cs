using System;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The configuration the logger runs: its id, the register map the poll engine uses, and how a new one from the
    /// cloud takes over (docs/runtime.md, "Configuration without a reboot"). The map and intervals of a validated,
    /// stored config take over at the next cycle boundary, which comes forward to the next iteration, so no reboot is
    /// needed; a config that failed validation never gets here (RELIABILITY C6). Without polling (safe mode) a config is
    /// only stored, for the next normal boot.
    /// </summary>
    public sealed class ConfigInUse : IConfigTarget, IRegisterAccess
    {
        private readonly MapSlot _maps;
        private readonly PollSchedule _schedule;
        private readonly PollOptions _poll;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly RunMode _mode;
        private Schedule _cloudSchedule;
        private RegisterMap _scheduleMap;
        private CloudConfig _current;
        private LocalSwitch _local;
        private PageSwitch _page;
        private InfluxUplink _influx;
        private InfluxEndpoint _influxFallback;

        /// <summary>Nothing is polled (safe mode, provisioning).</summary>
        /// <param name="map">The map on flash: its endpoints are the cloud's, though it is not polled.</param>
        public ConfigInUse(RegisterMap map, RunMode mode, Log log)
        {
            BootMap = map;
            _mode = mode;
            _log = log;
        }

        /// <summary>
        /// Normal mode. The map of the last config the cloud sent, if one is stored and still passes validation
        /// (RELIABILITY C6, S1), wins over <paramref name="fallback"/>, the map on flash: it is what the fleet operator chose last.
        /// </summary>
        public ConfigInUse(RegisterMap fallback, RuntimePorts ports, RuntimeOptions options, PollSchedule schedule)
        {
            if (ports.Buses == null || ports.Buses.Length == 0)
            {
                throw new ArgumentException("normal mode needs at least one bus", "ports");
            }

            _mode = RunMode.Normal;
            _log = ports.Log;
            _clock = ports.Clock;
            _poll = options.Poll;
            _schedule = schedule;
            CloudConfig stored = new ConfigStore(ports.Files).Load(ConfigApplier.Limits);
            RegisterMap map = fallback;
            if (stored != null)
            {
                map = stored.Map;
                ConfigId = stored.Id;
                _current = stored;
                HideSecrets(stored);
                TakeSchedule(stored);
                TakeIntervals(stored);
                _log.Write(LogLevel.Info, "config", "stored config in use", "id", stored.Id, "map", map.Name);
            }
            else if (map == null)
            {
                _log.Write(LogLevel.Warn, "config", "no register map yet; waiting for a config from the cloud");
            }

            BootMap = map;
            _maps = new MapSlot(map);
            Engine = new PollEngine(_maps, ports.Buses, _clock, _poll) { Files = ports.Files };
            schedule.DueAt(_clock.MonotonicMs);
        }

        public string ConfigId { get; private set; }

        /// <summary>
        /// The schedule of the config in use, run from the logger's clock (<see cref="ScheduleRunner"/>); null for none, and null
        /// until the map it was checked against has taken over at a cycle boundary, so that its writes meet that map.
        /// </summary>
        public Schedule Schedule => Engine != null && _scheduleMap != null && Engine.Map == _scheduleMap ? _cloudSchedule : null;

        /// <summary>The map this boot started with (null for none yet); the cloud starts with its endpoints.</summary>
        public RegisterMap BootMap { get; }

        /// <summary>The poll engine; null unless the boot runs in normal mode.</summary>
        public PollEngine Engine { get; }

        public RegisterMap Map => Engine == null ? null : Engine.Map;

        /// <summary>
        /// The local MODBUS TCP server's switch: the config in use, and every config that takes over, may turn it on or off
        /// or move it; a config that does not say leaves it to the settings. Set once by the main loop.
        /// </summary>
        public LocalSwitch LocalServer
        {
            get
            {
                return _local;
            }

            set
            {
                _local = value;
                FollowLocal();
            }
        }

        /// <summary>
        /// The InfluxDB writer, which every config that takes over points at its destination; set once by the main loop,
        /// null when nothing is polled.
        /// </summary>
        public InfluxUplink Influx
        {
            get
            {
                return _influx;
            }

            set
            {
                _influx = value;
            }
        }

        /// <summary>
        /// The InfluxDB destination to start with: the config in use names it, else <paramref name="fallback"/> (the
        /// host's config file, else the settings <c>influx.*</c>), which a later config without an <c>influx</c> member
        /// goes back to. Null for none.
        /// </summary>
        public InfluxEndpoint InfluxAtStart(InfluxEndpoint fallback)
        {
            _influxFallback = fallback;
            return InfluxOf(_current);
        }

        /// <summary>
        /// The status page's switch: the config in use, and every config that takes over, turns the page on or off; a
        /// config that does not say leaves it to the setting local.http. Set once by the main loop.
        /// </summary>
        public PageSwitch StatusPage
        {
            get
            {
                return _page;
            }

            set
            {
                _page = value;
                FollowPage();
            }
        }

        /// <summary>Remote reads and writes use the masters between cycles, so they never meet a poll on the bus.</summary>
        public ModbusMaster Bus(int slave)
        {
            return Engine == null || slave < 1 || slave > 247 ? null : Engine.BusFor((byte)slave);
        }

        public void ApplyConfig(CloudConfig config)
        {
            ConfigId = config.Id;
            if (Engine == null)
            {
                _log.Write(LogLevel.Info, "config", "stored; used after the next restart", "id", config.Id, "mode", RunModes.Text(_mode));
                return;
            }

            _maps.Offer(config.Map);
            _current = config;
            HideSecrets(config);
            FollowLocal();
            FollowPage();
            FollowInflux(config);
            TakeSchedule(config);
            TakeIntervals(config);
            _schedule.DueAt(_clock.MonotonicMs);
            _log.Write(LogLevel.Info, "config", "applied; takes over at the next cycle", new[]
            {
                "id", config.Id, "map", config.Map.Name, "fast_ms", _poll.FastIntervalMs.ToString(),
                "normal_ms", _poll.NormalIntervalMs.ToString(), "slow_ms", _poll.SlowIntervalMs.ToString(),
            });
        }

        private void FollowLocal()
        {
            if (_local == null)
            {
                return;
            }

            bool changed = _current == null ? _local.Follow(-1, 0, 0) : _local.Follow(_current.LocalModbus, _current.LocalModbusPort, _current.LocalModbusUnit, _current.LocalGateway);
            if (changed)
            {
                _log.Write(LogLevel.Info, "local", "modbus tcp server switched by the config", new[]
                {
                    "on", _local.On ? "yes" : "no", "port", _local.Port.ToString(), "unit", _local.Unit.ToString(), "gateway", _local.Gateway ? "on" : "off",
                });
            }
        }

        private void FollowPage()
        {
            if (_page != null && _page.Follow(_current == null ? -1 : _current.LocalHttp))
            {
                _log.Write(LogLevel.Info, "local", "status page switched by the config", "on", _page.On ? "yes" : "no");
            }
        }

        /// <summary>
        /// A new destination takes over at the writer's next post, with the backlog, so none of it is lost; the first one
        /// named opens the writer's outbox. A config that takes the destination away (and no fallback) holds the samples on flash.
        /// </summary>
        private void FollowInflux(CloudConfig config)
        {
            if (_influx == null)
            {
                return;
            }

            InfluxEndpoint next = InfluxOf(config);
            InfluxEndpoint now = _influx.Endpoint;
            if (next == null ? now != null : !next.SameAs(now))
            {
                _influx.Endpoint = next;
                string change = next == null ? "no destination; samples kept" : now == null ? "destination named by the config" : "destination switched by the config";
                _log.Write(LogLevel.Info, "influx", change, "id", config.Id);
            }
        }

        private InfluxEndpoint InfluxOf(CloudConfig config)
        {
            return config == null || config.Influx == null ? _influxFallback : InfluxEndpoint.FromSettings(config.Influx);
        }

        /// <summary>The config's InfluxDB password and token never reach the log, as the settings' do not.</summary>
        private void HideSecrets(CloudConfig config)
        {
            if (config.Influx != null)
            {
                _log.AddSecret(config.Influx.InfluxPassword);
                _log.AddSecret(config.Influx.InfluxToken);
            }
        }

        private void TakeSchedule(CloudConfig config)
        {
            _cloudSchedule = config.Schedule;
            _scheduleMap = config.Map;
        }

        /// <summary>Intervals of a config; 0 keeps the current one. The engine reads them when a class starts a round.</summary>
        private void TakeIntervals(CloudConfig config)
        {
            _poll.FastIntervalMs = config.FastIntervalMs > 0 ? config.FastIntervalMs : _poll.FastIntervalMs;
            _poll.NormalIntervalMs = config.NormalIntervalMs > 0 ? config.NormalIntervalMs : _poll.NormalIntervalMs;
            _poll.SlowIntervalMs = config.SlowIntervalMs > 0 ? config.SlowIntervalMs : _poll.SlowIntervalMs;
        }
    }
}
