using System.Net;
using System.Net.NetworkInformation;
using Iot.Device.DhcpServer;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The provisioning access point <c>energy-logger-XXXX</c> at 192.168.4.1 (docs/provisioning.md).
    /// The ESP32 Wi-Fi driver reads the AP configuration only when it starts, so changing it means a
    /// reboot; and the ESP32 port leaves DHCP on the AP to managed code, hence the DHCP server.
    /// </summary>
    public static class SoftAccessPoint
    {
        public const string Address = "192.168.4.1";
        public const string Mask = "255.255.255.0";

        /// <summary>Phones and laptops joining at once; matches the two sessions port 4242 serves.</summary>
        private const byte MaxStations = 2;

        /// <summary><c>energy-logger-</c> and the last four hex digits of the MAC.</summary>
        public static string SsidFor(byte[] mac)
        {
            return "energy-logger-" + mac[mac.Length - 2].ToString("X2") + mac[mac.Length - 1].ToString("X2");
        }

        /// <summary>The Wi-Fi station MAC, which names the access point and the MQTT client.</summary>
        public static byte[] StationMac()
        {
            return Find(NetworkInterfaceType.Wireless80211).PhysicalAddress;
        }

        /// <summary>Enables the open access point; true when the stored configuration changed and the caller must reboot.</summary>
        public static bool Enable(string ssid)
        {
            NetworkInterface ap = Find(NetworkInterfaceType.WirelessAP);
            ap.EnableStaticIPv4(Address, Mask, Address);
            WirelessAPConfiguration config = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ap.SpecificConfigId];
            var wanted = WirelessAPConfiguration.ConfigurationOptions.AutoStart | WirelessAPConfiguration.ConfigurationOptions.Enable;
            if (config.Options == wanted && config.Ssid == ssid)
            {
                return false;
            }

            config.Options = wanted;
            config.Ssid = ssid;
            // Spelled out: System.Net.Http brings a System.Net.AuthenticationType (HTTP authentication) as well.
            config.Authentication = System.Net.NetworkInformation.AuthenticationType.Open;
            config.Encryption = EncryptionType.None;
            config.MaxConnections = MaxStations;
            config.SaveConfiguration();
            return true;
        }

        /// <summary>Turns the access point off for the next start; true when it was on and the caller must reboot.</summary>
        public static bool Disable()
        {
            NetworkInterface ap = Find(NetworkInterfaceType.WirelessAP);
            WirelessAPConfiguration config = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ap.SpecificConfigId];
            if (config.Options == WirelessAPConfiguration.ConfigurationOptions.None)
            {
                return false;
            }

            config.Options = WirelessAPConfiguration.ConfigurationOptions.None;
            config.SaveConfiguration();
            return true;
        }

        /// <summary>Starts handing out addresses on the AP network; null when the server could not start.</summary>
        public static DhcpServer StartDhcp()
        {
            var server = new DhcpServer();
            if (server.Start(IPAddress.Parse(Address), IPAddress.Parse(Mask)))
            {
                return server;
            }

            server.Dispose();
            return null;
        }

        private static NetworkInterface Find(NetworkInterfaceType type)
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == type)
                {
                    return all[i];
                }
            }

            return null;
        }
    }
}
