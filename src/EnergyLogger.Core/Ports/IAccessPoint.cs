namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// The provisioning access point <c>energy-logger-XXXX</c>: the soft-AP on the board, a port-4242 listener on the
    /// host. Core decides when it is up (Runtime's <c>AccessPointWindow</c>); the adapter only does as it is told.
    /// </summary>
    public interface IAccessPoint
    {
        /// <summary>
        /// Brings it up with WPA2-PSK and <paramref name="key"/>, or open when the key is empty. True when the board
        /// must restart for that (the ESP32 reads its access-point configuration only when its Wi-Fi starts).
        /// </summary>
        bool Open(string key);

        /// <summary>Takes it down; true when the board must restart for that.</summary>
        bool Close();
    }
}
