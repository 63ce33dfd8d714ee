// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// Virtual time that moves only when the logger sleeps or waits on a port, so every run of a transcript sees
    /// the same times. The monotonic clock starts again at every boot (as the board's uptime does); the wall
    /// clock goes on from 2025-01-01 00:00 UTC over all boots.
    /// </summary>
    public sealed class TranscriptClock : IClock
    {
        /// <summary>Far from zero, so the first request owes no inter-frame silence to "time 0".</summary>
        public const long BootMs = 1000000;

        private long _totalMs;

        public TranscriptClock()
        {
            MonotonicMs = BootMs;
            WallClockSynced = true;
        }

        public long MonotonicMs { get; private set; }

        /// <summary>What the transcript's <c>clock</c> lines say: milliseconds since the boot.</summary>
        public long SinceBootMs => MonotonicMs - BootMs;

        // Built on each call, not kept in a static field: nanoCLR runs static constructors eagerly (docs/architecture.md).
        public DateTime UtcNow => new DateTime(2025, 1, 1, 0, 0, 0).AddTicks(_totalMs * TimeSpan.TicksPerMillisecond);

        public bool WallClockSynced { get; set; }

        public void Sleep(int milliseconds)
        {
            if (milliseconds > 0)
            {
                Advance(milliseconds);
            }
        }

        public void Advance(long milliseconds)
        {
            if (milliseconds < 0)
            {
                throw new ArgumentOutOfRangeException("milliseconds", "a monotonic clock never goes back");
            }

            MonotonicMs += milliseconds;
            _totalMs += milliseconds;
        }

        public void AdvanceTo(long monotonicMs)
        {
            Advance(monotonicMs - MonotonicMs);
        }

        /// <summary>A power-on: uptime starts again, the wall clock does not.</summary>
        public void Restart()
        {
            MonotonicMs = BootMs;
        }
    }
}
