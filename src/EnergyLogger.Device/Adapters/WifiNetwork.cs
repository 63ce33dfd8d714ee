using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="INetwork"/> on the ESP32-S3's Wi-Fi. The station joins with automatic reconnection, so after a
    /// drop the ESP-IDF driver rejoins by itself and the state reads Connecting until it has an address again.
    /// nanoFramework has no call for the joined network's signal, so the RSSI comes from a background scan,
    /// started at most every <see cref="RssiScanIntervalMs"/> when it is read; it is 0 until the first scan ends.
    /// A scan the cloud asks for (<c>wifi_scan</c>) uses the same adapter; nanoFramework 1.17's
    /// <c>WifiAvailableNetwork</c> gives the name and the signal only, so channel and security are reported unknown.
    /// A join the cloud asks for (<c>set_wifi</c>) runs on a thread of its own, so the main loop keeps turning.
    /// </summary>
    public sealed class WifiNetwork : INetwork
    {
        public const int RssiScanIntervalMs = 300000;

        /// <summary>How long a join the cloud asks for may take before it counts as failed.</summary>
        public const int JoinTimeoutMs = 30000;

        private readonly byte[] _mac;
        private readonly object _gate = new object();
        private NetworkState _mode = NetworkState.Down;
        private string _ssid;
        private WifiAdapter _scanner;
        private int _rssi;
        private long _nextScanMs;
        private bool _joining;
        private string _joinKey;
        private bool _scanWanted;
        private ScannedNetwork[] _scanResults;

        public WifiNetwork()
        {
            _mac = SoftAccessPoint.StationMac();
        }

        public byte[] Mac => _mac;

        public NetworkState State
        {
            get
            {
                NetworkState mode;
                lock (_gate)
                {
                    // While a join runs, the address of the network being left must not read as joined.
                    mode = _joining ? NetworkState.Connecting : _mode;
                    if (_joining || mode == NetworkState.Down || mode == NetworkState.AccessPoint)
                    {
                        return mode;
                    }
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
                    StartAdapterScan();
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

        public string Ssid
        {
            get
            {
                lock (_gate)
                {
                    return _mode == NetworkState.AccessPoint ? null : _ssid;
                }
            }
        }

        /// <summary>Not reported by nanoFramework 1.17's Wi-Fi API.</summary>
        public int Channel => 0;

        public ScannedNetwork[] ScanResults
        {
            get
            {
                lock (_gate)
                {
                    return _scanWanted ? null : _scanResults;
                }
            }
        }

        /// <summary>
        /// Joins <paramref name="ssid"/> with DHCP and waits for SNTP time (<see cref="WifiStation.Connect"/>), blocking: the boot's
        /// join. True when both happened; with false the state still turns Connected if the join alone succeeded or succeeds later.
        /// </summary>
        public bool JoinBlocking(string ssid, string key, int timeoutMs)
        {
            lock (_gate)
            {
                _ssid = ssid;
                _mode = NetworkState.Connecting;
            }

            bool joined = WifiStation.Connect(ssid, key, timeoutMs);
            lock (_gate)
            {
                _mode = joined ? NetworkState.Connected : NetworkState.Failed;
            }

            return joined;
        }

        /// <summary>The cloud's join: the same as the boot's, on a thread, so <see cref="State"/> reads Connecting meanwhile.</summary>
        public void Join(string ssid, string key)
        {
            lock (_gate)
            {
                if (_joining)
                {
                    return;
                }

                _joining = true;
                _ssid = ssid;
                _joinKey = key;
                _rssi = 0;
            }

            new Thread(JoinInBackground).Start();
        }

        public bool StartScan()
        {
            lock (_gate)
            {
                if (_joining || _mode == NetworkState.AccessPoint)
                {
                    return false;
                }

                _scanWanted = true;
                _scanResults = null;
            }

            if (StartAdapterScan())
            {
                return true;
            }

            lock (_gate)
            {
                _scanWanted = false;
            }

            return false;
        }

        /// <summary>The provisioning access point is up (<see cref="SoftAccessPoint"/>).</summary>
        public void MarkAccessPoint()
        {
            lock (_gate)
            {
                _mode = NetworkState.AccessPoint;
            }
        }

        private void JoinInBackground()
        {
            string ssid, key;
            lock (_gate)
            {
                ssid = _ssid;
                key = _joinKey;
                _joinKey = null;
            }

            bool joined = false;
            try
            {
                joined = WifiStation.Connect(ssid, key, JoinTimeoutMs);
            }
            catch (Exception)
            {
                // A driver error is a failed join; the caller goes back to the network it came from.
            }

            lock (_gate)
            {
                _mode = joined ? NetworkState.Connected : NetworkState.Failed;
                _joining = false;
            }
        }

        private bool StartAdapterScan()
        {
            try
            {
                if (_scanner == null)
                {
                    _scanner = WifiAdapter.FindAllAdapters()[0];
                    _scanner.AvailableNetworksChanged += OnScanned;
                }

                _scanner.ScanAsync();
                return true;
            }
            catch (Exception)
            {
                // A scan refused while the driver is busy (joining) is tried again at the next interval.
                return false;
            }
        }

        /// <summary>
        /// Every network seen, for a scan that was asked for; and the strongest access point with the joined name as the
        /// signal (with several, an estimate of the one in use).
        /// </summary>
        private void OnScanned(WifiAdapter sender, object e)
        {
            WifiAvailableNetwork[] seen = sender.NetworkReport.AvailableNetworks;
            var found = new ScannedNetwork[seen.Length];
            int best = 0;
            string ssid = Ssid;
            for (int i = 0; i < seen.Length; i++)
            {
                int rssi = (int)seen[i].NetworkRssiInDecibelMilliwatts;
                found[i] = new ScannedNetwork(seen[i].Ssid, rssi, 0, null);
                if (seen[i].Ssid == ssid && (best == 0 || rssi > best))
                {
                    best = rssi;
                }
            }

            lock (_gate)
            {
                if (best != 0)
                {
                    _rssi = best;
                }

                if (_scanWanted)
                {
                    _scanResults = found;
                    _scanWanted = false;
                }
            }
        }
    }
}
