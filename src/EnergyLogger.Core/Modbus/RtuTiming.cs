namespace EnergyLogger.Core.Modbus
{
    /// <summary>Wire-time arithmetic for an asynchronous serial line. MODBUS over serial line v1.02, 2.5.1.1.</summary>
    public static class RtuTiming
    {
        /// <summary>Bits per character: start bit, 8 data bits, optional parity, stop bits.</summary>
        public static int BitsPerChar(bool parity, int stopBits)
        {
            return 1 + 8 + (parity ? 1 : 0) + stopBits;
        }

        /// <summary>Microseconds to send <paramref name="bytes"/> characters.</summary>
        public static long BytesUs(int bytes, int baud, int bitsPerChar)
        {
            return ((long)bytes * bitsPerChar * 1000000L + baud - 1) / baud;
        }

        /// <summary>
        /// t3.5, the silence that separates frames: 3.5 character times, but a fixed 1750 µs above
        /// 19200 baud, where the character time would ask too much of the UART interrupt (2.5.1.1).
        /// </summary>
        public static long SilenceUs(int baud, int bitsPerChar)
        {
            if (baud > 19200)
            {
                return 1750;
            }

            return ((long)bitsPerChar * 3500000L + baud - 1) / baud;
        }

        /// <summary>Whole milliseconds that cover <paramref name="microseconds"/>.</summary>
        public static int CeilMs(long microseconds)
        {
            return (int)((microseconds + 999) / 1000);
        }
    }
}
