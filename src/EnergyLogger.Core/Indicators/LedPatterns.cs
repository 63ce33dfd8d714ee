using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Indicators
{
    /// <summary>
    /// Which pattern each LED shows for a state, as tables indexed by the link states:
    /// <code>
    ///  Wi-Fi        OK     Error       MQTT        OK     Error
    ///  Off          off    off         Off         off    off
    ///  Connecting   slow   off         Connecting  slow   off
    ///  Connected    on     off         Connected   on     off
    ///  Failed       off    on          Failed      off    on
    ///  AccessPoint  slow   slow, alternating with OK
    ///  AP closed    off    slow
    /// </code>
    /// MODBUS is on while a slave responds, OTA blinks fast during a download, and all six blink fast
    /// together while the reset button is held past the long press.
    /// </summary>
    public static class LedPatterns
    {
        private static readonly LedPattern[] WifiOk = { LedPattern.Off, LedPattern.SlowBlink, LedPattern.On, LedPattern.Off, LedPattern.SlowBlink, LedPattern.Off };
        private static readonly LedPattern[] WifiError =
        {
            LedPattern.Off, LedPattern.Off, LedPattern.Off, LedPattern.On, LedPattern.SlowBlinkAlternate, LedPattern.SlowBlink,
        };
        private static readonly LedPattern[] MqttOk = { LedPattern.Off, LedPattern.SlowBlink, LedPattern.On, LedPattern.Off };
        private static readonly LedPattern[] MqttError = { LedPattern.Off, LedPattern.Off, LedPattern.Off, LedPattern.On };

        public static LedPattern For(Led led, IndicatorState state)
        {
            if (state.ResetArmed)
            {
                return LedPattern.FastBlink;
            }

            switch (led)
            {
                case Led.WifiOk:
                    return WifiOk[(int)state.Wifi];
                case Led.WifiError:
                    return WifiError[(int)state.Wifi];
                case Led.MqttOk:
                    return MqttOk[(int)state.Mqtt];
                case Led.MqttError:
                    return MqttError[(int)state.Mqtt];
                case Led.Modbus:
                    return state.ModbusResponding ? LedPattern.On : LedPattern.Off;
                default:
                    return state.OtaInProgress ? LedPattern.FastBlink : LedPattern.Off;
            }
        }
    }
}
