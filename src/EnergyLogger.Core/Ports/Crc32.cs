namespace EnergyLogger.Core.Ports
{
    /// <summary>CRC-32 of IEEE 802.3 (reflected polynomial 0xEDB88320, as zlib and PNG use), table driven.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = MakeTable();

        public const uint Initial = 0xFFFFFFFF;

        /// <summary>Continues a running CRC; start from <see cref="Initial"/> and finish with <see cref="Finish"/>.</summary>
        public static uint Update(uint crc, byte[] buf, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                crc = Table[(crc ^ buf[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        public static uint Finish(uint crc)
        {
            return crc ^ 0xFFFFFFFF;
        }

        public static uint Compute(byte[] buf, int offset, int count)
        {
            return Finish(Update(Initial, buf, offset, count));
        }

        private static uint[] MakeTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
