namespace EnergyLogger.Core.Cloud
{
    /// <summary>The link's diagnostics: connection history, replies, rejections, and the last problem in words.</summary>
    public sealed class CloudCounters
    {
        public int ConnectAttempts;
        public int Connects;
        public int ConnectFailures;
        public int ConnectionsLost;

        /// <summary>DCX batches answered on /status (or PUBACK in custom-MQTT mode).</summary>
        public int BatchesAcknowledged;

        /// <summary>DCX /error replies; the batch stays in the outbox.</summary>
        public int BatchErrors;

        /// <summary>Requests with no answer within the reply timeout.</summary>
        public int Timeouts;

        /// <summary>/error replies to anything else (metadata, config, results).</summary>
        public int RequestErrors;

        public int PublishFailures;
        public int ConfigsApplied;
        public int ConfigsRejected;
        public int CommandsExecuted;
        public int CommandsRefused;
        public int CommandsDuplicate;
        public int CommandsOverflow;
        public int MessagesIgnored;

        /// <summary>The last connect failure, error reply or rejection, for the diagnostics page and logs.</summary>
        public string LastError;
    }
}
