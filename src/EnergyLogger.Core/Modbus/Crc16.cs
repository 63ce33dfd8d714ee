namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial value 0xFFFF, no final XOR.
    /// MODBUS over serial line v1.02, 6.2.2. Check value: "123456789" gives 0x4B37.
    /// On the wire the CRC goes low byte first, unlike every other MODBUS field.
    /// </summary>
    public static class Crc16
    {
        private static readonly ushort[] Table = BuildTable();

        public static ushort Compute(byte[] data, int offset, int count)
        {
            ushort crc = 0xFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (ushort)((crc >> 8) ^ Table[(crc ^ data[i]) & 0xFF]);
            }

            return crc;
        }

        /// <summary>True when the last two bytes of the frame are the CRC of the bytes before them.</summary>
        public static bool IsValid(byte[] frame, int offset, int length)
        {
            if (length < 3)
            {
                return false;
            }

            ushort crc = Compute(frame, offset, length - 2);
            return frame[offset + length - 2] == (byte)(crc & 0xFF) && frame[offset + length - 1] == (byte)(crc >> 8);
        }

        /// <summary>Writes the CRC of <paramref name="count"/> bytes right after them; returns the new length.</summary>
        public static int Append(byte[] frame, int offset, int count)
        {
            ushort crc = Compute(frame, offset, count);
            frame[offset + count] = (byte)(crc & 0xFF);
            frame[offset + count + 1] = (byte)(crc >> 8);
            return count + 2;
        }

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int value = i;
                for (int bit = 0; bit < 8; bit++)
                {
                    value = (value & 1) != 0 ? (value >> 1) ^ 0xA001 : value >> 1;
                }

                table[i] = (ushort)value;
            }

            return table;
        }
    }
}
