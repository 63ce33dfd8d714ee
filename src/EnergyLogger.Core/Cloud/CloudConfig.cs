using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// A configuration from the cloud (docs/cloud.md, "Configuration"), validated completely: the register map
    /// with its computed fields and value maps, the poll intervals and the schedule. 0 for an interval keeps the current one.
    /// </summary>
    public sealed class CloudConfig
    {
        public string Id { get; internal set; }

        public RegisterMap Map { get; internal set; }

        public int FastIntervalMs { get; internal set; }

        public int NormalIntervalMs { get; internal set; }

        public int SlowIntervalMs { get; internal set; }

        /// <summary>The schedule, checked against <see cref="Map"/>; null when the config has none.</summary>
        public Schedule Schedule { get; internal set; }
    }
}
