using System.Net.Sockets;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// The stream under MQTTnet, watching the packet boundaries of what the broker sends. MQTTnet allocates a
/// packet's whole body as soon as it has read the Remaining Length, so a broken or hostile broker declaring
/// 256 MB would cost 256 MB; this guard fails the read instead, before the body arrives, and a Remaining Length
/// running past four bytes (MQTT 3.1.1, 2.2.3) fails it too (RELIABILITY C5). MQTTnet then ends the connection
/// and the session reports why. It only counts bytes; decoding stays MQTTnet's. It also owns the TCP client,
/// so disposing the stream closes the socket.
/// </summary>
internal sealed class PacketGuardStream(Stream inner, TcpClient tcp, int maxPacketBytes) : Stream
{
    private const int InHeader = 0;
    private const int InLength = 1;
    private const int InBody = 2;

    private int _state = InHeader;
    private int _lengthBytes;
    private int _multiplier;
    private long _remaining;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = inner.Read(buffer, offset, count);
        Watch(buffer.AsSpan(offset, n));
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Watch(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            tcp.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Follows fixed header, Remaining Length and body over the bytes just read, in any chunking.</summary>
    private void Watch(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case InHeader:
                    i++;
                    _state = InLength;
                    _lengthBytes = 0;
                    _multiplier = 1;
                    _remaining = 0;
                    break;
                case InLength:
                    byte b = bytes[i++];
                    _remaining += (b & 0x7F) * (long)_multiplier;
                    _multiplier *= 128;
                    if (++_lengthBytes > 4)
                    {
                        throw new MalformedStreamException("malformed remaining length: more than four bytes");
                    }

                    if ((b & 0x80) == 0)
                    {
                        if (_remaining > maxPacketBytes)
                        {
                            throw new MalformedStreamException($"packet larger than {maxPacketBytes} bytes (declared {_remaining})");
                        }

                        _state = _remaining == 0 ? InHeader : InBody;
                    }

                    break;
                default:
                    int skip = (int)Math.Min(_remaining, bytes.Length - i);
                    i += skip;
                    _remaining -= skip;
                    _state = _remaining == 0 ? InHeader : InBody;
                    break;
            }
        }
    }
}

/// <summary>What the broker sent cannot be framed within the limits: the connection must close (RELIABILITY C5).</summary>
internal sealed class MalformedStreamException(string message) : IOException(message);
