using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// One stored record in an outbox segment file, a pure codec:
    /// <c>magic 0xEB, version, payload length (uint16 LE), CRC-32 (LE) over the length and the payload, payload</c>.
    /// Version 0x01 holds a sample's JSON (what the firmware before the compact records stored, still read); version
    /// 0x02 a compact record whose first payload byte is its kind (docs/cloud.md, "Outbox records"). The CRC makes a
    /// torn tail (power cut mid-append) or a flipped bit visible, so the reader skips that record and keeps the rest
    /// (RELIABILITY S1).
    /// </summary>
    public static class OutboxRecord
    {
        public const int HeaderBytes = 8;
        public const byte Magic = 0xEB;
        public const byte Version = 0x01;
        public const byte CompactVersion = 0x02;
        public const int MaxPayload = 65535;

        /// <summary>Writes a JSON record; returns the record length, or 0 when it does not fit or is empty.</summary>
        public static int Encode(byte[] buf, int offset, byte[] payload, int payloadOffset, int count)
        {
            return Encode(buf, offset, Version, payload, payloadOffset, count);
        }

        /// <summary>Writes a record of either version; returns the record length, or 0 when it does not fit or is empty.</summary>
        public static int Encode(byte[] buf, int offset, byte version, byte[] payload, int payloadOffset, int count)
        {
            if (count < 1 || count > MaxPayload || offset + HeaderBytes + count > buf.Length)
            {
                return 0;
            }

            System.Array.Copy(payload, payloadOffset, buf, offset + HeaderBytes, count);
            return Seal(buf, offset, version, count);
        }

        /// <summary>Writes the header of a record whose <paramref name="count"/> payload bytes are already in place after it.</summary>
        public static int Seal(byte[] buf, int offset, byte version, int count)
        {
            buf[offset] = Magic;
            buf[offset + 1] = version;
            buf[offset + 2] = (byte)count;
            buf[offset + 3] = (byte)(count >> 8);
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
            if (offset + HeaderBytes > end || buf[offset] != Magic || (buf[offset + 1] != Version && buf[offset + 1] != CompactVersion))
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

        /// <summary>The payload length of the record at <paramref name="offset"/>, which is known to be valid.</summary>
        public static int PayloadLength(byte[] buf, int offset)
        {
            return buf[offset + 2] | (buf[offset + 3] << 8);
        }

        public static bool IsCompact(byte[] buf, int offset)
        {
            return buf[offset + 1] == CompactVersion;
        }

        private static uint Checksum(byte[] buf, int offset, int count)
        {
            uint crc = Crc32.Update(Crc32.Initial, buf, offset + 2, 2);
            return Crc32.Finish(Crc32.Update(crc, buf, offset + HeaderBytes, count));
        }
    }
}
