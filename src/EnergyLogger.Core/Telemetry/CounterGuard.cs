using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// Plausibility of energy counters. A lifetime counter must never go back; no counter may rise faster
    /// than the device's maximum power allows over the time since the last good reading (plus one kWh of
    /// slack for counter resolution); a daily counter may fall back only to what could have accumulated
    /// since midnight. A torn 32-bit counter jumps by 65536 counts and is caught here. After three
    /// consistent readings at a new level the guard accepts it (an installer reset, a replaced inverter).
    /// </summary>
    public sealed class CounterGuard
    {
        public const double SlackKwh = 1.0;
        public const int ReadingsToRebase = 3;

        private readonly bool[] _has;
        private readonly double[] _last;
        private readonly long[] _lastMs;
        private readonly double[] _candidate;
        private readonly long[] _candidateMs;
        private readonly int[] _candidateRun;

        public CounterGuard(int counters)
        {
            _has = new bool[counters];
            _last = new double[counters];
            _lastMs = new long[counters];
            _candidate = new double[counters];
            _candidateMs = new long[counters];
            _candidateRun = new int[counters];
        }

        /// <summary>Checks a good reading of counter <paramref name="i"/>: Ok, or Implausible.</summary>
        public ValueQuality Check(int i, double kwh, long nowMs, bool daily, double maxPowerW)
        {
            if (!_has[i] || Plausible(_last[i], kwh, nowMs - _lastMs[i], daily, maxPowerW))
            {
                Accept(i, kwh, nowMs);
                return ValueQuality.Ok;
            }

            bool continues = _candidateRun[i] > 0 && Plausible(_candidate[i], kwh, nowMs - _candidateMs[i], daily, maxPowerW);
            _candidateRun[i] = continues ? _candidateRun[i] + 1 : 1;
            _candidate[i] = kwh;
            _candidateMs[i] = nowMs;
            if (_candidateRun[i] >= ReadingsToRebase)
            {
                Accept(i, kwh, nowMs);
                return ValueQuality.Ok;
            }

            return ValueQuality.Implausible;
        }

        private void Accept(int i, double kwh, long nowMs)
        {
            _has[i] = true;
            _last[i] = kwh;
            _lastMs[i] = nowMs;
            _candidateRun[i] = 0;
        }

        private static bool Plausible(double last, double kwh, long elapsedMs, bool daily, double maxPowerW)
        {
            double hours = elapsedMs > 0 ? elapsedMs / 3600000.0 : 0;
            double allowance = (maxPowerW / 1000.0 * hours) + SlackKwh;
            if (last <= kwh)
            {
                return kwh - last <= allowance;
            }

            return daily && kwh <= allowance;
        }
    }
}
