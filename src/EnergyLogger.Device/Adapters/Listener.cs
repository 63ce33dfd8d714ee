using System;
using System.Net.Sockets;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>What the dongle's TCP servers (port 4242, MODBUS TCP, the status page) share about accepting.</summary>
    internal static class Listener
    {
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
