using System.Net.Sockets;
using System.Text;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Host.Provisioning;

/// <summary>
/// Moves bytes between one socket and its session: whatever arrives is fed to the session, every reply
/// goes back as a CR LF terminated line, and the session's idle clock is checked between reads. The
/// receive buffer is fixed, so memory stays flat whatever the client sends (RELIABILITY P1).
/// </summary>
internal sealed class ProvisioningConnection(Socket socket, ProvisioningSession session, ProvisioningListenerOptions options, ListenerCounters counters)
{
    private readonly byte[] _buffer = new byte[1024];

    public void Run(Func<bool> stopping)
    {
        try
        {
            socket.NoDelay = true;
            socket.SendTimeout = (int)options.SendTimeout.TotalMilliseconds;
            Send(session.Welcome());
            int tickMicroseconds = (int)(options.Tick.TotalMilliseconds * 1000);
            while (session.IsOpen && !stopping())
            {
                if (socket.Poll(tickMicroseconds, SelectMode.SelectRead) && !ReceiveOnce())
                {
                    return;
                }

                // Checked after data too: a client trickling bytes keeps the socket readable.
                if (session.CheckIdle())
                {
                    Send(session.Reply!);
                }
            }

            // The error or farewell is on its way; FIN after it, so the client reads it before the close.
            socket.Shutdown(SocketShutdown.Send);
            DrainUntilClientCloses(stopping);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client vanished or the listener is stopping; the session ends either way.
        }
    }

    /// <summary>
    /// Reads and drops what the client still sends (lines piped after the one that ended the session) until it
    /// closes too, for at most the linger time: a socket closed with unread input is reset instead of closed, and a
    /// reset can destroy the farewell still on its way or in the client's buffers.
    /// </summary>
    private void DrainUntilClientCloses(Func<bool> stopping)
    {
        long deadline = Environment.TickCount64 + (long)options.Linger.TotalMilliseconds;
        int tickMicroseconds = (int)(options.Tick.TotalMilliseconds * 1000);
        while (!stopping() && Environment.TickCount64 < deadline)
        {
            if (socket.Poll(tickMicroseconds, SelectMode.SelectRead) && socket.Receive(_buffer) == 0)
            {
                return;
            }
        }
    }

    /// <summary>Reads what is there and answers every line in it; false when the client closed.</summary>
    private bool ReceiveOnce()
    {
        int received = socket.Receive(_buffer);
        if (received == 0)
        {
            return false;
        }

        int offset = 0;
        while (offset < received && session.IsOpen)
        {
            offset += session.Receive(_buffer, offset, received - offset);
            counters.SeeBuffered(session.Buffered);
            if (session.Reply is not null)
            {
                Send(session.Reply);
            }
        }

        return true;
    }

    private void Send(string reply)
    {
        socket.Send(Encoding.UTF8.GetBytes(reply + "\r\n"));
    }
}
