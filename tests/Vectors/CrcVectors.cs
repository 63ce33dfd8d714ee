namespace EnergyLogger.Vectors
{
    /// <summary>
    /// CRC-16/MODBUS check values (MODBUS over serial line v1.02, 6.2.2). The expected values were
    /// worked out bit by bit outside the code under test and cross-checked with a second implementation.
    /// </summary>
    public static class CrcVectors
    {
        /// <summary>The catalogue check string of CRC-16/MODBUS and its CRC.</summary>
        public const string CheckInput = "123456789";
        public const ushort CheckValue = 0x4B37;

        public static readonly string[] Names =
        {
            "empty input leaves the initial value",
            "one zero byte",
            "one 0xFF byte",
            "01 03 00 00 00 0A (sent as ... C5 CD)",
            "11 03 00 6B 00 03 (sent as ... 76 87)",
            "11 10 00 01 00 02 04 00 0A 01 02 (sent as ... C6 F0)",
        };

        public static readonly byte[][] Data =
        {
            new byte[0],
            new byte[] { 0x00 },
            new byte[] { 0xFF },
            new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A },
            new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 },
            new byte[] { 0x11, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 },
        };

        /// <summary>The CRC as a number; on the wire its low byte goes first.</summary>
        public static readonly ushort[] Crc = { 0xFFFF, 0x40BF, 0x00FF, 0xCDC5, 0x8776, 0xF0C6 };
    }
}
