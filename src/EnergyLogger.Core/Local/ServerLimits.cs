namespace EnergyLogger.Core.Local
{
    /// <summary>What the local MODBUS TCP server allows, the same on the device and on the host.</summary>
    public static class ServerLimits
    {
        /// <summary>Clients at once; one more is accepted and closed at once, so a flood never starves the accept loop.</summary>
        public const int MaxClients = 4;

        /// <summary>A client that sends nothing for this long is closed, so a forgotten one does not hold a slot forever.</summary>
        public const int IdleTimeoutMs = 60000;

        /// <summary>A client that does not take its reply within this long is closed (a slow reader).</summary>
        public const int SendTimeoutMs = 5000;

        /// <summary>
        /// A gateway request the main loop has not taken within this long (cycles that leave no gap) is answered 0x0B, so
        /// a client is never left without a reply; well inside the usual clients' own timeouts of a few seconds.
        /// </summary>
        public const int GatewayWaitMs = 4000;

        /// <summary>How often a session waiting for the gateway looks for its reply.</summary>
        public const int GatewayPollMs = 2;
    }
}
