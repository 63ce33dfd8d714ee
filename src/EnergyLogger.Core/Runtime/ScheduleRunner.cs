using System;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Runs the schedule of the config in use from the logger's own clock (docs/cloud.md, "Schedules"), with or without the
    /// cloud: every local minute that passes, the entries due in it make their <c>regs_write</c> through the command itself, so
    /// the allowlist, the limits and the verify-and-restore are the command's, and the map checked is the one in use. Nothing
    /// runs before the wall clock is synchronised. When a schedule starts (a boot, a new schedule, the clock first set, a jump
    /// of the clock) the missed entries are not replayed one by one: for each register the schedule writes, the entry that ran
    /// last, looking back up to a week, runs once, so the inverter is in the state the schedule calls for now. A local minute
    /// skipped by a spring change runs at the change; one repeated by an autumn change runs once. Each run is a result on
    /// <c>result/schedule</c>, which waits for the link.
    /// </summary>
    internal sealed class ScheduleRunner : ILoopTask
    {
        public const string ResultType = "schedule";

        /// <summary>A jump forward longer than this (a clock set, a stalled loop) starts over instead of replaying minutes; the spring change is 60.</summary>
        public const int MaxCatchUpMinutes = 120;

        /// <summary>A step back longer than the autumn change's 60 minutes is a clock correction: the schedule goes on from the new time.</summary>
        public const int MaxStepBackMinutes = 90;

        private readonly ConfigInUse _config;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly RegsWriteCommand _write;
        private readonly JsonDocument _doc = new JsonDocument();
        private readonly CommandReply _reply;
        private Schedule _schedule;
        private uint _fingerprint;
        private long _lastMinute = -1;
        private long _lastUtcMinute = -1;

        public ScheduleRunner(ConfigInUse config, IClock clock, Log log, RuntimeOptions options)
        {
            _config = config;
            _clock = clock;
            _log = log;
            _write = new RegsWriteCommand(config);
            _reply = new CommandReply(options.CommandReplyBytes);
        }

        /// <summary>Where the runs are reported; set once the cloud side is built.</summary>
        public CloudStack Cloud { get; set; }

        public int Runs { get; private set; }

        /// <summary>Runs whose write did not succeed (refused, bus error, read-back mismatch).</summary>
        public int Failures { get; private set; }

        public int Entries => _schedule == null ? 0 : _schedule.Entries.Length;

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            Adopt(_config.Schedule);
            if (_schedule == null || !_clock.WallClockSynced)
            {
                return;
            }

            long utc = (_clock.UtcNow.Ticks - new DateTime(1970, 1, 1).Ticks) / TimeSpan.TicksPerSecond;
            if (utc / 60 == _lastUtcMinute && _lastMinute >= 0)
            {
                // Nothing can be due before the next minute; the zone's calendar arithmetic is spared the other ticks.
                return;
            }

            _lastUtcMinute = utc / 60;
            long now = _schedule.Zone.LocalMinute(utc);
            if (_lastMinute >= 0 && now <= _lastMinute)
            {
                // The autumn change repeats an hour: what ran in it does not run again. A longer step back is a correction.
                _lastMinute = _lastMinute - now > MaxStepBackMinutes ? now : _lastMinute;
                return;
            }

            if (_lastMinute < 0 || now - _lastMinute > MaxCatchUpMinutes)
            {
                Restore(now, utc, heartbeat);
            }
            else
            {
                for (long minute = _lastMinute + 1; minute <= now; minute++)
                {
                    RunDue(minute, utc, heartbeat);
                }
            }

            _lastMinute = now;
        }

        /// <summary>
        /// A new schedule starts over; the same one again (a config that changed something else) goes on where it was, also
        /// across the moment its map is not yet in use.
        /// </summary>
        private void Adopt(Schedule schedule)
        {
            if (schedule == _schedule)
            {
                return;
            }

            _schedule = schedule;
            if (schedule == null || schedule.Fingerprint == _fingerprint)
            {
                return;
            }

            _fingerprint = schedule.Fingerprint;
            _lastMinute = -1;
            _log.Write(LogLevel.Info, "schedule", "in use", "entries", schedule.Entries.Length.ToString());
        }

        private void RunDue(long minute, long utc, Heartbeat heartbeat)
        {
            ScheduleEntry[] entries = _schedule.Entries;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].RunsAt(minute))
                {
                    Run(entries[i], minute, utc, false, heartbeat);
                }
            }
        }

        /// <summary>For each register the schedule writes, the entry that ran last, once, oldest first.</summary>
        private void Restore(long now, long utc, Heartbeat heartbeat)
        {
            ScheduleEntry[] entries = _schedule.Entries;
            var last = new long[entries.Length];
            for (int i = 0; i < entries.Length; i++)
            {
                last[i] = entries[i].LastRunAtOrBefore(now);
            }

            // An entry is dropped when a later one (or a later-listed one at the same minute) writes the same registers.
            for (int i = 0; i < entries.Length; i++)
            {
                for (int j = 0; j < entries.Length && last[i] >= 0; j++)
                {
                    if (j != i && last[j] >= 0 && entries[j].Unit == entries[i].Unit && entries[j].Address == entries[i].Address
                        && (last[j] > last[i] || (last[j] == last[i] && j > i)))
                    {
                        last[i] = -1;
                    }
                }
            }

            while (true)
            {
                int next = -1;
                for (int i = 0; i < entries.Length; i++)
                {
                    if (last[i] >= 0 && (next < 0 || last[i] < last[next]))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    return;
                }

                Run(entries[next], last[next], utc, true, heartbeat);
                last[next] = -1;
            }
        }

        /// <param name="due">The local minute the entry was due in.</param>
        /// <param name="restore">Run to restore the state the schedule calls for, not in its own minute.</param>
        private void Run(ScheduleEntry entry, long due, long utc, bool restore, Heartbeat heartbeat)
        {
            heartbeat.Beat("schedule", _clock.MonotonicMs);

            // The id is the run's UTC minute in Unix seconds plus the entry's place, unique per run and readable as a time.
            // The action passed the config's validation under the config's limits, so it parses again under them.
            _reply.Start((utc / 60 * 60) + entry.Index);
            _doc.Parse(entry.Action, 0, entry.Action.Length, ConfigApplier.Limits);
            _write.Execute(_doc, JsonDocument.Root, _reply);

            int status = _reply.Status;
            JsonWriter w = _reply.Writer;
            w.Name("entry");
            w.String(entry.Name);
            w.Name("due");
            w.String(CivilTime.MinuteText(due));
            w.Name("restore");
            w.Bool(restore);
            if (!_reply.End())
            {
                _reply.Start(_reply.Id);
                _reply.Fail(500, "result too large");
                _reply.End();
            }

            Runs++;
            Failures += status == 200 ? 0 : 1;
            _log.Write(status == 200 ? LogLevel.Info : LogLevel.Warn, "schedule", restore ? "restored" : "ran", new[]
            {
                "entry", entry.Name, "due", CivilTime.MinuteText(due), "status", status.ToString(), "reason", _reply.Reason,
            });
            if (Cloud != null)
            {
                Cloud.Report(ResultType, _reply.ToArray());
            }
        }
    }
}
