using System.Net.Sockets;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>One accepted TCP connection as a byte link, so the simulator serves sockets and ttys with one loop.</summary>
internal sealed class SocketByteLink(Socket socket) : IByteLink, IDisposable
{
    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        try
        {
            int sent = 0;
            while (sent < count)
            {
                sent += socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
            }

            return LinkStatus.Ok;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return LinkStatus.Error;
        }
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        received = 0;
        try
        {
            if (!socket.Poll(TimeSpan.FromMilliseconds(timeoutMs), SelectMode.SelectRead))
            {
                return LinkStatus.Timeout;
            }

            // Readable with nothing to read: the client closed the connection.
            received = socket.Receive(buffer, offset, count, SocketFlags.None);
            return received > 0 ? LinkStatus.Ok : LinkStatus.Error;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return LinkStatus.Error;
        }
    }

    public void DiscardInput()
    {
    }

    public void Dispose() => socket.Dispose();
}
