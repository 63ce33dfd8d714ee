namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// The integers of stored records: seven bits a byte, low group first, the top bit saying another byte follows
    /// (LEB128); signed values zigzag-encoded first so that small negative deltas stay short. All in signed arithmetic,
    /// with the logical shifts masked, because the nanoFramework interpreter reinterprets unsigned values differently
    /// (docs/architecture.md, "Rules the interpreter imposes").
    /// </summary>
    public static class Varint
    {
        /// <summary>The most bytes one value takes.</summary>
        public const int MaxBytes = 10;

        /// <summary>Writes a signed value at <paramref name="pos"/>; returns the position after it.</summary>
        public static int WriteSigned(byte[] buf, int pos, long value)
        {
            return WriteZigzag(buf, pos, (value << 1) ^ (value >> 63));
        }

        /// <summary>Writes a value that is not negative.</summary>
        public static int WriteUnsigned(byte[] buf, int pos, long value)
        {
            return WriteZigzag(buf, pos, value);
        }

        /// <summary>Reads a signed value; false when the bytes end first or run longer than a value can.</summary>
        public static bool ReadSigned(byte[] buf, ref int pos, int end, out long value)
        {
            long raw;
            if (!Read(buf, ref pos, end, out raw))
            {
                value = 0;
                return false;
            }

            value = ((raw >> 1) & 0x7FFFFFFFFFFFFFFFL) ^ -(raw & 1);
            return true;
        }

        /// <summary>Reads a value written by <see cref="WriteUnsigned"/> that must lie in 0..<paramref name="max"/>.</summary>
        public static bool ReadCount(byte[] buf, ref int pos, int end, int max, out int value)
        {
            long raw;
            bool ok = Read(buf, ref pos, end, out raw) && raw >= 0 && raw <= max;
            value = ok ? (int)raw : 0;
            return ok;
        }

        private static int WriteZigzag(byte[] buf, int pos, long bits)
        {
            while (bits < 0 || bits >= 0x80)
            {
                buf[pos++] = (byte)((bits & 0x7F) | 0x80);
                bits = (bits >> 7) & 0x01FFFFFFFFFFFFFFL;
            }

            buf[pos++] = (byte)bits;
            return pos;
        }

        private static bool Read(byte[] buf, ref int pos, int end, out long value)
        {
            value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (pos >= end)
                {
                    return false;
                }

                int b = buf[pos++];
                value |= (long)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
