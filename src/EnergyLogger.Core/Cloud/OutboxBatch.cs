namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// A run of consecutive records of one segment handed out as one JSON array. The sender keeps it until the
    /// cloud answers, then gives it back to <see cref="Outbox.Acknowledge"/> or <see cref="Outbox.Release"/>.
    /// </summary>
    public sealed class OutboxBatch
    {
        internal int Segment;
        internal int First;

        /// <summary>The entry after the batch's last.</summary>
        internal int End;

        /// <summary>Records in the batch.</summary>
        public int Count { get; internal set; }

        /// <summary>Bytes of the JSON array in the caller's buffer.</summary>
        public int Length { get; internal set; }

        /// <summary>True when it carries the newest samples rather than backlog.</summary>
        public bool Live { get; internal set; }
    }
}
