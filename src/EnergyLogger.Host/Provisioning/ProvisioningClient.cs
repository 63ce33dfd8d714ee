using System.Net.Sockets;
using System.Text;

namespace EnergyLogger.Host.Provisioning;

/// <summary>
/// The client side of port 4242, in lock step: one line out, one reply in. Blank and comment lines
/// are not sent, since the device gives them no reply.
/// </summary>
internal sealed class ProvisioningClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private ProvisioningClient(TcpClient tcp, TimeSpan timeout)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = (int)timeout.TotalMilliseconds;
        _stream.WriteTimeout = (int)timeout.TotalMilliseconds;
        _reader = new StreamReader(_stream, new UTF8Encoding(false), false, 1024);
    }

    /// <summary>The line the device greeted with.</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>Connects and reads the greeting; throws IOException or SocketException when that fails.</summary>
    public static ProvisioningClient Connect(string host, int port, TimeSpan timeout)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            tcp.ConnectAsync(host, port, cancel.Token).AsTask().GetAwaiter().GetResult();
            var client = new ProvisioningClient(tcp, timeout);
            client.Greeting = client.ReadReply() ?? throw new IOException("the device closed the connection without a greeting");
            return client;
        }
        catch (OperationCanceledException)
        {
            tcp.Dispose();
            throw new IOException($"no connection to {host}:{port} within {timeout.TotalSeconds:0.#} s");
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public static bool IsError(string reply) => reply.StartsWith("error", StringComparison.Ordinal);

    /// <summary>Lines that are neither blank nor comments get exactly one reply.</summary>
    public static bool ExpectsReply(string line) => line.TrimStart().Length > 0 && !line.TrimStart().StartsWith('#');

    /// <summary>Sends one line and returns its reply; null when the line needs none or the device closed the connection.</summary>
    public string? Send(string line)
    {
        if (!ExpectsReply(line))
        {
            return null;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        _stream.Write(bytes, 0, bytes.Length);
        return ReadReply();
    }

    /// <summary>Sends a PEM file as a <c>ca begin</c> ... <c>ca end</c> block and returns the first error or the final reply.</summary>
    public string? SendCa(string pem)
    {
        string? reply = Send("ca begin");
        if (reply is null || IsError(reply))
        {
            return reply;
        }

        foreach (string line in pem.ReplaceLineEndings("\n").Split('\n'))
        {
            reply = Send(line);
            if (reply is not null && IsError(reply))
            {
                Send("ca abort");
                return reply;
            }
        }

        return Send("ca end");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _tcp.Dispose();
    }

    private string? ReadReply()
    {
        try
        {
            return _reader.ReadLine();
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return null;
        }
    }
}
