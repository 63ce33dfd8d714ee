using EnergyLogger.Core.Ports;
using nanoFramework.Runtime.Native;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// A full reset of the ESP32-S3 (nanoCLR and Wi-Fi start again; the soft-AP and station settings are read
    /// anew). The reason is in the boot journal before Core calls this.
    /// </summary>
    public sealed class DeviceReboot : IReboot
    {
        public void Reboot()
        {
            Power.RebootDevice();
        }
    }
}
