namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Reconnect delays: exponential from <see cref="BaseMs"/> up to <see cref="MaxMs"/>, each drawn at random
    /// from the upper half of its step ("equal jitter"), so a fleet that lost its broker together does not come
    /// back in one wave, yet no device waits less than half the step. A seeded xorshift32 keeps runs repeatable
    /// and behaves the same on nanoFramework and .NET.
    /// </summary>
    public sealed class Backoff
    {
        private uint _state;

        public Backoff(int baseMs, int maxMs, uint seed)
        {
            BaseMs = baseMs;
            MaxMs = maxMs;
            _state = seed == 0 ? 0x9E3779B9 : seed;
        }

        public int BaseMs { get; }

        public int MaxMs { get; }

        /// <summary>Failures since the last success.</summary>
        public int Attempts { get; private set; }

        /// <summary>The ceiling of the current step, before jitter.</summary>
        public int StepMs
        {
            get
            {
                long step = BaseMs;
                for (int i = 0; i < Attempts && step < MaxMs; i++)
                {
                    step *= 2;
                }

                return step > MaxMs ? MaxMs : (int)step;
            }
        }

        /// <summary>The wait before the next attempt; each call counts one more failure.</summary>
        public int NextDelayMs()
        {
            int step = StepMs;
            Attempts++;
            int half = step / 2;
            return half + (int)(Next() % (uint)(step - half + 1));
        }

        public void Reset()
        {
            Attempts = 0;
        }

        private uint Next()
        {
            // Marsaglia, "Xorshift RNGs", J. Stat. Software 8 (2003): the 13/17/5 triple.
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }
    }
}
