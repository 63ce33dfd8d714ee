using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Indicators
{
    /// <summary>
    /// Drives the six LEDs from an <see cref="IndicatorState"/>. The main loop calls
    /// <see cref="Refresh"/> often (every 50 to 125 ms keeps the 4 Hz blink even); only LEDs whose
    /// level changes are written, so the GPIO cost is a few writes per second.
    /// </summary>
    public sealed class IndicatorPanel
    {
        public const int LedCount = 6;

        private readonly ILeds _leds;
        private readonly bool[] _lit = new bool[LedCount];
        private bool _written;

        public IndicatorPanel(ILeds leds)
        {
            _leds = leds;
        }

        public void Refresh(IndicatorState state, long nowMs)
        {
            for (int i = 0; i < LedCount; i++)
            {
                bool lit = LedTiming.IsLit(LedPatterns.For((Led)i, state), nowMs);
                if (!_written || lit != _lit[i])
                {
                    _leds.Set((Led)i, lit);
                    _lit[i] = lit;
                }
            }

            _written = true;
        }
    }
}
