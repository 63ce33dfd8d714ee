namespace EnergyLogger.Core.Ports
{
    /// <summary>The six status LEDs of the logger, in the order of the datasheet's LED table.</summary>
    public enum Led
    {
        WifiOk,
        WifiError,
        MqttOk,
        MqttError,
        /// <summary>The MODBUS slave is responding.</summary>
        Modbus,
        /// <summary>An OTA download is in progress.</summary>
        Ota,
    }

    /// <summary>Switches LEDs: GPIO pins on the device, console output on the host.</summary>
    public interface ILeds
    {
        void Set(Led led, bool on);
    }
}
