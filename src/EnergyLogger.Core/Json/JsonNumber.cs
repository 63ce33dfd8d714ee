namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// JSON number syntax and conversion by hand (RFC 8259, 6), so that a map parses to the same doubles on
    /// nanoFramework and .NET. Up to 18 significant digits and a power of ten up to 1e22 need one exact
    /// IEEE operation, so the result is correctly rounded (Clinger's fast path); rarer inputs take a
    /// deterministic multi-step path.
    /// </summary>
    public static class JsonNumber
    {
        private const int MaxSignificantDigits = 18;
        private const int MaxExactPower = 22;

        private static readonly double[] Powers =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        /// <summary>10^n for 0 &lt;= n &lt;= 22, exact.</summary>
        public static double Pow10(int n)
        {
            return Powers[n];
        }

        /// <summary>
        /// Checks the number grammar from <paramref name="start"/>. Returns the end, or (-position - 1) of the
        /// first offending byte. A number must not run straight into letters, digits or another sign or dot.
        /// </summary>
        public static int Scan(byte[] text, int start, int end)
        {
            int pos = start;
            if (pos < end && text[pos] == (byte)'-')
            {
                pos++;
            }

            if (pos == end || !IsDigit(text[pos]))
            {
                return -pos - 1;
            }

            pos = text[pos] == (byte)'0' ? pos + 1 : SkipDigits(text, pos, end);
            if (pos < end && text[pos] == (byte)'.')
            {
                pos++;
                if (pos == end || !IsDigit(text[pos]))
                {
                    return -pos - 1;
                }

                pos = SkipDigits(text, pos, end);
            }

            if (pos < end && (text[pos] == (byte)'e' || text[pos] == (byte)'E'))
            {
                pos++;
                if (pos < end && (text[pos] == (byte)'+' || text[pos] == (byte)'-'))
                {
                    pos++;
                }

                if (pos == end || !IsDigit(text[pos]))
                {
                    return -pos - 1;
                }

                pos = SkipDigits(text, pos, end);
            }

            if (pos < end && IsNumberTail(text[pos]))
            {
                return -pos - 1;
            }

            return pos;
        }

        /// <summary>Converts a number that passed <see cref="Scan"/>; false when it lies beyond the double range.</summary>
        public static bool TryParseDouble(byte[] text, int start, int end, out double value)
        {
            int pos = start;
            bool negative = text[pos] == (byte)'-';
            if (negative)
            {
                pos++;
            }

            long mantissa = 0;
            int digits = 0;
            int exponent = 0;
            bool fraction = false;
            for (; pos < end; pos++)
            {
                byte c = text[pos];
                if (c == (byte)'.')
                {
                    fraction = true;
                    continue;
                }

                if (!IsDigit(c))
                {
                    break;
                }

                if (digits < MaxSignificantDigits)
                {
                    if (mantissa != 0 || c != (byte)'0')
                    {
                        digits++;
                    }

                    mantissa = (mantissa * 10) + (c - '0');
                    exponent -= fraction ? 1 : 0;
                }
                else
                {
                    // Digits past the 18th only move the decimal point.
                    exponent += fraction ? 0 : 1;
                }
            }

            if (pos < end)
            {
                exponent += ParseExponent(text, pos + 1, end);
            }

            value = Scale(mantissa, exponent);
            if (negative)
            {
                value = -value;
            }

            return !double.IsNaN(value) && !double.IsInfinity(value);
        }

        /// <summary>An integer without fraction or exponent that fits in 64 bits.</summary>
        public static bool TryParseInt64(byte[] text, int start, int end, out long value)
        {
            value = 0;
            int pos = start;
            bool negative = text[pos] == (byte)'-';
            if (negative)
            {
                pos++;
            }

            // Accumulate as a negative number: its range reaches long.MinValue.
            long acc = 0;
            for (; pos < end; pos++)
            {
                int d = text[pos] - '0';
                if (d < 0 || d > 9)
                {
                    return false;
                }

                if (acc < (long.MinValue + d) / 10)
                {
                    return false;
                }

                acc = (acc * 10) - d;
            }

            if (!negative && acc == long.MinValue)
            {
                return false;
            }

            value = negative ? acc : -acc;
            return true;
        }

        /// <summary>Four hex digits as a value, or -1.</summary>
        public static int Hex4(byte[] text, int pos)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int d = HexDigit(text[pos + i]);
                if (d < 0)
                {
                    return -1;
                }

                value = (value << 4) | d;
            }

            return value;
        }

        public static int HexDigit(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }

        private static double Scale(long mantissa, int exponent)
        {
            double value = mantissa;
            if (mantissa == 0)
            {
                return 0;
            }

            while (exponent > MaxExactPower)
            {
                value *= Powers[MaxExactPower];
                exponent -= MaxExactPower;
            }

            while (exponent < -MaxExactPower)
            {
                value /= Powers[MaxExactPower];
                exponent += MaxExactPower;
            }

            return exponent >= 0 ? value * Powers[exponent] : value / Powers[-exponent];
        }

        /// <summary>The exponent after 'e', clamped so that absurd exponents cannot overflow an int.</summary>
        private static int ParseExponent(byte[] text, int pos, int end)
        {
            bool negative = false;
            if (text[pos] == (byte)'+' || text[pos] == (byte)'-')
            {
                negative = text[pos] == (byte)'-';
                pos++;
            }

            int value = 0;
            for (; pos < end; pos++)
            {
                if (value < 10000)
                {
                    value = (value * 10) + (text[pos] - '0');
                }
            }

            return negative ? -value : value;
        }

        private static int SkipDigits(byte[] text, int pos, int end)
        {
            while (pos < end && IsDigit(text[pos]))
            {
                pos++;
            }

            return pos;
        }

        private static bool IsDigit(byte c)
        {
            return c >= (byte)'0' && c <= (byte)'9';
        }

        private static bool IsNumberTail(byte c)
        {
            return IsDigit(c) || c == (byte)'.' || c == (byte)'+' || c == (byte)'-' || (c >= (byte)'a' && c <= (byte)'z') || (c >= (byte)'A' && c <= (byte)'Z');
        }
    }
}
