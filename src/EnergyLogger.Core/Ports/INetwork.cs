namespace EnergyLogger.Core.Ports
{
    /// <summary>The Wi-Fi interface as the logger sees it.</summary>
    public enum NetworkState
    {
        Down,
        /// <summary>Joining the configured network.</summary>
        Connecting,
        /// <summary>In station mode with an address.</summary>
        Connected,
        /// <summary>Joining failed; the adapter retries.</summary>
        Failed,
        /// <summary>The logger's own access point is up (provisioning).</summary>
        AccessPoint,
    }

    /// <summary>Station and access-point state, signal and addresses: the Wi-Fi adapter on the board, the host's interfaces on a PC.</summary>
    public interface INetwork
    {
        NetworkState State { get; }

        /// <summary>Signal of the joined network in dBm; 0 when unknown (not joined, or a wired host).</summary>
        int Rssi { get; }

        /// <summary>The station MAC, 6 bytes; the client id and the soft-AP name derive from it.</summary>
        byte[] Mac { get; }

        /// <summary>The IPv4 address in dotted form, or null when there is none.</summary>
        string Ip { get; }
    }
}
