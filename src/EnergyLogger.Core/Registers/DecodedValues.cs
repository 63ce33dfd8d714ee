namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// One cycle's decoded values: slot i is point i, then the computed fields in evaluation order. Sized
    /// once per map and rewritten every cycle.
    /// </summary>
    public sealed class DecodedValues
    {
        public DecodedValues(RegisterMap map)
        {
            Map = map;
            Values = new double[map.ValueCount];
            Raw = new long[map.ValueCount];
            Quality = new ValueQuality[map.ValueCount];
            Fresh = new bool[map.ValueCount];
            Mismatch = new int[map.Devices.Length];
        }

        /// <summary>
        /// Per device: -1 while its layout holds (or could not be checked this cycle), else the expected-register point it
        /// failed on; its values are then invalid.
        /// </summary>
        public int[] Mismatch { get; }

        public RegisterMap Map { get; }

        /// <summary>The value in its unit; meaningful only when its quality is Ok.</summary>
        public double[] Values { get; }

        /// <summary>The integer after masking, before scaling: codes and bit fields are published from here.</summary>
        public long[] Raw { get; }

        public ValueQuality[] Quality { get; }

        /// <summary>
        /// Points of a class that was not read this cycle whose registers a read made for another class delivered anyway:
        /// refreshed at no cost (the sample says <c>fresh</c>). Set by the poll engine; false for computed fields.
        /// </summary>
        public bool[] Fresh { get; }
    }
}
