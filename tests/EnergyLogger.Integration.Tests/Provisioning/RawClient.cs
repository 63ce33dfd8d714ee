using System.Net.Sockets;
using System.Text;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>What nc does: a plain TCP connection, bytes out, lines in.</summary>
internal sealed class RawClient : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];
    private readonly byte[] _chunk = new byte[4096];

    public RawClient(int port)
    {
        _tcp = new TcpClient("127.0.0.1", port) { NoDelay = true };
        _stream = _tcp.GetStream();
        _stream.ReadTimeout = (int)Limit.TotalMilliseconds;
    }

    /// <summary>Every line received so far.</summary>
    public List<string> Received { get; } = [];

    public Socket Socket => _tcp.Client;

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);

    /// <summary>The next line without its CR LF; null when the server closed (or reset) the connection.</summary>
    public string? ReadLine()
    {
        while (true)
        {
            int lf = _pending.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                string line = Encoding.UTF8.GetString(_pending.GetRange(0, lf).ToArray()).TrimEnd('\r');
                _pending.RemoveRange(0, lf + 1);
                Received.Add(line);
                return line;
            }

            int n;
            try
            {
                n = _stream.Read(_chunk, 0, _chunk.Length);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
            {
                return null;
            }

            if (n == 0)
            {
                return null;
            }

            _pending.AddRange(_chunk.AsSpan(0, n).ToArray());
        }
    }

    /// <summary>Sends one line and returns the one reply.</summary>
    public string Command(string line, string end = "\n")
    {
        Write(line + end);
        return ReadLine() ?? throw new IOException($"connection closed after '{line}'");
    }

    /// <summary>True once the server has closed its side: reading gives end of stream or a reset.</summary>
    public bool ServerClosed()
    {
        try
        {
            return ReadLine() is null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _tcp.Dispose();
}
