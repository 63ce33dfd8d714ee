using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>How one served stream behaves: the slave's think time, the silence that ends a frame, and the request log.</summary>
internal sealed record PumpOptions(int TurnaroundMs, int SilenceMs, Action<ServedRequest>? Log);

/// <summary>
/// Serves one byte stream (a tty, a pty, or one TCP connection) until it fails, closes or is stopped:
/// bytes in, request frames out of the reader, replies from the <see cref="SlaveServer"/> back on the link.
/// </summary>
internal static class RequestPump
{
    /// <summary>How often an idle stream looks at the stop token.</summary>
    private const int IdlePollMs = 200;

    public static void Serve(IByteLink link, IRequestReader reader, SlaveServer server, PumpOptions options, CancellationToken stop)
    {
        var received = new byte[512];
        var reply = new byte[SlaveServer.MaxReply];
        while (!stop.IsCancellationRequested && !reader.Broken)
        {
            int waitMs = reader.Buffered > 0 ? options.SilenceMs : IdlePollMs;
            LinkStatus status = link.Read(received, 0, received.Length, waitMs, out int count);
            if (status == LinkStatus.Error)
            {
                return;
            }

            if (status == LinkStatus.Timeout)
            {
                if (reader.Buffered > 0 && reader.Silence() && !Answer(link, reader, server, options, reply))
                {
                    return;
                }

                continue;
            }

            for (int i = 0; i < count && !reader.Broken; i++)
            {
                if (reader.Feed(received[i]) && !Answer(link, reader, server, options, reply))
                {
                    return;
                }
            }
        }
    }

    /// <summary>False when the link failed while replying.</summary>
    private static bool Answer(IByteLink link, IRequestReader reader, SlaveServer server, PumpOptions options, byte[] reply)
    {
        int length = server.Answer(reader.Framing, reader.Frame, reader.FrameLength, reply, out ServedRequest served);
        if (served.ForUs)
        {
            options.Log?.Invoke(served);
        }

        if (length == 0)
        {
            return true;
        }

        if (options.TurnaroundMs > 0)
        {
            Thread.Sleep(options.TurnaroundMs);
        }

        return link.Write(reply, 0, length) == LinkStatus.Ok;
    }
}
