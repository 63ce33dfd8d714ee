using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Turns what the loop knows into the LED state, drives the panel (when the board has LEDs), and writes one
    /// <c>leds</c> record whenever the state changes, which is also how the host shows its LEDs.
    /// </summary>
    internal sealed class IndicatorDriver
    {
        private readonly IndicatorPanel _panel;
        private readonly Log _log;
        private readonly IndicatorState _state = new IndicatorState();
        private bool _logged;
        private WifiState _wifi;
        private MqttState _mqtt;
        private bool _modbus;
        private bool _ota;
        private bool _armed;

        /// <param name="leds">The LEDs, or null when there are none.</param>
        public IndicatorDriver(ILeds leds, Log log)
        {
            _panel = leds == null ? null : new IndicatorPanel(leds);
            _log = log;
        }

        public IndicatorState State => _state;

        public void Show(WifiState wifi, MqttState mqtt, bool modbus, bool ota, bool armed, long nowMs)
        {
            _state.Wifi = wifi;
            _state.Mqtt = mqtt;
            _state.ModbusResponding = modbus;
            _state.OtaInProgress = ota;
            _state.ResetArmed = armed;
            if (_panel != null)
            {
                _panel.Refresh(_state, nowMs);
            }

            if (_logged && wifi == _wifi && mqtt == _mqtt && modbus == _modbus && ota == _ota && armed == _armed)
            {
                return;
            }

            _logged = true;
            _wifi = wifi;
            _mqtt = mqtt;
            _modbus = modbus;
            _ota = ota;
            _armed = armed;
            _log.Write(LogLevel.Info, "leds", "state", new[]
            {
                "wifi", WifiText(wifi), "mqtt", MqttText(mqtt), "modbus", OnOff(modbus), "ota", OnOff(ota), "reset", armed ? "armed" : "off",
            });
        }

        public static WifiState WifiOf(NetworkState state)
        {
            switch (state)
            {
                case NetworkState.Connecting: return WifiState.Connecting;
                case NetworkState.Connected: return WifiState.Connected;
                case NetworkState.Failed: return WifiState.Failed;
                case NetworkState.AccessPoint: return WifiState.AccessPoint;
                default: return WifiState.Off;
            }
        }

        private static string WifiText(WifiState state)
        {
            switch (state)
            {
                case WifiState.Connecting: return "connecting";
                case WifiState.Connected: return "connected";
                case WifiState.Failed: return "failed";
                case WifiState.AccessPoint: return "access-point";
                case WifiState.AccessPointClosed: return "access-point-closed";
                default: return "off";
            }
        }

        private static string MqttText(MqttState state)
        {
            switch (state)
            {
                case MqttState.Connecting: return "connecting";
                case MqttState.Connected: return "connected";
                case MqttState.Failed: return "failed";
                default: return "off";
            }
        }

        private static string OnOff(bool on)
        {
            return on ? "on" : "off";
        }
    }
}
