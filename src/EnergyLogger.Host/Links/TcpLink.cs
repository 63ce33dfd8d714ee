using System.Net.Sockets;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>
/// A TCP connection to a MODBUS TCP server or to an RTU-over-TCP converter; the framer decides which.
/// A lost connection reads as <see cref="LinkStatus.Error"/>, and the next write dials again, because
/// converters commonly drop idle clients. Some servers ignore requests that arrive right after the
/// handshake (Huawei's SDongle: evcc's template waits 1 s); a connect delay holds the first request of
/// every connection back by that long.
/// </summary>
internal sealed class TcpLink : IByteLink, IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _connectTimeoutMs;
    private readonly int _connectDelayMs;
    private readonly byte[] _discard = new byte[256];
    private Socket? _socket;

    private TcpLink(string host, int port, int connectTimeoutMs, int connectDelayMs)
    {
        _host = host;
        _port = port;
        _connectTimeoutMs = connectTimeoutMs;
        _connectDelayMs = connectDelayMs;
    }

    /// <summary>Connects now; throws <see cref="LinkOpenException"/> with the reason when it cannot.</summary>
    /// <param name="connectDelayMs">how long every new connection waits before its first request (0: none)</param>
    public static TcpLink Connect(string host, int port, int connectTimeoutMs, int connectDelayMs = 0)
    {
        var link = new TcpLink(host, port, connectTimeoutMs, connectDelayMs);
        string? error = link.Dial();
        return error is null ? link : throw new LinkOpenException($"cannot connect to {host}:{port}: {error}");
    }

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        if (_socket is null && Dial() is not null)
        {
            return LinkStatus.Error;
        }

        int sent = 0;
        while (sent < count)
        {
            int n = _socket!.Send(buffer, offset + sent, count - sent, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success || n <= 0)
            {
                return Drop();
            }

            sent += n;
        }

        return LinkStatus.Ok;
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        received = 0;
        if (_socket is null)
        {
            return LinkStatus.Error;
        }

        try
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(timeoutMs), SelectMode.SelectRead))
            {
                return LinkStatus.Timeout;
            }
        }
        catch (SocketException)
        {
            return Drop();
        }

        // Readable with nothing to read means the peer closed the connection.
        int n = _socket.Receive(buffer, offset, count, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success || n <= 0)
        {
            return Drop();
        }

        received = n;
        return LinkStatus.Ok;
    }

    public void DiscardInput()
    {
        while (_socket is not null && _socket.Available > 0)
        {
            if (_socket.Receive(_discard, 0, _discard.Length, SocketFlags.None, out SocketError error) <= 0 || error != SocketError.Success)
            {
                Drop();
            }
        }
    }

    public void Dispose() => Drop();

    /// <summary>Null when connected, else why not.</summary>
    private string? Dial()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(_connectTimeoutMs);
            socket.ConnectAsync(_host, _port, timeout.Token).AsTask().GetAwaiter().GetResult();
            _socket = socket;
            if (_connectDelayMs > 0)
            {
                Thread.Sleep(_connectDelayMs);
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return e is OperationCanceledException ? $"no answer within {_connectTimeoutMs} ms" : e.Message;
        }
    }

    private LinkStatus Drop()
    {
        _socket?.Dispose();
        _socket = null;
        return LinkStatus.Error;
    }
}
