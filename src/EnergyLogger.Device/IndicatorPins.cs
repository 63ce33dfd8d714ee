namespace EnergyLogger.Device
{
    /// <summary>
    /// Status LEDs and reset button of the reference dongle (ESP32-S3-DevKitC class board). GPIO 26 to
    /// 37 are left alone for octal flash and PSRAM, 19 and 20 for USB, 16 to 18 for RS-485.
    /// </summary>
    internal static class IndicatorPins
    {
        /// <summary>Wi-Fi OK, Wi-Fi error, MQTT OK, MQTT error, MODBUS, OTA: the order of <c>Led</c>.</summary>
        public static readonly int[] Leds = { 4, 5, 6, 7, 15, 21 };

        public const bool LedsActiveLow = false;

        /// <summary>The BOOT button: pulled up on the board, low while pressed.</summary>
        public const int ResetButton = 0;
    }
}
