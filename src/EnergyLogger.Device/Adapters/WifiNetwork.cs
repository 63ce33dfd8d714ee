using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="INetwork"/> on the ESP32-S3's Wi-Fi. The station joins with automatic reconnection, so after a
    /// drop the ESP-IDF driver rejoins by itself and the state reads Connecting until it has an address again.
    /// nanoFramework has no call for the joined network's signal, so the RSSI comes from a background scan,
    /// started at most every <see cref="RssiScanIntervalMs"/> when it is read; it is 0 until the first scan ends.
    /// </summary>
    public sealed class WifiNetwork : INetwork
    {
        public const int RssiScanIntervalMs = 300000;

        private readonly byte[] _mac;
        private NetworkState _mode = NetworkState.Down;
        private string _ssid;
        private WifiAdapter _scanner;
        private int _rssi;
        private long _nextScanMs;

        public WifiNetwork()
        {
            _mac = SoftAccessPoint.StationMac();
        }

        public byte[] Mac => _mac;

        public NetworkState State
        {
            get
            {
                NetworkState mode = _mode;
                if (mode == NetworkState.Down || mode == NetworkState.AccessPoint)
                {
                    return mode;
                }

                if (NetworkInterface.GetIsNetworkAvailable())
                {
                    return NetworkState.Connected;
                }

                return mode == NetworkState.Failed ? NetworkState.Failed : NetworkState.Connecting;
            }
        }

        public int Rssi
        {
            get
            {
                if (State != NetworkState.Connected)
                {
                    return 0;
                }

                long now = Environment.TickCount64;
                if (now >= _nextScanMs)
                {
                    _nextScanMs = now + RssiScanIntervalMs;
                    StartScan();
                }

                return _rssi;
            }
        }

        public string Ip
        {
            get
            {
                NetworkState state = State;
                if (state == NetworkState.AccessPoint)
                {
                    return SoftAccessPoint.Address;
                }

                if (state != NetworkState.Connected)
                {
                    return null;
                }

                // The interface object is a snapshot taken when it is listed, so it is listed again.
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string ip = all[i].IPv4Address;
                        return ip == null || ip.Length == 0 || ip == "0.0.0.0" ? null : ip;
                    }
                }

                return null;
            }
        }

        /// <summary>
        /// Joins <paramref name="ssid"/> with DHCP and waits for SNTP time (<see cref="WifiStation.Connect"/>). True
        /// when both happened; with false the state still turns Connected if the join alone succeeded or succeeds later.
        /// </summary>
        public bool Join(string ssid, string key, int timeoutMs)
        {
            _ssid = ssid;
            _mode = NetworkState.Connecting;
            bool joined = WifiStation.Connect(ssid, key, timeoutMs);
            _mode = joined ? NetworkState.Connected : NetworkState.Failed;
            return joined;
        }

        /// <summary>The provisioning access point is up (<see cref="SoftAccessPoint"/>).</summary>
        public void MarkAccessPoint()
        {
            _mode = NetworkState.AccessPoint;
        }

        private void StartScan()
        {
            try
            {
                if (_scanner == null)
                {
                    _scanner = WifiAdapter.FindAllAdapters()[0];
                    _scanner.AvailableNetworksChanged += OnScanned;
                }

                _scanner.ScanAsync();
            }
            catch (Exception)
            {
                // A scan refused while the driver is busy (joining) is tried again at the next interval.
            }
        }

        /// <summary>The strongest access point with the joined name; with several, an estimate of the one in use.</summary>
        private void OnScanned(WifiAdapter sender, object e)
        {
            WifiAvailableNetwork[] seen = sender.NetworkReport.AvailableNetworks;
            int best = 0;
            for (int i = 0; i < seen.Length; i++)
            {
                int rssi = (int)seen[i].NetworkRssiInDecibelMilliwatts;
                if (seen[i].Ssid == _ssid && (best == 0 || rssi > best))
                {
                    best = rssi;
                }
            }

            if (best != 0)
            {
                _rssi = best;
            }
        }
    }
}
