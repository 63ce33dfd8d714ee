using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>Joins the installer's network in station mode.</summary>
    public static class WifiStation
    {
        /// <summary>
        /// Connects with DHCP and waits for SNTP time as well, because TLS certificate dates cannot be
        /// checked before it. False when either does not happen within the timeout.
        /// </summary>
        public static bool Connect(string ssid, string key, int timeoutMs)
        {
            var timeout = new CancellationTokenSource(timeoutMs);
            return WifiNetworkHelper.ConnectDhcp(ssid, key, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
        }
    }
}
