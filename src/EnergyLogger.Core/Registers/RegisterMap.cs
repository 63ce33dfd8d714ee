namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// A validated register map: devices, points (telemetry first, then metadata), computed fields in
    /// evaluation order, and value maps. It is immutable once loaded, so a poll cycle can use it while
    /// a new map is being checked; see <see cref="MapSlot"/>.
    /// </summary>
    public sealed class RegisterMap
    {
        public string Name { get; internal set; }

        public DeviceDefinition[] Devices { get; internal set; }

        public PointDefinition[] Points { get; internal set; }

        public int TelemetryCount { get; internal set; }

        public int MetadataCount => Points.Length - TelemetryCount;

        public ComputedField[] Computed { get; internal set; }

        public ValueMap[] ValueMaps { get; internal set; }

        /// <summary>
        /// The text of the site map for a map with devices of kind "sunspec": before their chains were walked the map has no
        /// points (<see cref="AwaitsWalk"/>); the map drafted from the walk keeps the text, to draft again when a chain changes.
        /// Null for any other map.
        /// </summary>
        public byte[] SunSpecSite { get; internal set; }

        /// <summary>A SunSpec site whose devices were not walked yet: nothing to read until the map is drafted.</summary>
        public bool AwaitsWalk => SunSpecSite != null && Points.Length == 0;

        /// <summary>Where local midnight is for the daily counters ("timeZone"); UTC unless the map says otherwise.</summary>
        public LocalZone Zone { get; internal set; } = LocalZone.Utc;

        /// <summary>Cloud identities: index 0 is the logger's own (null), then each distinct device endpoint.</summary>
        public string[] Endpoints { get; internal set; }

        /// <summary>Registers of all points together: the size of <see cref="RegisterFrame.Words"/>.</summary>
        public int WordCount { get; internal set; }

        /// <summary>Points and computed fields: the size of <see cref="DecodedValues"/>.</summary>
        public int ValueCount => Points.Length + Computed.Length;

        /// <summary>The point with this name, or -1.</summary>
        public int IndexOfPoint(string name)
        {
            for (int i = 0; i < Points.Length; i++)
            {
                if (Points[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The value slot of a point or computed field with this name, or -1.</summary>
        public int IndexOfValue(string name)
        {
            int point = IndexOfPoint(name);
            if (point >= 0)
            {
                return point;
            }

            for (int i = 0; i < Computed.Length; i++)
            {
                if (Computed[i].Name == name)
                {
                    return Computed[i].ValueIndex;
                }
            }

            return -1;
        }
    }
}
