namespace EnergyLogger.Core.Json
{
    /// <summary>UTF-8 checks and conversions by hand, so that both runtimes accept and produce the same bytes. RFC 3629, 4.</summary>
    public static class Utf8
    {
        /// <summary>Length (1 to 4) of the well-formed sequence at <paramref name="pos"/>, or 0 when it is malformed or cut off.</summary>
        public static int SequenceLength(byte[] text, int pos, int end)
        {
            int lead = text[pos];
            if (lead < 0x80)
            {
                return 1;
            }

            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                length = 2;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                length = 3;
                // RFC 3629, 4: no overlong forms (E0) and no UTF-16 surrogates (ED).
                secondMin = lead == 0xE0 ? 0xA0 : 0x80;
                secondMax = lead == 0xED ? 0x9F : 0xBF;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                length = 4;
                // No overlong forms (F0) and nothing above U+10FFFF (F4).
                secondMin = lead == 0xF0 ? 0x90 : 0x80;
                secondMax = lead == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                return 0;
            }

            if (pos + length > end || text[pos + 1] < secondMin || text[pos + 1] > secondMax)
            {
                return 0;
            }

            for (int i = 2; i < length; i++)
            {
                if ((text[pos + i] & 0xC0) != 0x80)
                {
                    return 0;
                }
            }

            return length;
        }

        /// <summary>The code point of a sequence already checked by <see cref="SequenceLength"/>.</summary>
        public static int Decode(byte[] text, int pos, int length)
        {
            if (length == 1)
            {
                return text[pos];
            }

            int value = text[pos] & (0x7F >> length);
            for (int i = 1; i < length; i++)
            {
                value = (value << 6) | (text[pos + i] & 0x3F);
            }

            return value;
        }

        /// <summary>Stores a code point as UTF-16 and returns the number of chars (1 or 2).</summary>
        public static int ToChars(int codePoint, char[] dest, int offset)
        {
            if (codePoint < 0x10000)
            {
                dest[offset] = (char)codePoint;
                return 1;
            }

            int v = codePoint - 0x10000;
            dest[offset] = (char)(0xD800 + (v >> 10));
            dest[offset + 1] = (char)(0xDC00 + (v & 0x3FF));
            return 2;
        }

        /// <summary>Bytes that <see cref="Encode"/> writes for this code point.</summary>
        public static int EncodedLength(int codePoint)
        {
            return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        }

        /// <summary>Writes a code point as UTF-8 and returns the byte count.</summary>
        public static int Encode(int codePoint, byte[] buf, int offset)
        {
            int length = EncodedLength(codePoint);
            if (length == 1)
            {
                buf[offset] = (byte)codePoint;
                return 1;
            }

            int lead = length == 2 ? 0xC0 : length == 3 ? 0xE0 : 0xF0;
            for (int i = length - 1; i > 0; i--)
            {
                buf[offset + i] = (byte)(0x80 | (codePoint & 0x3F));
                codePoint >>= 6;
            }

            buf[offset] = (byte)(lead | codePoint);
            return length;
        }
    }
}
