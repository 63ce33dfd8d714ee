using System;

namespace EnergyLogger.Core.Ports
{
    /// <summary>Time for Core: a monotonic millisecond counter, wall time, and a blocking delay.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long MonotonicMs { get; }

        /// <summary>Wall time in UTC. Meaningful only when <see cref="WallClockSynced"/> is true.</summary>
        DateTime UtcNow { get; }

        /// <summary>True once the wall clock has been set from SNTP or another trusted source.</summary>
        bool WallClockSynced { get; }

        /// <summary>Blocks the caller for at least <paramref name="milliseconds"/>.</summary>
        void Sleep(int milliseconds);
    }
}
