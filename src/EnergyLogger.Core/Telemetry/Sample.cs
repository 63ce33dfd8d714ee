using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// One telemetry sample in the universal schema, laid out by schema field index, plus the values the map
    /// reads without a schema target ("ext"). Built once by <see cref="TelemetryMapper.CreateSample"/> and
    /// refilled every cycle; <see cref="SampleWriter"/> turns it into JSON.
    /// </summary>
    public sealed class Sample
    {
        internal Sample(int extras)
        {
            int n = TelemetrySchema.FieldCount;
            Fed = new bool[n];
            Digits = new int[n];
            ValueMaps = new ValueMap[n];
            UnsignedCodes = new bool[n];
            Values = new double[n];
            Codes = new long[n];
            Quality = new ValueQuality[n];
            Fresh = new bool[n];
            HasMinMax = new bool[n];
            MinValues = new double[n];
            MaxValues = new double[n];
            ExtraNames = new string[extras];
            ExtraPaths = new string[extras];
            ExtraDigits = new int[extras];
            ExtraValues = new double[extras];
            ExtraQuality = new ValueQuality[extras];
            ExtraFresh = new bool[extras];
            ExtraCodes = new long[extras];
            ExtraValueMaps = new ValueMap[extras];
            ExtraTextNames = new string[extras];
        }

        public int SchemaVersion => TelemetrySchema.Version;

        /// <summary>
        /// The sample's number (<see cref="SampleSequence"/>), the key a consumer drops duplicates by; every sample of one
        /// poll cycle carries the same. 0 for none: the sample is written without "seq".
        /// </summary>
        public long Sequence { get; set; }

        /// <summary>
        /// Samples this one stands for when it is an aggregate the outbox made of older samples (docs/cloud.md,
        /// "A week offline"); 0 for a sample. An aggregate's <see cref="Sequence"/> is its first sample's, its times the
        /// last sample's, its numbers the averages of the good values, its energy counters and codes the last good reading.
        /// </summary>
        public int AggregateCount { get; set; }

        /// <summary>An aggregate's last sample.</summary>
        public long SequenceLast { get; set; }

        public long FirstMonotonicMs { get; set; }

        public long FirstUnixMs { get; set; }

        /// <summary>The length of the aggregate's interval, aligned to the wall clock (or to the monotonic clock before it was set).</summary>
        public int IntervalSeconds { get; set; }

        /// <summary>Monotonic time of the cycle; always present, so a sample taken before SNTP can be re-stamped (RELIABILITY S2).</summary>
        public long MonotonicMs { get; set; }

        /// <summary>Wall time in ms since 1970-01-01 UTC; written only when <see cref="ClockSynced"/>.</summary>
        public long UnixMs { get; set; }

        public bool ClockSynced { get; set; }

        /// <summary>True for the fields this map feeds; fixed by the mapper.</summary>
        public bool[] Fed { get; }

        public int[] Digits { get; }

        public ValueMap[] ValueMaps { get; }

        /// <summary>Codes from unsigned registers are written as unsigned (a 64-bit fault word may use its top bit).</summary>
        public bool[] UnsignedCodes { get; }

        public double[] Values { get; }

        public long[] Codes { get; }

        public ValueQuality[] Quality { get; }

        /// <summary>Good values of a poll class not read this cycle that a read for another class refreshed; listed in "q" as "fresh".</summary>
        public bool[] Fresh { get; }

        /// <summary>An aggregate's power fields: the least and the greatest good value of the interval.</summary>
        public bool[] HasMinMax { get; }

        public double[] MinValues { get; }

        public double[] MaxValues { get; }

        public string[] ExtraNames { get; }

        /// <summary>"ext." + name, made once so that the quality list needs no concatenation per cycle.</summary>
        public string[] ExtraPaths { get; }

        public int[] ExtraDigits { get; }

        public double[] ExtraValues { get; }

        public ValueQuality[] ExtraQuality { get; }

        public bool[] ExtraFresh { get; }

        /// <summary>The exact code of an "ext" value with a value map (a 64-bit fault word does not fit a double).</summary>
        public long[] ExtraCodes { get; }

        /// <summary>The value map of an "ext" value, or null; its text is written next to the code as name + "_text".</summary>
        public ValueMap[] ExtraValueMaps { get; }

        /// <summary>name + "_text", made once.</summary>
        public string[] ExtraTextNames { get; }
    }
}
