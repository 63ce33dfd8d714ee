using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The host's network as the logger sees it: the configured MAC, the first IPv4 address, and a Wi-Fi made of the
/// networks the config's <c>wifi</c> lists (docs/runtime.md, "The host virtual device"). The station starts on the
/// settings' network; a join takes the network's <c>joinMs</c> and succeeds when the network is listed and the key
/// matches; a network with <c>cloud</c> false lets the station join but no broker be reached
/// (<see cref="WifiGatedSession"/>), which is how a <c>set_wifi</c> that must be undone is tried on a PC. Without a
/// <c>wifi</c> list the PC is on its own network under the settings' name: scans find nothing and no other name joins.
/// In provisioning mode it reports the access point, which the loopback listener on port 4242 stands in for.
/// </summary>
internal sealed class HostNetwork : INetwork
{
    private const int ScanMs = 300;

    private readonly byte[] _mac;
    private readonly bool _accessPoint;
    private readonly HostWifi _wifi;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private HostWifi.Network? _current;
    private string? _ssid;
    private string _key = "";
    private NetworkState _state;
    private long _joinEndsMs;
    private long _scanEndsMs = -1;

    /// <param name="ssid">The settings' network, which the station is on at boot if the Wi-Fi has it.</param>
    public HostNetwork(byte[] mac, bool accessPoint, string ssid, HostWifi wifi)
    {
        _mac = mac;
        _accessPoint = accessPoint;
        _wifi = wifi;
        _ssid = ssid;
        _current = wifi.Find(ssid);
        _state = _current is null ? NetworkState.Failed : NetworkState.Connected;
    }

    /// <summary>Counts joins: a broker connection made before the last one went over a network the station has left.</summary>
    public int Generation { get; private set; }

    /// <summary>Whether a broker can be reached now: joined, to a network with a way out.</summary>
    public bool ReachesCloud
    {
        get
        {
            lock (_gate)
            {
                Settle();
                return _state == NetworkState.Connected && _current!.Cloud;
            }
        }
    }

    public NetworkState State
    {
        get
        {
            lock (_gate)
            {
                Settle();
                return _accessPoint ? NetworkState.AccessPoint : _state;
            }
        }
    }

    public int Rssi => Joined?.Rssi ?? 0;

    public byte[] Mac => _mac;

    /// <summary>The PC's own address while the station is joined, and in provisioning mode, where the PC stands in for the access point.</summary>
    public string? Ip => !_accessPoint && Joined is null ? null : NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString();

    public string? Ssid
    {
        get
        {
            lock (_gate)
            {
                return _accessPoint ? null : _ssid;
            }
        }
    }

    public int Channel => Joined?.Channel ?? 0;

    public ScannedNetwork[]? ScanResults
    {
        get
        {
            lock (_gate)
            {
                if (_scanEndsMs < 0 || _clock.ElapsedMilliseconds < _scanEndsMs)
                {
                    return null;
                }

                return [.. _wifi.Networks.Where(n => n.Listed).Select(n => new ScannedNetwork(n.Ssid, n.Rssi, n.Channel, n.Security))];
            }
        }
    }

    private HostWifi.Network? Joined
    {
        get
        {
            lock (_gate)
            {
                Settle();
                return _accessPoint || _state != NetworkState.Connected ? null : _current;
            }
        }
    }

    public void Join(string ssid, string key)
    {
        lock (_gate)
        {
            Generation++;
            _ssid = ssid;
            _key = key;
            _current = null;
            _state = NetworkState.Connecting;
            _joinEndsMs = _clock.ElapsedMilliseconds + (_wifi.Find(ssid)?.JoinMs ?? HostWifi.DefaultJoinMs);
        }
    }

    public bool StartScan()
    {
        lock (_gate)
        {
            if (_accessPoint)
            {
                return false;
            }

            _scanEndsMs = _clock.ElapsedMilliseconds + ScanMs;
            return true;
        }
    }

    /// <summary>A join whose time is up ends: joined when the network is there and the key is its key.</summary>
    private void Settle()
    {
        if (_state != NetworkState.Connecting || _clock.ElapsedMilliseconds < _joinEndsMs)
        {
            return;
        }

        HostWifi.Network? network = _wifi.Find(_ssid!);
        bool joined = network is not null && network.Accepts(_key);
        _current = joined ? network : null;
        _state = joined ? NetworkState.Connected : NetworkState.Failed;
    }
}
