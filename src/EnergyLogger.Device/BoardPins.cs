namespace EnergyLogger.Device
{
    /// <summary>
    /// GPIO assignment of the reference dongle (ESP32-S3 with a MAX3485-class transceiver). An OEM board
    /// with other wiring changes these numbers only.
    /// </summary>
    internal static class BoardPins
    {
        public const int Rs485ComPort = 2;
        public const int Rs485Rx = 16;
        public const int Rs485Tx = 17;

        /// <summary>Driven high by the UART while sending: DE and /RE of the transceiver tied together.</summary>
        public const int Rs485DriverEnable = 18;

        /// <summary>The UART owns these pins; opening one as a GPIO would cut the field bus.</summary>
        public static bool IsRs485(int gpio)
        {
            return gpio == Rs485Rx || gpio == Rs485Tx || gpio == Rs485DriverEnable;
        }
    }
}
