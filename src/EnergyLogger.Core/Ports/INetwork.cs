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

        // Remote management (docs/cloud.md, "Commands"): the network in use, a scan, and joining another network.

        /// <summary>The name of the network the station is on or joining; null when there is none.</summary>
        string Ssid { get; }

        /// <summary>The joined network's channel; 0 when unknown (the board's Wi-Fi API does not report it).</summary>
        int Channel { get; }

        /// <summary>
        /// Leaves the network the station is on and starts joining <paramref name="ssid"/> with <paramref name="key"/> (empty for an
        /// open network). Returns at once: <see cref="State"/> reads Connecting until the station has an address (Connected)
        /// or gives up (Failed). Nothing is stored: the settings decide the network of the next boot.
        /// </summary>
        void Join(string ssid, string key);

        /// <summary>Starts a scan for the networks in range without leaving the joined one; false when none can start now.</summary>
        bool StartScan();

        /// <summary>What the scan <see cref="StartScan"/> started found, once it has finished; null until then.</summary>
        ScannedNetwork[] ScanResults { get; }
    }

    /// <summary>One network a scan found. Channel 0 and a null security mean the adapter does not say.</summary>
    public sealed class ScannedNetwork
    {
        public ScannedNetwork(string ssid, int rssi, int channel, string security)
        {
            Ssid = ssid;
            Rssi = rssi;
            Channel = channel;
            Security = security;
        }

        public string Ssid { get; }

        /// <summary>Signal in dBm.</summary>
        public int Rssi { get; }

        public int Channel { get; }

        /// <summary><c>open</c>, <c>wep</c>, <c>wpa</c>, <c>wpa2</c>, <c>wpa3</c>, or null when unknown.</summary>
        public string Security { get; }
    }
}
