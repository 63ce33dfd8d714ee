namespace EnergyLogger.Core.Indicators
{
    /// <summary>The Wi-Fi link as the LEDs show it.</summary>
    public enum WifiState
    {
        Off,
        Connecting,
        Connected,
        /// <summary>Joining the configured network failed and the logger is waiting to retry.</summary>
        Failed,
        /// <summary>Provisioning: the logger's own access point is up, waiting for an installer.</summary>
        AccessPoint,
        /// <summary>Provisioning, but the access point's window has closed: a short press of the button opens it again.</summary>
        AccessPointClosed,
    }

    /// <summary>The broker connection as the LEDs show it.</summary>
    public enum MqttState
    {
        Off,
        Connecting,
        Connected,
        /// <summary>The last attempt failed (refused, TLS, lost) and the logger is backing off.</summary>
        Failed,
    }

    /// <summary>What the main loop knows that the LEDs show; it sets these and the panel does the rest.</summary>
    public sealed class IndicatorState
    {
        public WifiState Wifi { get; set; }

        public MqttState Mqtt { get; set; }

        /// <summary>At least one MODBUS slave answered within its poll class's recent cycles.</summary>
        public bool ModbusResponding { get; set; }

        public bool OtaInProgress { get; set; }

        /// <summary>The reset button is held long enough that letting go now wipes the credentials.</summary>
        public bool ResetArmed { get; set; }
    }
}
