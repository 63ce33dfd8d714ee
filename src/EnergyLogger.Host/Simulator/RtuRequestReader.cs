using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The slave side of RTU framing: finds request frames in a byte stream fed one byte at a time. A request
/// of a public function ends where its length says (FC01-06 are 8 bytes, FC15/16 carry a byte count), so
/// the slave answers without waiting for t3.5; a frame of any other function ends at the line's silence
/// (MODBUS over serial line v1.02, 2.5.1.1), which also drops whatever noise is left. The buffer never
/// holds more than one 256-byte ADU.
/// </summary>
internal sealed class RtuRequestReader : IRequestReader
{
    private const int Unknown = -1;
    private const int NeedMore = 0;
    private const int MinFrame = 4;

    private readonly byte[] _buffer = new byte[RtuFramer.MaxAdu];
    private int _length;

    public ServedFraming Framing => ServedFraming.Rtu;

    public byte[] Frame => _buffer;

    public int FrameLength { get; private set; }

    public int Buffered => _length - FrameLength;

    /// <summary>A serial stream always recovers: noise is dropped until a request lines up.</summary>
    public bool Broken => false;

    /// <summary>Bytes dropped because they did not start a valid request.</summary>
    public long NoiseBytes { get; private set; }

    /// <summary>True when <paramref name="value"/> completes a request of known length with a valid CRC.</summary>
    public bool Feed(byte value)
    {
        Consume();
        if (_length == _buffer.Length)
        {
            Drop(1);
        }

        _buffer[_length++] = value;

        // Every start is a candidate, checked on the byte that ends it, so a request right behind noise
        // (even noise that looks like the start of an unknown function) is answered at once.
        for (int start = 0; start < _length; start++)
        {
            int need = ExpectedLength(start);
            if (need >= MinFrame && start + need == _length && Crc16.IsValid(_buffer, start, need))
            {
                Drop(start);
                FrameLength = need;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The line went quiet: true when the bytes held end a valid request (one of an unknown function, or
    /// one that was stuck behind noise); whatever else is held is noise and is dropped.
    /// </summary>
    public bool Silence()
    {
        Consume();
        for (int start = 0; start + MinFrame <= _length; start++)
        {
            int need = ExpectedLength(start);
            int length = need == Unknown ? _length - start : need;
            if (length >= MinFrame && start + length <= _length && Crc16.IsValid(_buffer, start, length))
            {
                Drop(start);
                FrameLength = length;
                return true;
            }
        }

        Drop(_length);
        return false;
    }

    /// <summary>The request length the bytes at <paramref name="start"/> announce: NeedMore, Unknown, or 1 for a start that cannot be a request.</summary>
    private int ExpectedLength(int start)
    {
        int available = _length - start;
        if (available < 2)
        {
            return NeedMore;
        }

        // Serial line v1.02, 2.2: addresses above 247 are reserved, so such a byte starts no request.
        if (_buffer[start] > 247)
        {
            return 1;
        }

        switch ((FunctionCode)_buffer[start + 1])
        {
            case FunctionCode.ReadCoils:
            case FunctionCode.ReadDiscreteInputs:
            case FunctionCode.ReadHoldingRegisters:
            case FunctionCode.ReadInputRegisters:
            case FunctionCode.WriteSingleCoil:
            case FunctionCode.WriteSingleRegister:
                return 8;
            case FunctionCode.WriteMultipleCoils:
            case FunctionCode.WriteMultipleRegisters:
                // Address, function, start, quantity, byte count, the data and the CRC.
                return available < 7 ? NeedMore : 9 + _buffer[start + 6];
            default:
                return Unknown;
        }
    }

    /// <summary>Moves past a request the caller has taken.</summary>
    private void Consume()
    {
        if (FrameLength == 0)
        {
            return;
        }

        _length -= FrameLength;
        Array.Copy(_buffer, FrameLength, _buffer, 0, _length);
        FrameLength = 0;
    }

    private void Drop(int count)
    {
        NoiseBytes += count;
        _length -= count;
        Array.Copy(_buffer, count, _buffer, 0, _length);
    }
}
