using System.Net;
using System.Net.NetworkInformation;
using EnergyLogger.Core.Ports;
using Iot.Device.DhcpServer;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The provisioning access point <c>energy-logger-XXXX</c> at 192.168.4.1 (docs/provisioning.md): WPA2-PSK with
    /// the label's key, or open without one. Core's window says when it is up. The ESP32 Wi-Fi driver reads the AP
    /// configuration only when it starts, so a change is stored for the next start and asks for a reboot; and the
    /// ESP32 port leaves DHCP on the AP to managed code, hence the DHCP server.
    /// </summary>
    public sealed class SoftAccessPoint : IAccessPoint
    {
        public const string Address = "192.168.4.1";
        public const string Mask = "255.255.255.0";

        /// <summary>Phones and laptops joining at once; matches the two sessions port 4242 serves.</summary>
        private const byte MaxStations = 2;

        private readonly string _ssid;

        public SoftAccessPoint(string ssid)
        {
            _ssid = ssid;
        }

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

        /// <summary>
        /// Enables the access point, WPA2-PSK with <paramref name="key"/> or open when it is empty; true when the stored
        /// configuration changed and the board must reboot.
        /// </summary>
        public bool Open(string key)
        {
            NetworkInterface ap = Find(NetworkInterfaceType.WirelessAP);
            ap.EnableStaticIPv4(Address, Mask, Address);
            WirelessAPConfiguration config = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ap.SpecificConfigId];
            var wanted = WirelessAPConfiguration.ConfigurationOptions.AutoStart | WirelessAPConfiguration.ConfigurationOptions.Enable;
            bool secured = key.Length != 0;

            // Spelled out: System.Net.Http brings a System.Net.AuthenticationType (HTTP authentication) as well.
            System.Net.NetworkInformation.AuthenticationType authentication = secured
                ? System.Net.NetworkInformation.AuthenticationType.WPA2
                : System.Net.NetworkInformation.AuthenticationType.Open;
            if (config.Options == wanted && config.Ssid == _ssid && config.Authentication == authentication && (!secured || config.Password == key))
            {
                return false;
            }

            config.Options = wanted;
            config.Ssid = _ssid;
            config.Authentication = authentication;
            config.Encryption = secured ? EncryptionType.WPA2 : EncryptionType.None;
            config.Password = secured ? key : "";
            config.MaxConnections = MaxStations;
            config.SaveConfiguration();
            return true;
        }

        /// <summary>Turns the access point off for the next start; true when it was on and the board must reboot.</summary>
        public bool Close()
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
