using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The poll cycle when one is due: the engine reads, decodes and maps, the cycle's samples are numbered, and each
    /// endpoint's sample is stored in its outbox before anything is sent. A map taken over with other endpoints brings the cloud's along; during an
    /// update's trial the updater hears whether a slave answered.
    /// </summary>
    internal sealed class Polling : ILoopTask
    {
        private readonly PollEngine _engine;
        private readonly PollSchedule _schedule;
        private readonly CloudStack _cloud;
        private readonly IUpdater _updater;
        private readonly LoopStats _stats;
        private readonly IClock _clock;

        // Per device of the map in use: the expected-register point its layout last failed on, or -1.
        private int[] _layouts;
        private int _mismatchCycles;
        private RegisterMap _layoutsMap;
        private readonly Log _log;
        private readonly int _ledCycles;
        private readonly JsonWriter _json;
        private readonly BootJournal _journal;
        private readonly ISampleTap _tap;
        private SampleSequence _sequence;

        /// <summary>The local MODBUS TCP server's registers, or null when the server is off.</summary>
        public RegisterImage Local { get; set; }

        /// <summary>The local status page's board, which shows each cycle's first sample; null when the page is off.</summary>
        public StatusBoard Status { get; set; }

        /// <summary>The InfluxDB writer, whose outbox takes each cycle's first sample too; null for none.</summary>
        public InfluxUplink Influx { get; set; }

        /// <summary>
        /// Cycles in a row with a layout other than the map's before a SunSpec site is drafted again, and cycles between two
        /// walks of a site whose devices could not be walked.
        /// </summary>
        public const int RediscoverAfterCycles = 3;

        // The cycle count at which a site that could not be walked is walked again, and the last reason it could not.
        private long _nextWalkCycle;
        private string _walkProblem;

        /// <param name="updater">The OTA updater, or null when this build has none.</param>
        /// <param name="journal">The boot journal whose boot count is the epoch of the samples' sequence numbers.</param>
        /// <param name="tap">Sees every stored sample, or null.</param>
        public Polling(PollEngine engine, PollSchedule schedule, CloudStack cloud, IUpdater updater, LoopStats stats, IClock clock, Log log,
            RuntimeOptions options, BootJournal journal, ISampleTap tap)
        {
            _tap = tap;
            _journal = journal;
            _sequence = new SampleSequence(journal.Boots);
            _engine = engine;
            _schedule = schedule;
            _cloud = cloud;
            _updater = updater;
            _stats = stats;
            _clock = clock;
            _log = log;
            _ledCycles = options.ModbusLedCycles;
            _json = new JsonWriter(options.Outbox.MaxRecordBytes, SampleWriter.Depth);
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (startMs < _schedule.NextMs)
            {
                return;
            }

            heartbeat.Beat("poll", startMs);
            bool ran = _engine.RunCycle();
            _schedule.Ran(_clock.MonotonicMs);
            if (!ran)
            {
                return;
            }

            _stats.Cycles++;
            if (_engine.Stats.MapTakenOver)
            {
                RegisterMap map = _engine.Map;
                _log.Write(LogLevel.Info, "poll", "map taken over", "map", map.Name, "points", map.Points.Length.ToString());
                _cloud.Follow(map.Endpoints);
            }

            if (_engine.Map.AwaitsWalk)
            {
                // A SunSpec site has nothing to read until its devices' chains are walked: no sample, no layout to watch.
                if (_stats.Cycles >= _nextWalkCycle)
                {
                    DraftSite(_engine.Map);
                }

                return;
            }

            LogUnsupported();
            WatchLayouts();
            StoreSamples();
            if (Local != null && _engine.SampleCount > 0)
            {
                // After the outbox has it: the local server serves what the cloud will get, with the same sequence number.
                Local.Publish(_engine.Sample(0));
            }
            if (_updater != null)
            {
                _updater.ReportHealth(_engine.Stats.Of(ModbusStatus.Ok) > 0, _cloud.Online);
            }
        }

        /// <summary>The MODBUS LED: some slave of the map answered within the last few cycle periods.</summary>
        public bool ModbusResponding(long nowMs)
        {
            RegisterMap map = _engine.Map;
            long window = (long)_ledCycles * _schedule.CyclePeriodMs;
            for (int d = 0; map != null && d < map.Devices.Length; d++)
            {
                byte slave = map.Devices[d].Slave;
                long last = _engine.BusFor(slave).Health(slave).LastReplyMs;
                if (last >= 0 && nowMs - last <= window)
                {
                    return true;
                }
            }

            return false;
        }

        private void AppendInflux(Sample sample)
        {
            if (Influx != null)
            {
                Influx.Store(sample);
            }
        }

        /// <summary>
        /// A device whose expected registers stopped (or started again) holding what the map expects: said once per
        /// change, and kept in the diagnostics ("layout_mismatch") while it lasts, so the cloud sees why the values are invalid.
        /// </summary>
        private void WatchLayouts()
        {
            RegisterMap map = _engine.Map;
            int[] now = _engine.Values.Mismatch;
            if (_layouts == null || _layoutsMap != map)
            {
                _layouts = new int[now.Length];
                for (int d = 0; d < _layouts.Length; d++)
                {
                    _layouts[d] = -1;
                }

                _layoutsMap = map;
            }

            string text = null;
            for (int d = 0; d < now.Length; d++)
            {
                int was = _layouts[d];
                int point = now[d];
                // A cycle that could not read the expected registers says nothing new: the last verdict stands.
                if (point < 0 && !Checked(map, d))
                {
                    point = was;
                }

                if (point >= 0)
                {
                    PointDefinition p = map.Points[point];
                    string found = _engine.Values.Mismatch[d] >= 0 ? _engine.Values.Raw[point].ToString() : "?";
                    text = (text == null ? string.Empty : text + ",") + map.Devices[d].Id + "@" + p.Address.ToString();
                    if (was < 0)
                    {
                        _log.Write(LogLevel.Error, "poll", "device layout is not the map's; its values are invalid",
                            new[] { "device", map.Devices[d].Id, "address", p.Address.ToString(), "expected", p.Expected.ToString(), "found", found });
                    }
                }
                else if (was >= 0)
                {
                    _log.Write(LogLevel.Info, "poll", "device layout is the map's again", "device", map.Devices[d].Id);
                }

                _layouts[d] = point;
            }

            _stats.LayoutMismatch = text;
            _mismatchCycles = text == null ? 0 : _mismatchCycles + 1;
            if (map.SunSpecSite != null && _mismatchCycles >= RediscoverAfterCycles)
            {
                _mismatchCycles = 0;
                DraftSite(map);
            }
        }

        /// <summary>
        /// A SunSpec site's devices walked (again) on their buses and the map drafted from their chains offered, to take over
        /// at the next cycle boundary. A site that cannot be walked now is walked again a few cycles later; the map in use
        /// stays meanwhile.
        /// </summary>
        private void DraftSite(RegisterMap map)
        {
            var buses = new ModbusMaster[map.Devices.Length];
            for (int d = 0; d < buses.Length; d++)
            {
                buses[d] = _engine.BusFor(map.Devices[d].Slave);
            }

            string chains, problem;
            RegisterMap drafted = SunSpecSite.Draft(map, buses, out chains, out problem);
            if (drafted == null)
            {
                _nextWalkCycle = _stats.Cycles + RediscoverAfterCycles;
                if (problem != _walkProblem)
                {
                    _log.Write(LogLevel.Warn, "poll", "the SunSpec devices could not be walked; the map stays", "reason", problem);
                }

                _walkProblem = problem;
                return;
            }

            _walkProblem = null;
            _log.Write(LogLevel.Info, "poll", "map drafted from the SunSpec devices",
                new[] { "map", drafted.Name, "points", drafted.Points.Length.ToString(), "chains", chains });
            _engine.Offer(drafted);
        }

        /// <summary>True when every expected register of the device was read good this cycle.</summary>
        private bool Checked(RegisterMap map, int device)
        {
            bool any = false;
            for (int i = 0; i < map.TelemetryCount; i++)
            {
                PointDefinition p = map.Points[i];
                if (p.HasExpected && p.Device == device)
                {
                    if (_engine.Values.Quality[i] != ValueQuality.Ok)
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
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
        /// One sample per endpoint group into its outbox, all with the cycle's sequence number, so a gap in one endpoint's
        /// numbers is a sample that was counted as not stored. A sample taken before the wall clock was set carries its
        /// monotonic time and <c>synced:false</c> and is stored like any other (RELIABILITY S2). A sample that does not
        /// fit a record is counted, never silently lost.
        /// </summary>
        private void StoreSamples()
        {
            if (_sequence.Exhausted)
            {
                _sequence = new SampleSequence(_journal.NewEpoch());
            }

            _journal.KeepEpoch();

            long seq = _sequence.Next();
            for (int g = 0; g < _engine.SampleCount; g++)
            {
                Sample sample = _engine.Sample(g);
                sample.Sequence = seq;
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

                AppendStatus status = _cloud.Outboxes[g].Append(sample);
                if (status != AppendStatus.Stored)
                {
                    _log.Write(LogLevel.Warn, "outbox", "sample not stored", "group", g.ToString(), "status", status == AppendStatus.TooLarge ? "too-large" : "store-failed");
                }

                if (_tap != null)
                {
                    _tap.Take(g, _json.Buffer, _json.Length);
                }

                if (g == 0)
                {
                    _cloud.PublishLatest(_json.Buffer, _json.Length);
                    AppendInflux(sample);
                    if (Status != null)
                    {
                        Status.PublishSample(_json.Buffer, _json.Length);
                    }
                }
            }
        }
    }
}
