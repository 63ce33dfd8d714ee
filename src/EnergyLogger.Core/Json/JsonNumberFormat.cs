namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// Writes a double as JSON text that is the same on nanoFramework and .NET, because the runtimes'
    /// own double.ToString differ. The value is rounded (half away from zero) to <c>significantDigits</c>
    /// significant digits, but never to fewer than whole units and never to more than <c>maxDecimals</c>
    /// decimals, then written without trailing zeros. Magnitudes from 1e15 up use an exponent. NaN and infinities are not numbers in
    /// JSON (RFC 8259, 6) and are refused. Floating-point comparisons are written with &lt; and &lt;= only: on the
    /// nanoFramework interpreter &gt; and &gt;= are true when an operand is NaN (docs/architecture.md).
    /// </summary>
    public static class JsonNumberFormat
    {
        /// <summary>Longest text <see cref="Write"/> can produce.</summary>
        public const int MaxLength = 32;

        public const int MaxSignificantDigits = 15;
        public const int MaxDecimals = 9;

        private const double ExponentFrom = 1e15;

        private static readonly long[] LongPowers =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
            10000000000L, 100000000000L, 1000000000000L, 10000000000000L, 100000000000000L, 1000000000000000L,
        };

        /// <summary>
        /// The value with all its significant digits as <see cref="Write"/> prints it, for messages and logs: never
        /// double.ToString, which prints differently (and for some magnitudes wrongly) on nanoFramework.
        /// </summary>
        public static string Text(double value)
        {
            if (double.IsNaN(value))
            {
                return "NaN";
            }

            if (double.IsInfinity(value))
            {
                return value < 0 ? "-Infinity" : "Infinity";
            }

            var buf = new byte[MaxLength];
            int n = Write(value, MaxSignificantDigits, MaxDecimals, buf, 0);
            var chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                chars[i] = (char)buf[i];
            }

            return new string(chars);
        }

        /// <summary>
        /// Writes the value at <paramref name="offset"/> and returns the length, or 0 for NaN or an infinity.
        /// The buffer needs <see cref="MaxLength"/> free bytes.
        /// </summary>
        public static int Write(double value, int significantDigits, int maxDecimals, byte[] buf, int offset)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return 0;
            }

            if (significantDigits < 1 || significantDigits > MaxSignificantDigits || maxDecimals < 0 || maxDecimals > MaxDecimals)
            {
                throw new System.ArgumentOutOfRangeException("significantDigits");
            }

            bool negative = value < 0;
            double x = negative ? -value : value;
            if (ExponentFrom <= x)
            {
                return WriteExponent(x, negative, significantDigits, buf, offset);
            }

            long scaled;
            int decimals;
            Round(x, significantDigits, maxDecimals, out scaled, out decimals);
            return WriteDecimal(negative ? -scaled : scaled, decimals, buf, offset);
        }

        /// <summary>
        /// The number <see cref="Write"/> prints, as <c>mantissa x 10^-decimals</c> without trailing zeros (1.5 is 15 and
        /// 1), so that it can be stored exactly and written again to the same text. False for NaN, the infinities and
        /// magnitudes from 1e15 up, which <see cref="Write"/> prints with an exponent.
        /// </summary>
        public static bool Decompose(double value, int significantDigits, int maxDecimals, out long mantissa, out int decimals)
        {
            mantissa = 0;
            decimals = 0;
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return false;
            }

            bool negative = value < 0;
            double x = negative ? -value : value;
            if (ExponentFrom <= x)
            {
                return false;
            }

            long scaled;
            Round(x, significantDigits, maxDecimals, out scaled, out decimals);
            while (scaled != 0 && decimals > 0 && scaled % 10 == 0)
            {
                scaled /= 10;
                decimals--;
            }

            mantissa = negative ? -scaled : scaled;
            decimals = scaled == 0 ? 0 : decimals;
            return true;
        }

        /// <summary>Writes <c>mantissa x 10^-decimals</c> (0 to 9 decimals) as <see cref="Write"/> would; returns the length.</summary>
        public static int WriteDecimal(long mantissa, int decimals, byte[] buf, int offset)
        {
            if (mantissa == 0)
            {
                buf[offset] = (byte)'0';
                return 1;
            }

            int pos = offset;
            long magnitude = mantissa;
            if (mantissa < 0)
            {
                buf[pos++] = (byte)'-';
                magnitude = -mantissa;
            }

            pos += WriteDigits((ulong)(magnitude / LongPowers[decimals]), buf, pos);
            long fraction = magnitude % LongPowers[decimals];
            if (fraction != 0)
            {
                // Drop trailing zeros, then write what is left with its leading zeros.
                while (fraction % 10 == 0)
                {
                    fraction /= 10;
                    decimals--;
                }

                buf[pos++] = (byte)'.';
                pos += WritePadded(fraction, decimals, buf, pos);
            }

            return pos - offset;
        }

        /// <summary>0 &lt;= x &lt; 1e15 rounded half away from zero to its significant digits and at most maxDecimals decimals.</summary>
        private static void Round(double x, int significantDigits, int maxDecimals, out long scaled, out int decimals)
        {
            decimals = significantDigits - 1 - DecimalExponent(x);
            if (decimals > maxDecimals)
            {
                decimals = maxDecimals;
            }

            if (decimals < 0)
            {
                decimals = 0;
            }

            scaled = (long)((x * JsonNumber.Pow10(decimals)) + 0.5);
        }

        /// <summary>Decimal digits of an unsigned integer; returns the count.</summary>
        public static int WriteDigits(ulong value, byte[] buf, int offset)
        {
            int n = 0;
            ulong v = value;
            do
            {
                n++;
                v /= 10;
            }
            while (v != 0);

            for (int i = n - 1; i >= 0; i--)
            {
                buf[offset + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return n;
        }

        /// <summary>Decimal text of a signed integer; returns the count.</summary>
        public static int WriteInteger(long value, byte[] buf, int offset)
        {
            if (value >= 0)
            {
                return WriteDigits((ulong)value, buf, offset);
            }

            buf[offset] = (byte)'-';
            // Two's complement negation also covers long.MinValue.
            return 1 + WriteDigits(unchecked((ulong)(-(value + 1)) + 1UL), buf, offset + 1);
        }

        /// <summary>floor(log10(x)) for 0 &lt; x &lt; 1e15 by comparison with exact powers, no Math.Log10.</summary>
        private static int DecimalExponent(double x)
        {
            if (1 <= x)
            {
                int e = 0;
                while (e < 15 && JsonNumber.Pow10(e + 1) <= x)
                {
                    e++;
                }

                return e;
            }

            int n = 0;
            while (n < MaxDecimals + 1 && x * JsonNumber.Pow10(n + 1) < 1)
            {
                n++;
            }

            return -(n + 1);
        }

        private static int WriteExponent(double x, bool negative, int significantDigits, byte[] buf, int offset)
        {
            int exponent = 15;
            double m = x / ExponentFrom;
            while (10 <= m)
            {
                m /= 10;
                exponent++;
            }

            long mantissa = (long)((m * LongPowers[significantDigits - 1]) + 0.5);
            int digits = significantDigits;
            if (mantissa >= LongPowers[significantDigits])
            {
                mantissa /= 10;
                exponent++;
            }

            while (digits > 1 && mantissa % 10 == 0)
            {
                mantissa /= 10;
                digits--;
            }

            int pos = offset;
            if (negative)
            {
                buf[pos++] = (byte)'-';
            }

            long head = mantissa / LongPowers[digits - 1];
            buf[pos++] = (byte)('0' + (int)head);
            if (digits > 1)
            {
                buf[pos++] = (byte)'.';
                pos += WritePadded(mantissa % LongPowers[digits - 1], digits - 1, buf, pos);
            }

            buf[pos++] = (byte)'e';
            buf[pos++] = (byte)'+';
            pos += WriteDigits((ulong)exponent, buf, pos);
            return pos - offset;
        }

        private static int WritePadded(long value, int width, byte[] buf, int offset)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                buf[offset + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return width;
        }
    }
}
