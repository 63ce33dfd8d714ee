using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Local;

/// <summary>
/// Core's <see cref="MdnsResponder"/> on the host's LAN interface (docs/local-access.md): a UDP socket on port 5353
/// shared with other responders (address reuse), in the group 224.0.0.251; it announces at start, again a second later
/// (RFC 6762, 8.3) and whenever the MODBUS TCP server's switch moves, and answers queries for the logger's names.
/// Announced while a local service is on; a host without a multicast interface is logged and runs on unannounced.
/// </summary>
internal sealed class MdnsAnnouncer : IDisposable
{
    private static readonly IPEndPoint Group = new(IPAddress.Parse("224.0.0.251"), MdnsResponder.Port);

    private readonly MdnsResponder _responder;
    private readonly LocalSwitch? _modbus;
    private readonly PageSwitch? _page;
    private readonly int _pagePort;
    private readonly Log _log;
    private readonly byte[] _out = new byte[MdnsResponder.MaxMessage];
    private readonly Thread _thread;
    private Socket? _socket;
    private int _version = -1;
    private long _announceAgainMs;
    private volatile bool _stopping;

    /// <param name="pagePort">The status page's port, announced with the logger's service while <paramref name="page"/> is on.</param>
    public MdnsAnnouncer(MdnsResponder responder, LocalSwitch? modbus, PageSwitch? page, int pagePort, Log log)
    {
        _responder = responder;
        _modbus = modbus;
        _page = page;
        _pagePort = pagePort;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "mdns" };
    }

    public void Start()
    {
        IPAddress? address = LanAddress();
        if (address is null)
        {
            _log.Write(LogLevel.Error, "local", "cannot announce over mdns", "error", "no IPv4 interface with multicast");
            return;
        }

        try
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, MdnsResponder.Port));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group.Address, address));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, address.GetAddressBytes());
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            socket.ReceiveTimeout = 500;
            _socket = socket;
        }
        catch (SocketException e)
        {
            _log.Write(LogLevel.Error, "local", "cannot announce over mdns", "error", e.Message);
            return;
        }

        _responder.SetAddress(address.GetAddressBytes());
        _thread.Start();
        _log.Write(LogLevel.Info, "local", "announced over mdns", "host", _responder.HostName, "address", address.ToString());
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.ThreadState != ThreadState.Unstarted)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _socket?.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[MdnsResponder.MaxMessage];
        while (!_stopping)
        {
            FollowSwitch();
            if (_announceAgainMs != 0 && Environment.TickCount64 >= _announceAgainMs)
            {
                _announceAgainMs = 0;
                Send(_responder.Announce(_out));
            }

            int received;
            try
            {
                received = _socket!.Receive(buffer);
            }
            catch (SocketException)
            {
                // The receive timeout: time to look at the switch again.
                continue;
            }

            Send(_responder.Answer(buffer, received, _out));
        }
    }

    private void FollowSwitch()
    {
        // Both versions only grow, so their sum moves whenever either switch does.
        int version = (_modbus?.Version ?? 0) + (_page?.Version ?? 0);
        if (version == _version)
        {
            return;
        }

        _version = version;
        _responder.SetModbus(_modbus is { On: true }, _modbus?.Port ?? 0, _modbus?.Unit ?? 0);
        _responder.SetLoggerPort(_page is { On: true } ? _pagePort : 0);
        Send(_responder.Announce(_out));
        _announceAgainMs = Environment.TickCount64 + 1000;
    }

    private void Send(int length)
    {
        if (length <= 0)
        {
            return;
        }

        try
        {
            _socket!.SendTo(_out, 0, length, SocketFlags.None, Group);
        }
        catch (SocketException e)
        {
            _log.Write(LogLevel.Warn, "local", "mdns send failed", "error", e.Message);
        }
    }

    /// <summary>The first IPv4 address of an interface that is up, not loopback and supports multicast.</summary>
    private static IPAddress? LanAddress()
    {
        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback && n.SupportsMulticast)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
    }
}
