namespace EnergyLogger.Core.Local
{
    /// <summary>What the SunSpec common model (1) says about the logger: set once at start, never a secret.</summary>
    public sealed class DeviceIdentity
    {
        public DeviceIdentity(string manufacturer, string model, string version, string serial)
        {
            Manufacturer = manufacturer;
            Model = model;
            Version = version;
            Serial = serial;
        }

        /// <summary>Mn, up to 32 characters.</summary>
        public string Manufacturer { get; }

        /// <summary>Md, up to 32 characters: the register map's name, which names the inverter it reads.</summary>
        public string Model { get; }

        /// <summary>Vr, up to 16 characters: the firmware version.</summary>
        public string Version { get; }

        /// <summary>SN, up to 32 characters: the logger's MAC address.</summary>
        public string Serial { get; }
    }
}
