using System;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Notes when the wall clock is first seen set, the anchor that lets the cloud re-stamp the samples this boot took
    /// before (RELIABILITY S2).
    /// </summary>
    internal sealed class ClockWatch : ILoopTask
    {
        private readonly IClock _clock;
        private readonly LoopStats _stats;
        private readonly MetadataRefresh _metadata;
        private readonly Log _log;

        /// <param name="metadata">The metadata refresh, or null when there is no cloud.</param>
        public ClockWatch(IClock clock, LoopStats stats, MetadataRefresh metadata, Log log)
        {
            _clock = clock;
            _stats = stats;
            _metadata = metadata;
            _log = log;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_stats.SyncedAtMonoMs >= 0 || !_clock.WallClockSynced)
            {
                return;
            }

            _stats.SyncedAtMonoMs = startMs;
            // DateTime's range differs between the runtimes (it starts at 1601 on nanoFramework): the epoch is computed
            // here rather than kept as a tick constant, and not in a static field (static constructors run eagerly there).
            _stats.SyncedAtUnixMs = (_clock.UtcNow.Ticks - new DateTime(1970, 1, 1).Ticks) / TimeSpan.TicksPerMillisecond;
            if (_stats.SamplesUnsynced > 0 && _metadata != null)
            {
                // The anchor is what re-stamps those samples: it goes out now, not at the next hourly refresh.
                _metadata.DueAt(startMs);
            }

            _log.Write(LogLevel.Info, "clock", "wall clock synced", "mono", startMs.ToString(), "unsynced_samples", _stats.SamplesUnsynced.ToString());
        }
    }
}
