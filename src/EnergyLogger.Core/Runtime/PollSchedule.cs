namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// When the next poll cycle is due. Cycles start every cycle period, the shortest of the poll intervals (the engine
    /// reads each class only when its own period has come); the next cycle is due one period after the last was due,
    /// so cycles do not drift.
    /// </summary>
    public sealed class PollSchedule
    {
        private readonly RuntimeOptions _options;

        public PollSchedule(RuntimeOptions options)
        {
            _options = options;
        }

        public long NextMs { get; private set; }

        /// <summary>The loop starts a cycle this often; a config's intervals change it at once.</summary>
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

        /// <summary>The next cycle is due at once: at the start, and when a new config takes over.</summary>
        public void DueAt(long nowMs)
        {
            NextMs = nowMs;
        }

        /// <summary>The cycle that was due ended at <paramref name="nowMs"/>; one that overran its period is not made up for.</summary>
        public void Ran(long nowMs)
        {
            long next = NextMs + CyclePeriodMs;
            NextMs = next > nowMs ? next : nowMs + CyclePeriodMs;
        }

        private static int Shorter(int current, int interval)
        {
            return interval > 0 && (current == 0 || interval < current) ? interval : current;
        }
    }
}
