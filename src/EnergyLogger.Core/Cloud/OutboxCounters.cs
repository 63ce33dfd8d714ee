namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// What the outbox did since start, for diagnostics. Nothing is lost silently: every sample offered is
    /// <c>Appended</c> or <c>Refused</c>, and <c>Appended + Restored == Acknowledged + Pending + Dropped</c> at every moment.
    /// </summary>
    public sealed class OutboxCounters
    {
        /// <summary>Samples stored by <see cref="Outbox.Append"/>.</summary>
        public int Appended;

        /// <summary>Valid records found in the files at <see cref="Outbox.Open"/>.</summary>
        public int Restored;

        public int Acknowledged;

        /// <summary>Unacknowledged records thrown away because the cap was reached (oldest first).</summary>
        public int Dropped;

        /// <summary>Samples not stored: larger than a record may be, or the file store failed.</summary>
        public int Refused;

        /// <summary>Damaged or torn stretches skipped while reading the files (RELIABILITY S1).</summary>
        public int Corrupt;

        public int BatchesSent;
        public int BatchesAcknowledged;
        public int BatchesReleased;
        public int StoreErrors;
    }
}
