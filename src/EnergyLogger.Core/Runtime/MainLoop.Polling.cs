using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Runtime
{
    public sealed partial class MainLoop
    {
        private MapSlot _maps;
        private PollEngine _engine;
        private JsonWriter _json;
        private long _nextCycleMs;
        private string _configId;

        /// <summary>The poll engine; null unless the boot runs in normal mode.</summary>
        public PollEngine Engine => _engine;

        /// <summary>
        /// The map of the last config the cloud sent, if one is stored and still passes validation (RELIABILITY C6,
        /// S1), wins over the map on flash: it is what the fleet operator chose last.
        /// </summary>
        private RegisterMap StartPolling(RegisterMap fallback)
        {
            if (_ports.Buses == null || _ports.Buses.Length == 0)
            {
                throw new System.ArgumentException("normal mode needs at least one bus", "ports");
            }

            var store = new ConfigStore(_ports.Files);
            CloudConfig stored = store.Load(new ConfigApplier(store, this, _cloudCounters).Limits);
            RegisterMap map = fallback;
            if (stored != null)
            {
                map = stored.Map;
                _configId = stored.Id;
                TakeIntervals(stored);
                _log.Write(LogLevel.Info, "config", "stored config in use", "id", stored.Id, "map", map.Name);
            }
            else if (map == null)
            {
                _log.Write(LogLevel.Warn, "config", "no register map yet; waiting for a config from the cloud");
            }

            _maps = new MapSlot(map);
            _engine = new PollEngine(_maps, _ports.Buses, _clock, _options.Poll);
            _json = new JsonWriter(_options.Outbox.MaxRecordBytes, SampleWriter.Depth);
            _nextCycleMs = _clock.MonotonicMs;
            return map;
        }

        /// <summary>The loop starts a cycle this often; the engine reads in each the classes whose period has come.</summary>
        public int CyclePeriodMs
        {
            get
            {
                PollOptions p = _options.Poll;
                int period = 0;
                period = Shorter(period, p.FastIntervalMs);
                period = Shorter(period, p.NormalIntervalMs);
                period = Shorter(period, p.SlowIntervalMs);
                return period > 0 ? period : _options.DefaultCyclePeriodMs;
            }
        }

        private static int Shorter(int current, int interval)
        {
            return interval > 0 && (current == 0 || interval < current) ? interval : current;
        }

        private void Cycle()
        {
            long due = _nextCycleMs;
            bool ran = _engine.RunCycle();
            long now = _clock.MonotonicMs;
            long next = due + CyclePeriodMs;
            _nextCycleMs = next > now ? next : now + CyclePeriodMs;
            if (!ran)
            {
                return;
            }

            _stats.Cycles++;
            if (_engine.Stats.MapTakenOver)
            {
                OnMapTakenOver(_engine.Map);
            }

            LogUnsupported();
            PublishSamples();
            if (_ports.Updater != null)
            {
                _ports.Updater.ReportHealth(_engine.Stats.Of(ModbusStatus.Ok) > 0, _cloud.Online);
            }
        }

        private void OnMapTakenOver(RegisterMap map)
        {
            _log.Write(LogLevel.Info, "poll", "map taken over", "map", map.Name, "points", map.Points.Length.ToString());
            if (!_cloud.SameEndpoints(map.Endpoints))
            {
                // Other device endpoints: their outboxes and tokens change, so the stack is built anew. Batches in
                // flight stay in their outboxes and are sent again (at least once).
                _log.Write(LogLevel.Info, "cloud", "endpoints changed; reconnecting", "endpoints", map.Endpoints.Length.ToString());
                _cloud.Close();
                BuildCloud(map.Endpoints);
            }
        }

        private void LogUnsupported()
        {
            UnsupportedPoints unsupported = _engine.Unsupported;
            for (int i = 0; i < unsupported.Count; i++)
            {
                _log.Write(LogLevel.Warn, "poll", "point no longer read", "point", _engine.Map.Points[unsupported.Point(i)].Name,
                    "reason", ReasonText(unsupported.Reason(i)));
            }
        }

        private static string ReasonText(UnsupportedReason reason)
        {
            switch (reason)
            {
                case UnsupportedReason.IllegalAddress: return "illegal-address";
                case UnsupportedReason.TooLong: return "too-long";
                case UnsupportedReason.NeverRead: return "never-read";
                default: return "blocked";
            }
        }

        /// <summary>
        /// One sample per endpoint group into its outbox, stored before anything is sent. A sample taken before the
        /// wall clock was set carries its monotonic time and <c>synced:false</c> and is stored like any other
        /// (RELIABILITY S2). A sample that does not fit a record is counted, never silently lost.
        /// </summary>
        private void PublishSamples()
        {
            for (int g = 0; g < _engine.SampleCount; g++)
            {
                Sample sample = _engine.Sample(g);
                _stats.Samples++;
                if (!sample.ClockSynced)
                {
                    _stats.SamplesUnsynced++;
                }

                if (!SampleWriter.Write(sample, _json))
                {
                    _stats.SamplesTooLarge++;
                    _log.Write(LogLevel.Warn, "poll", "sample larger than an outbox record; not stored", "group", g.ToString());
                    continue;
                }

                AppendStatus status = _cloud.Outboxes[g].Append(_json.Buffer, 0, _json.Length);
                if (status != AppendStatus.Stored)
                {
                    _log.Write(LogLevel.Warn, "outbox", "sample not stored", "group", g.ToString(), "status", status == AppendStatus.TooLarge ? "too-large" : "store-failed");
                }

                if (g == 0)
                {
                    _cloud.PublishLatest(_json.Buffer, _json.Length);
                }
            }
        }

        /// <summary>The MODBUS LED: some slave of the map answered within the last few cycle periods.</summary>
        private bool ModbusResponding(long now)
        {
            RegisterMap map = _engine == null ? null : _engine.Map;
            long window = (long)_options.ModbusLedCycles * CyclePeriodMs;
            for (int d = 0; map != null && d < map.Devices.Length; d++)
            {
                byte slave = map.Devices[d].Slave;
                long last = _engine.BusFor(slave).Health(slave).LastReplyMs;
                if (last >= 0 && now - last <= window)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Intervals of a config; 0 keeps the current one. The fields are read by the engine when a class starts a round.</summary>
        private void TakeIntervals(CloudConfig config)
        {
            PollOptions p = _options.Poll;
            p.FastIntervalMs = config.FastIntervalMs > 0 ? config.FastIntervalMs : p.FastIntervalMs;
            p.NormalIntervalMs = config.NormalIntervalMs > 0 ? config.NormalIntervalMs : p.NormalIntervalMs;
            p.SlowIntervalMs = config.SlowIntervalMs > 0 ? config.SlowIntervalMs : p.SlowIntervalMs;
        }
    }
}
