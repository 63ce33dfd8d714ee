using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Core's <see cref="MdnsResponder"/> on the station interface (docs/local-access.md): a UDP socket on port 5353 in
    /// the group 224.0.0.251, from a thread of its own. It announces once the station has an address, again a second later
    /// and whenever the MODBUS TCP server's switch moves, and answers queries for the logger's names.
    /// </summary>
    public sealed class MdnsAnnouncer
    {
        private const int ReceiveTimeoutMs = 1000;
        private static readonly byte[] GroupBytes = { 224, 0, 0, 251 };

        private readonly MdnsResponder _responder;
        private readonly INetwork _network;
        private readonly LocalSwitch _modbus;
        private readonly PageSwitch _page;
        private readonly int _pagePort;
        private readonly Log _log;
        private readonly byte[] _out = new byte[MdnsResponder.MaxMessage];

        /// <param name="pagePort">The status page's port, announced with the logger's service while <paramref name="page"/> is on.</param>
        public MdnsAnnouncer(MdnsResponder responder, INetwork network, LocalSwitch modbus, PageSwitch page, int pagePort, Log log)
        {
            _responder = responder;
            _network = network;
            _modbus = modbus;
            _page = page;
            _pagePort = pagePort;
            _log = log;
        }

        public void Start()
        {
            new Thread(Run).Start();
        }

        private void Run()
        {
            while (_network.Ip == null)
            {
                Thread.Sleep(ReceiveTimeoutMs);
            }

            Socket socket;
            try
            {
                socket = Open(IPAddress.Parse(_network.Ip));
            }
            catch (Exception e)
            {
                _log.Write(LogLevel.Error, "local", "cannot announce over mdns", "error", e.Message);
                return;
            }

            var group = new IPEndPoint(new IPAddress(GroupBytes), MdnsResponder.Port);
            var buffer = new byte[MdnsResponder.MaxMessage];
            int version = -1;
            bool again = false;
            while (true)
            {
                // Both versions only grow, so their sum moves whenever either switch does.
                int now = _modbus.Version + (_page == null ? 0 : _page.Version);
                if (now != version)
                {
                    version = now;
                    _responder.SetModbus(_modbus.On, _modbus.Port, _modbus.Unit);
                    _responder.SetLoggerPort(_page != null && _page.On ? _pagePort : 0);
                    again = true;
                    Send(socket, _responder.Announce(_out), group);
                }

                int received = 0;
                try
                {
                    received = socket.Receive(buffer);
                }
                catch (Exception)
                {
                    // The receive timeout: the second announcement, and a look at the switch.
                    if (again)
                    {
                        again = false;
                        Send(socket, _responder.Announce(_out), group);
                    }

                    continue;
                }

                Send(socket, _responder.Answer(buffer, received, _out), group);
            }
        }

        private Socket Open(IPAddress address)
        {
            byte[] ip = address.GetAddressBytes();
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Any, MdnsResponder.Port));

            // ip_mreq: the group, then the interface's address (RFC 3678, 4.1.1).
            var membership = new byte[] { GroupBytes[0], GroupBytes[1], GroupBytes[2], GroupBytes[3], ip[0], ip[1], ip[2], ip[3] };
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, membership);
            socket.ReceiveTimeout = ReceiveTimeoutMs;
            _responder.SetAddress(ip);
            _log.Write(LogLevel.Info, "local", "announced over mdns", "host", _responder.HostName, "address", _network.Ip);
            return socket;
        }

        private void Send(Socket socket, int length, IPEndPoint group)
        {
            if (length <= 0)
            {
                return;
            }

            try
            {
                socket.SendTo(_out, 0, length, SocketFlags.None, group);
            }
            catch (Exception)
            {
                // A lost announcement is made good by the next query.
            }
        }
    }
}
