namespace EnergyLogger.Vectors
{
    /// <summary>
    /// One golden RTU exchange per function code. The PDUs are the examples of MODBUS Application
    /// Protocol v1.1b3, section 6 (6.1-6.6, 6.11, 6.12); each is framed for slave 0x11 with its CRC
    /// (MODBUS over serial line v1.02, 2.5.1), the CRCs worked out independently of the code under test.
    /// Index i of every array belongs to the same exchange.
    /// </summary>
    public static class RtuVectors
    {
        public const int Count = 8;
        public const byte Slave = 0x11;

        public static readonly string[] Names =
        {
            "FC01 read coils 20-38 (6.1)",
            "FC02 read discrete inputs 197-218 (6.2)",
            "FC03 read holding registers 108-110 (6.3)",
            "FC04 read input register 9 (6.4)",
            "FC05 write single coil 173 ON (6.5)",
            "FC06 write single register 2 = 0003h (6.6)",
            "FC15 write multiple coils 20-29 (6.11)",
            "FC16 write multiple registers 2-3 (6.12)",
        };

        public static readonly byte[] Function = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10 };

        /// <summary>Protocol (zero-based) start address of each request.</summary>
        public static readonly int[] Address = { 0x0013, 0x00C4, 0x006B, 0x0008, 0x00AC, 0x0001, 0x0013, 0x0001 };

        /// <summary>Quantity for FC01-04, FC15 and FC16; the value field for FC05 (FF00h = ON) and FC06.</summary>
        public static readonly int[] Field = { 19, 22, 3, 1, 0xFF00, 0x0003, 10, 2 };

        /// <summary>Bits read (FC01/02) or written (FC05/15); empty for register functions.</summary>
        public static readonly bool[][] Bits =
        {
            new bool[] { true, false, true, true, false, false, true, true, true, true, false, true, false, true, true, false, true, false, true },
            new bool[] { false, false, true, true, false, true, false, true, true, true, false, true, true, false, true, true, true, false, true, false, true, true },
            new bool[0],
            new bool[0],
            new bool[] { true },
            new bool[0],
            new bool[] { true, false, true, true, false, false, true, true, true, false },
            new bool[0],
        };

        /// <summary>Registers read (FC03/04) or written (FC06/16); empty for bit functions.</summary>
        public static readonly ushort[][] Registers =
        {
            new ushort[0],
            new ushort[0],
            new ushort[] { 0x022B, 0x0000, 0x0064 },
            new ushort[] { 0x000A },
            new ushort[0],
            new ushort[] { 0x0003 },
            new ushort[0],
            new ushort[] { 0x000A, 0x0102 },
        };

        public static readonly byte[][] Request =
        {
            new byte[] { 0x11, 0x01, 0x00, 0x13, 0x00, 0x13, 0x8E, 0x92 },
            new byte[] { 0x11, 0x02, 0x00, 0xC4, 0x00, 0x16, 0xBA, 0xA9 },
            new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03, 0x76, 0x87 },
            new byte[] { 0x11, 0x04, 0x00, 0x08, 0x00, 0x01, 0xB2, 0x98 },
            new byte[] { 0x11, 0x05, 0x00, 0xAC, 0xFF, 0x00, 0x4E, 0x8B },
            new byte[] { 0x11, 0x06, 0x00, 0x01, 0x00, 0x03, 0x9A, 0x9B },
            new byte[] { 0x11, 0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01, 0xBF, 0x0B },
            new byte[] { 0x11, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02, 0xC6, 0xF0 },
        };

        public static readonly byte[][] Response =
        {
            new byte[] { 0x11, 0x01, 0x03, 0xCD, 0x6B, 0x05, 0x40, 0x12 },
            new byte[] { 0x11, 0x02, 0x03, 0xAC, 0xDB, 0x35, 0x20, 0x18 },
            new byte[] { 0x11, 0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64, 0xC8, 0xBA },
            new byte[] { 0x11, 0x04, 0x02, 0x00, 0x0A, 0xF8, 0xF4 },
            new byte[] { 0x11, 0x05, 0x00, 0xAC, 0xFF, 0x00, 0x4E, 0x8B },
            new byte[] { 0x11, 0x06, 0x00, 0x01, 0x00, 0x03, 0x9A, 0x9B },
            new byte[] { 0x11, 0x0F, 0x00, 0x13, 0x00, 0x0A, 0x26, 0x99 },
            new byte[] { 0x11, 0x10, 0x00, 0x01, 0x00, 0x02, 0x12, 0x98 },
        };

        /// <summary>Exception codes used below: one of each (Application Protocol v1.1b3, 7).</summary>
        public static readonly byte[] ExceptionCode = { 0x02, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0B };

        /// <summary>Exception replies: function code with its top bit set, then the code (section 7).</summary>
        public static readonly byte[][] Exception =
        {
            new byte[] { 0x11, 0x81, 0x02, 0xC0, 0x54 },
            new byte[] { 0x11, 0x82, 0x01, 0x80, 0xA5 },
            new byte[] { 0x11, 0x83, 0x02, 0xC1, 0x34 },
            new byte[] { 0x11, 0x84, 0x03, 0x02, 0xC4 },
            new byte[] { 0x11, 0x85, 0x04, 0x42, 0x96 },
            new byte[] { 0x11, 0x86, 0x05, 0x83, 0xA6 },
            new byte[] { 0x11, 0x8F, 0x06, 0xC5, 0xF7 },
            new byte[] { 0x11, 0x90, 0x0B, 0x0C, 0x02 },
        };

        /// <summary>The exception example of Application Protocol v1.1b3, section 7: read the coil at 1185 (04A1h), which the slave lacks -> 81 02.</summary>
        public static readonly byte[] Section7Request = { 0x11, 0x01, 0x04, 0xA1, 0x00, 0x01, 0xAF, 0x88 };
        public static readonly byte[] Section7Reply = { 0x11, 0x81, 0x02, 0xC0, 0x54 };
    }
}
