namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Values that share one SunSpec scale factor: each is taken with the register it goes to, then all are written
    /// with the smallest factor that fits every one of them. Holds up to <see cref="Capacity"/> values.
    /// </summary>
    internal sealed class ScaleFactorGroup
    {
        public const long Acc32Max = 0xFFFFFFFFL;

        private readonly double[] _values;
        private readonly int[] _offsets;

        public ScaleFactorGroup(int capacity)
        {
            _values = new double[capacity];
            _offsets = new int[capacity];
        }

        /// <summary>Takes the value of <paramref name="slot"/>, to be written at register <paramref name="at"/>; NaN is absent.</summary>
        public void Take(int slot, int at, double value)
        {
            _values[slot] = value;
            _offsets[slot] = at;
        }

        /// <summary>
        /// The <paramref name="count"/> values taken as 16-bit registers, sharing the scale factor at <paramref name="sfAt"/>:
        /// all absent means the factor too reads not-implemented.
        /// </summary>
        public void Put(ushort[] image, int count, int sfAt, int least, long min, long max, int absent)
        {
            int sf = RegisterWords.FitScale(_values, count, least, min, max);
            bool any = false;
            for (int i = 0; i < count; i++)
            {
                long raw;
                bool fits = RegisterWords.TryScale(_values[i], -sf, min, max, out raw);
                RegisterWords.Put16(image, _offsets[i], fits ? (int)raw : absent);
                any |= fits;
            }

            RegisterWords.Put16(image, sfAt, any ? sf : RegisterWords.NoInt16);
        }

        /// <summary>The <paramref name="count"/> values taken as 32-bit accumulators (acc32), sharing the scale factor at <paramref name="sfAt"/>.</summary>
        public void PutAccumulators(ushort[] image, int count, int sfAt)
        {
            int sf = RegisterWords.FitScale(_values, count, 0, 0, Acc32Max);
            bool any = false;
            for (int i = 0; i < count; i++)
            {
                long raw;
                bool fits = RegisterWords.TryScale(_values[i], -sf, 0, Acc32Max, out raw);
                RegisterWords.Put32(image, _offsets[i], fits ? raw : RegisterWords.NoAcc32);
                any |= fits;
            }

            RegisterWords.Put16(image, sfAt, any ? sf : RegisterWords.NoInt16);
        }
    }
}
