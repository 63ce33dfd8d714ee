namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// What the outbox did since start, for diagnostics. Nothing is lost silently: every sample offered is
    /// <c>Appended</c> or <c>Refused</c>, and <c>Appended + Restored == Acknowledged + Pending + Dropped + Merged</c> at every
    /// moment (records, an aggregate being one).
    /// </summary>
    public sealed class OutboxCounters
    {
        /// <summary>Samples stored by <see cref="Outbox.Append(byte[], int, int)"/> or <see cref="Outbox.Append(Telemetry.Sample)"/>.</summary>
        public int Appended;

        /// <summary>Valid records found in the files at <see cref="Outbox.Open"/>.</summary>
        public int Restored;

        public int Acknowledged;

        /// <summary>Unacknowledged records thrown away because the cap was reached and nothing could be thinned (oldest first).</summary>
        public int Dropped;

        /// <summary>Records that thinning folded into aggregates, beyond the aggregates themselves (10 samples into 1: 9).</summary>
        public int Merged;

        /// <summary>Groups of segments thinned.</summary>
        public int Thinned;

        /// <summary>Samples not stored: larger than a record may be, or the file store failed.</summary>
        public int Refused;

        /// <summary>Damaged or torn stretches skipped while reading the files, and records that could not be decoded (RELIABILITY S1).</summary>
        public int Corrupt;

        public int BatchesSent;
        public int BatchesAcknowledged;
        public int BatchesReleased;
        public int StoreErrors;
    }
}
