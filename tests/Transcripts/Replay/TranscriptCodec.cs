// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using System.Text;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// How bytes are written in a transcript: upper-case hex without spaces for bus frames and package bytes, and
    /// payloads (MQTT, port 4242) as text with <c>\xNN</c> escapes for the bytes that are not printable ASCII.
    /// </summary>
    public static class TranscriptCodec
    {
        private const string Digits = "0123456789ABCDEF";

        public static string Hex(byte[] data, int offset, int count)
        {
            var text = new StringBuilder(count * 2);
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                text.Append(Digits[b >> 4]);
                text.Append(Digits[b & 0x0F]);
            }

            return text.ToString();
        }

        /// <summary>Lower-case hex, as manifests and offers write digests.</summary>
        public static string HexLower(byte[] data, int offset, int count)
        {
            return Hex(data, offset, count).ToLower();
        }

        /// <summary>The bytes of a hex string (either case); null when it is not hex.</summary>
        public static byte[] FromHex(string text)
        {
            if (text == null || text.Length % 2 != 0)
            {
                return null;
            }

            var data = new byte[text.Length / 2];
            for (int i = 0; i < data.Length; i++)
            {
                int high = Nibble(text[2 * i]);
                int low = Nibble(text[(2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                data[i] = (byte)((high << 4) | low);
            }

            return data;
        }

        /// <summary>
        /// A payload as one line of text: printable ASCII as it is, a backslash doubled, and every other byte as
        /// <c>\xNN</c> (a degree sign in UTF-8 is <c>\xC2\xB0</c>).
        /// </summary>
        public static string Payload(byte[] data, int offset, int count)
        {
            var text = new StringBuilder(count);
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (b == (byte)'\\')
                {
                    text.Append("\\\\");
                }
                else if (b >= 0x20 && b <= 0x7E)
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append("\\x");
                    text.Append(Digits[b >> 4]);
                    text.Append(Digits[b & 0x0F]);
                }
            }

            return text.ToString();
        }

        /// <summary>The bytes a <see cref="Payload"/> text stands for.</summary>
        public static byte[] PayloadBytes(string text)
        {
            var data = new byte[text.Length];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\\')
                {
                    data[n++] = (byte)'\\';
                    i++;
                }
                else if (c == '\\' && i + 3 < text.Length && text[i + 1] == 'x' && Nibble(text[i + 2]) >= 0 && Nibble(text[i + 3]) >= 0)
                {
                    data[n++] = (byte)((Nibble(text[i + 2]) << 4) | Nibble(text[i + 3]));
                    i += 3;
                }
                else
                {
                    data[n++] = (byte)c;
                }
            }

            var result = new byte[n];
            Array.Copy(data, result, n);
            return result;
        }

        /// <summary>Eight upper-case hex digits.</summary>
        public static string Hex32(uint value)
        {
            var text = new StringBuilder(8);
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                text.Append(Digits[(int)((value >> shift) & 0x0F)]);
            }

            return text.ToString();
        }

        /// <summary>The text after the first space, or "" when there is none.</summary>
        public static string Rest(string line)
        {
            int space = line.IndexOf(' ');
            return space < 0 ? "" : line.Substring(space + 1);
        }

        /// <summary>The text up to the first space (all of it when there is none).</summary>
        public static string First(string line)
        {
            int space = line.IndexOf(' ');
            return space < 0 ? line : line.Substring(0, space);
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }
    }
}
