namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// Numbers the samples of one epoch: <c>seq = epoch x 1,000,000,000 + n</c> with n counting from 1 in RAM. The
    /// epoch is the boot count of the boot journal, stored before the first sample of a boot is numbered, so a pair
    /// never repeats on a device: not after a restart, a power cut or a factory reset (which keeps the journal). A
    /// consumer drops a sample whose (device, seq) it has seen (docs/telemetry-schema.md). Decimal, so that a person
    /// reads the epoch and the count off the number, and below 2^53 for 9 million epochs, so that JavaScript keeps it
    /// exact.
    /// </summary>
    public sealed class SampleSequence
    {
        public const long PerEpoch = 1000000000L;

        private readonly long _base;
        private long _count;

        public SampleSequence(long epoch)
        {
            Epoch = epoch;
            _base = epoch * PerEpoch;
        }

        public long Epoch { get; }

        /// <summary>Every number of the epoch is taken: the caller must start a new epoch before <see cref="Next"/>.</summary>
        public bool Exhausted => _count == PerEpoch - 1;

        /// <summary>The last number handed out; 0 before the first.</summary>
        public long Last => _count == 0 ? 0 : _base + _count;

        /// <summary>The next number of this epoch.</summary>
        public long Next()
        {
            if (Exhausted)
            {
                throw new System.InvalidOperationException("sequence epoch exhausted");
            }

            _count++;
            return _base + _count;
        }

        /// <summary>The epoch a sequence number belongs to.</summary>
        public static long EpochOf(long seq)
        {
            return seq / PerEpoch;
        }
    }
}
