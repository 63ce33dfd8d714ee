namespace EnergyLogger.Core.Indicators
{
    /// <summary>How an LED is lit over time.</summary>
    public enum LedPattern
    {
        Off,
        On,
        /// <summary>1 Hz, half on: something is in progress.</summary>
        SlowBlink,
        /// <summary>1 Hz, in the half <see cref="SlowBlink"/> is off, so two LEDs alternate.</summary>
        SlowBlinkAlternate,
        /// <summary>4 Hz, half on: an OTA download, or a reset about to happen.</summary>
        FastBlink,
    }

    /// <summary>Whether a pattern is lit at a moment: a pure function of the monotonic time.</summary>
    public static class LedTiming
    {
        public const int SlowPeriodMs = 1000;
        public const int FastPeriodMs = 250;

        public static bool IsLit(LedPattern pattern, long nowMs)
        {
            switch (pattern)
            {
                case LedPattern.On:
                    return true;
                case LedPattern.SlowBlink:
                    return nowMs % SlowPeriodMs < SlowPeriodMs / 2;
                case LedPattern.SlowBlinkAlternate:
                    return nowMs % SlowPeriodMs >= SlowPeriodMs / 2;
                case LedPattern.FastBlink:
                    return nowMs % FastPeriodMs < FastPeriodMs / 2;
                default:
                    return false;
            }
        }
    }
}
