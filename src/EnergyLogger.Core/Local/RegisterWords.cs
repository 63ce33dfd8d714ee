namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Puts values into a register image (one ushort per MODBUS register, high word first as SunSpec and most PLCs
    /// read them) and turns physical values into scaled integers. The not-implemented patterns are SunSpec's
    /// (SunSpec Information Model Specification 1.0, "Unimplemented registers"); the flat block uses the same ones.
    /// </summary>
    internal static class RegisterWords
    {
        public const int NoInt16 = 0x8000;
        public const int NoUInt16 = 0xFFFF;
        public const long NoInt32 = 0x80000000L;
        public const long NoUInt32 = 0xFFFFFFFFL;

        /// <summary>Accumulators and strings read 0 when not implemented.</summary>
        public const long NoAcc32 = 0;

        private static readonly double[] Powers = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };
        private static readonly double[] Fractions = { 1, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001, 0.0000001, 0.00000001, 0.000000001 };

        public static void Put16(ushort[] image, int at, int value)
        {
            image[at] = (ushort)(value & 0xFFFF);
        }

        /// <summary>Two registers, high word first; <paramref name="value"/> holds the 32-bit pattern in its low bits.</summary>
        public static void Put32(ushort[] image, int at, long value)
        {
            image[at] = (ushort)((value >> 16) & 0xFFFF);
            image[at + 1] = (ushort)(value & 0xFFFF);
        }

        /// <summary>ASCII, two characters a register, the first in the high byte, padded with NUL; a longer text is cut.</summary>
        public static void PutText(ushort[] image, int at, int registers, string text)
        {
            for (int r = 0; r < registers; r++)
            {
                image[at + r] = (ushort)((CharAt(text, 2 * r) << 8) | CharAt(text, (2 * r) + 1));
            }
        }

        /// <summary>
        /// <paramref name="value"/> × 10^<paramref name="decimals"/> rounded to the nearest integer, when that lies within
        /// [<paramref name="min"/>, <paramref name="max"/>]; false for NaN, infinity or a value that does not fit.
        /// </summary>
        public static bool TryScale(double value, int decimals, long min, long max, out long raw)
        {
            raw = 0;
            if (double.IsNaN(value))
            {
                return false;
            }

            double scaled = decimals < 0 ? value * Fractions[-decimals] : value * Powers[decimals];
            if (scaled < min - 0.5 || max + 0.5 <= scaled)
            {
                return false;
            }

            // Range-checked above, so the conversion cannot overflow.
            raw = scaled < 0 ? -(long)(0.5 - scaled) : (long)(scaled + 0.5);
            return min <= raw && raw <= max;
        }

        /// <summary>
        /// The smallest SunSpec scale factor from <paramref name="least"/> up at which every present value of
        /// <paramref name="values"/> (NaN is absent) fits between <paramref name="min"/> and <paramref name="max"/>.
        /// SunSpec reads a register as value × 10^sf, so a larger factor trades resolution for range.
        /// </summary>
        public static int FitScale(double[] values, int count, int least, long min, long max)
        {
            for (int sf = least; sf < least + Powers.Length - 1; sf++)
            {
                if (AllFit(values, count, sf, min, max))
                {
                    return sf;
                }
            }

            return least + Powers.Length - 1;
        }

        private static bool AllFit(double[] values, int count, int sf, long min, long max)
        {
            for (int i = 0; i < count; i++)
            {
                long raw;
                if (!double.IsNaN(values[i]) && !TryScale(values[i], -sf, min, max, out raw))
                {
                    return false;
                }
            }

            return true;
        }

        private static int CharAt(string text, int index)
        {
            if (text == null || index >= text.Length)
            {
                return 0;
            }

            char c = text[index];
            return c < 0x80 ? c : '?';
        }
    }
}
