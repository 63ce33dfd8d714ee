using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// One stored sample in an outbox segment file, a pure codec:
    /// <c>magic 0xEB, version 0x01, payload length (uint16 LE), CRC-32 (LE) over the length and the payload, payload</c>.
    /// The CRC makes a torn tail (power cut mid-append) or a flipped bit visible, so the reader skips that record
    /// and keeps the rest (RELIABILITY S1).
    /// </summary>
    public static class OutboxRecord
    {
        public const int HeaderBytes = 8;
        public const byte Magic = 0xEB;
        public const byte Version = 0x01;
        public const int MaxPayload = 65535;

        /// <summary>Writes header and payload; returns the record length, or 0 when it does not fit or is empty.</summary>
        public static int Encode(byte[] buf, int offset, byte[] payload, int payloadOffset, int count)
        {
            if (count < 1 || count > MaxPayload || offset + HeaderBytes + count > buf.Length)
            {
                return 0;
            }

            buf[offset] = Magic;
            buf[offset + 1] = Version;
            buf[offset + 2] = (byte)count;
            buf[offset + 3] = (byte)(count >> 8);
            System.Array.Copy(payload, payloadOffset, buf, offset + HeaderBytes, count);
            uint crc = Checksum(buf, offset, count);
            buf[offset + 4] = (byte)crc;
            buf[offset + 5] = (byte)(crc >> 8);
            buf[offset + 6] = (byte)(crc >> 16);
            buf[offset + 7] = (byte)(crc >> 24);
            return HeaderBytes + count;
        }

        /// <summary>The payload length of a valid record at <paramref name="offset"/>, or 0 when the bytes there are not one.</summary>
        public static int Check(byte[] buf, int offset, int end)
        {
            if (offset + HeaderBytes > end || buf[offset] != Magic || buf[offset + 1] != Version)
            {
                return 0;
            }

            int count = buf[offset + 2] | (buf[offset + 3] << 8);
            if (count == 0 || offset + HeaderBytes + count > end)
            {
                return 0;
            }

            uint stored = (uint)(buf[offset + 4] | (buf[offset + 5] << 8) | (buf[offset + 6] << 16) | (buf[offset + 7] << 24));
            return stored == Checksum(buf, offset, count) ? count : 0;
        }

        private static uint Checksum(byte[] buf, int offset, int count)
        {
            uint crc = Crc32.Update(Crc32.Initial, buf, offset + 2, 2);
            return Crc32.Finish(Crc32.Update(crc, buf, offset + HeaderBytes, count));
        }
    }
}
