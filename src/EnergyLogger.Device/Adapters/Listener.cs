using System;
using System.Net;
using System.Net.Sockets;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>What the dongle's TCP servers (port 4242, MODBUS TCP, the status page) share about listening and accepting.</summary>
    internal static class Listener
    {
        /// <summary>A socket listening on <paramref name="port"/> of every interface, or null with <paramref name="error"/> (the port is taken).</summary>
        internal static Socket Open(int port, int backlog, out string error)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(IPAddress.Any, port));
                listener.Listen(backlog);
                error = null;
                return listener;
            }
            catch (Exception e)
            {
                listener.Close();
                error = e.Message;
                return null;
            }
        }

        /// <summary>
        /// The next client, or null when the accept failed: a client gone during the handshake must not end the
        /// listener, so the caller goes on waiting (and a server that closed its listener ends its loop there).
        /// </summary>
        internal static Socket TryAccept(Socket listener)
        {
            try
            {
                return listener.Accept();
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
