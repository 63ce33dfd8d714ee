using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>What the cloud protocols need from the rest of the logger. The runtime implements it.</summary>
    public interface ICloudHost
    {
        /// <summary>The facts reported as metadata for an endpoint (0 is the logger's own), or null for none.</summary>
        DeviceFacts Facts(int endpoint);

        /// <summary>The register map in use, for remote reads and the writable set of remote writes.</summary>
        RegisterMap Map { get; }

        /// <summary>The master of the bus a slave is on, or null when no device of the map has that address.</summary>
        ModbusMaster Bus(int slave);

        /// <summary>A configuration that passed validation and was stored; it takes effect at the next cycle boundary.</summary>
        void ApplyConfig(CloudConfig config);

        /// <summary>A software offer from CMX_OTA (the OTA updater decides and reports).</summary>
        void OfferUpdate(byte[] json, int offset, int count);

        /// <summary>Restart now; called only once the result of the reboot command was acknowledged.</summary>
        void Reboot();
    }
}
