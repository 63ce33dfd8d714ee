using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
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

            LogUnsupported();
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
            if (Influx != null && Influx.Outbox.Append(sample) != AppendStatus.Stored)
            {
                _log.Write(LogLevel.Warn, "influx", "sample not stored");
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
