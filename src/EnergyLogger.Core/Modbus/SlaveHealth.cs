namespace EnergyLogger.Core.Modbus
{
    public enum SlaveState
    {
        /// <summary>Not asked yet.</summary>
        Unknown,
        Online,
        /// <summary>Failed too often in a row; probed slowly until it answers again.</summary>
        Offline,
    }

    /// <summary>What the master knows of one slave on the bus.</summary>
    public sealed class SlaveHealth
    {
        public SlaveHealth(byte slave)
        {
            Slave = slave;
        }

        public byte Slave { get; }

        public SlaveState State { get; private set; }

        public int ConsecutiveFailures { get; private set; }

        public long LastReplyMs { get; private set; } = -1;

        /// <summary>When an offline slave may be probed next.</summary>
        public long NextProbeMs { get; private set; }

        public int Transactions { get; private set; }

        public int Failures { get; private set; }

        /// <summary>True unless the slave is offline and its next probe is not due yet.</summary>
        public bool IsDue(long nowMs)
        {
            return State != SlaveState.Offline || nowMs >= NextProbeMs;
        }

        /// <summary>The slave answered with an intact frame (data, exception or even a wrong echo).</summary>
        internal void OnAnswer(long nowMs)
        {
            Transactions++;
            ConsecutiveFailures = 0;
            LastReplyMs = nowMs;
            State = SlaveState.Online;
        }

        /// <summary>No intact answer from the slave after all attempts.</summary>
        internal void OnFailure(long nowMs, MasterOptions options)
        {
            Transactions++;
            Failures++;
            ConsecutiveFailures++;
            if (ConsecutiveFailures >= options.OfflineAfterFailures)
            {
                State = SlaveState.Offline;
                NextProbeMs = nowMs + options.OfflineProbeIntervalMs;
            }
        }
    }
}
