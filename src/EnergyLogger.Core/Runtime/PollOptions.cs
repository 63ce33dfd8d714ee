using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// How often each poll class is read and how long one cycle may hold the bus. The map says which class a
    /// point belongs to; the logger's configuration says what the classes mean in time.
    /// </summary>
    public sealed class PollOptions
    {
        /// <summary>Returned by <see cref="IntervalMs"/> for <see cref="PollClass.Once"/>: it has no period.</summary>
        public const int NoInterval = -1;

        /// <summary>Power flows, state: what a dashboard shows live. The main loop usually runs a cycle this often.</summary>
        public int FastIntervalMs = 5000;

        public int NormalIntervalMs = 30000;

        /// <summary>Energy counters and settings, which change slowly.</summary>
        public int SlowIntervalMs = 300000;

        /// <summary>
        /// The longest a cycle may keep the buses busy: no request starts that could not end by then, so a
        /// silent slave cannot stretch the loop (RELIABILITY M4). 0 lifts the limit.
        /// </summary>
        public int CycleBudgetMs = 4000;

        /// <summary>The period of a class in milliseconds; 0 or less means every cycle.</summary>
        public int IntervalMs(PollClass poll)
        {
            switch (poll)
            {
                case PollClass.Fast: return FastIntervalMs;
                case PollClass.Normal: return NormalIntervalMs;
                case PollClass.Slow: return SlowIntervalMs;
                default: return NoInterval;
            }
        }
    }
}
