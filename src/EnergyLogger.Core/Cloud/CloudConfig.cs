using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// A configuration from the cloud (docs/cloud.md, "Configuration"), validated completely: the register map
    /// with its computed fields and value maps, the poll intervals, the schedule and the local server. 0 for an interval keeps the current one.
    /// </summary>
    public sealed class CloudConfig
    {
        public string Id { get; internal set; }

        public RegisterMap Map { get; internal set; }

        public int FastIntervalMs { get; internal set; }

        public int NormalIntervalMs { get; internal set; }

        public int SlowIntervalMs { get; internal set; }

        /// <summary>The local MODBUS TCP server (docs/local-access.md): -1 when the config does not say (the settings decide), 0 off, 1 on.</summary>
        public int LocalModbus { get; internal set; } = -1;

        /// <summary>Its port; 0 when the config does not say.</summary>
        public int LocalModbusPort { get; internal set; }

        /// <summary>Its unit id; 0 when the config does not say.</summary>
        public int LocalModbusUnit { get; internal set; }

        /// <summary>The local server's transparent gateway: -1 when the config does not say (the settings decide), 0 off, 1 on.</summary>
        public int LocalGateway { get; internal set; } = -1;

        /// <summary>The local status page and JSON API: -1 when the config does not say (the settings decide), 0 off, 1 on.</summary>
        public int LocalHttp { get; internal set; } = -1;

        /// <summary>
        /// The InfluxDB destination (docs/local-access.md, "InfluxDB") as the settings <c>influx.*</c> hold it, complete and
        /// checked by their rules; null when the config does not say (the host's config file or the settings decide).
        /// </summary>
        public DeviceSettings Influx { get; internal set; }

        /// <summary>The schedule, checked against <see cref="Map"/>; null when the config has none.</summary>
        public Schedule Schedule { get; internal set; }
    }
}
