using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The server side of MBAP framing: collects one request (7-byte header, then as many bytes as its length
/// field says) from a TCP stream fed one byte at a time. TCP does not lose bytes, so a header that breaks
/// the rules of MODBUS Messaging on TCP/IP Implementation Guide v1.0b, 3.1.3 (protocol id other than 0,
/// a length outside 2..254) means the stream has lost its frame boundaries and the connection is closed.
/// </summary>
internal sealed class MbapRequestReader : IRequestReader
{
    private readonly byte[] _buffer = new byte[MbapFramer.MaxAdu];
    private int _length;

    public ServedFraming Framing => ServedFraming.Mbap;

    public byte[] Frame => _buffer;

    public int FrameLength { get; private set; }

    public int Buffered => FrameLength > 0 ? 0 : _length;

    /// <summary>The stream carried a header no MODBUS TCP client sends.</summary>
    public bool Broken { get; private set; }

    /// <summary>On TCP a pause ends nothing: the rest of a request may still be in flight.</summary>
    public bool Silence() => false;

    /// <summary>True when <paramref name="value"/> completes a request.</summary>
    public bool Feed(byte value)
    {
        if (FrameLength > 0)
        {
            _length = 0;
            FrameLength = 0;
        }

        if (Broken)
        {
            return false;
        }

        _buffer[_length++] = value;
        if (_length == 6)
        {
            int declared = ModbusPdu.ReadUInt16(_buffer, 4);
            Broken = ModbusPdu.ReadUInt16(_buffer, 2) != 0 || declared < 2 || declared > ModbusPdu.MaxLength + 1;
            return false;
        }

        if (_length >= MbapFramer.HeaderLength && _length == 6 + ModbusPdu.ReadUInt16(_buffer, 4))
        {
            FrameLength = _length;
            return true;
        }

        return false;
    }
}
