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
    }
}
