using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The frame the settings and label records share: a magic, a version, the header's own fields, the length of the
    /// entries as the header's last two bytes, the entries, and a CRC-32 (IEEE 802.3) over everything before it.
    /// Integers are big-endian.
    /// </summary>
    internal static class RecordFrame
    {
        public const int CrcLength = 4;

        /// <summary>Writes magic, version, entries length and CRC around entries ending at <paramref name="end"/>; returns the record's length.</summary>
        public static int Close(byte[] buffer, int offset, byte[] magic, byte version, int headerLength, int end)
        {
            for (int i = 0; i < magic.Length; i++)
            {
                buffer[offset + i] = magic[i];
            }

            buffer[offset + magic.Length] = version;
            WriteUInt16(buffer, offset + headerLength - 2, end - offset - headerLength);
            WriteUInt32(buffer, end, Crc32.Compute(buffer, offset, end - offset));
            return end + CrcLength - offset;
        }

        /// <summary>Whether the bytes are one whole record of this magic and version (RELIABILITY S1).</summary>
        public static RecordStatus Check(byte[] buffer, int offset, int length, byte[] magic, byte version, int headerLength)
        {
            if (length == 0)
            {
                return RecordStatus.Empty;
            }

            for (int i = 0; i < magic.Length && i < length; i++)
            {
                if (buffer[offset + i] != magic[i])
                {
                    return RecordStatus.BadMagic;
                }
            }

            if (length < headerLength + CrcLength)
            {
                return RecordStatus.Truncated;
            }

            if (buffer[offset + magic.Length] != version)
            {
                return RecordStatus.UnknownVersion;
            }

            int framed = headerLength + ReadUInt16(buffer, offset + headerLength - 2) + CrcLength;
            if (length != framed)
            {
                return length < framed ? RecordStatus.Truncated : RecordStatus.Malformed;
            }

            uint crc = Crc32.Compute(buffer, offset, length - CrcLength);
            return crc == ReadUInt32(buffer, offset + length - CrcLength) ? RecordStatus.Ok : RecordStatus.BadCrc;
        }

        public static bool IsUtf8(byte[] buffer, int start, int length)
        {
            int end = start + length;
            int pos = start;
            while (pos < end)
            {
                int sequence = Utf8.SequenceLength(buffer, pos, end);
                if (sequence == 0)
                {
                    return false;
                }

                pos += sequence;
            }

            return true;
        }

        public static void WriteUInt16(byte[] buffer, int pos, int value)
        {
            buffer[pos] = (byte)(value >> 8);
            buffer[pos + 1] = (byte)value;
        }

        public static void WriteUInt32(byte[] buffer, int pos, uint value)
        {
            buffer[pos] = (byte)(value >> 24);
            buffer[pos + 1] = (byte)(value >> 16);
            buffer[pos + 2] = (byte)(value >> 8);
            buffer[pos + 3] = (byte)value;
        }

        public static int ReadUInt16(byte[] buffer, int pos)
        {
            return (buffer[pos] << 8) | buffer[pos + 1];
        }

        public static uint ReadUInt32(byte[] buffer, int pos)
        {
            return ((uint)buffer[pos] << 24) | ((uint)buffer[pos + 1] << 16) | ((uint)buffer[pos + 2] << 8) | buffer[pos + 3];
        }
    }
}
