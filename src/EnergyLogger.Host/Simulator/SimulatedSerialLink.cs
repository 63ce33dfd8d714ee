using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// A half-duplex RS-485 line with simulated slaves on it, seen from the master: every byte takes its
/// real character time at the configured baud rate, and a slave answers after its turnaround delay.
/// Time comes from <see cref="IClock"/>, so the same line runs in real time for a demo and in virtual
/// time in tests.
/// </summary>
internal sealed class SimulatedSerialLink : IByteLink
{
    private readonly IClock _clock;
    private readonly int _baud;
    private readonly int _bitsPerChar;
    private readonly Dictionary<byte, RegisterBank> _slaves = [];
    private readonly Queue<(long AtUs, byte Value)> _line = new();
    private readonly byte[] _reply = new byte[RtuFramer.MaxAdu];

    public SimulatedSerialLink(IClock clock, int baud, int bitsPerChar, int turnaroundMs)
    {
        _clock = clock;
        _baud = baud;
        _bitsPerChar = bitsPerChar;
        TurnaroundMs = turnaroundMs;
    }

    /// <summary>How long a slave thinks before its reply starts.</summary>
    public int TurnaroundMs { get; set; }

    /// <summary>Bytes carried in both directions, for wire-time accounting.</summary>
    public long BytesOnWire { get; private set; }

    public void Attach(byte slave, RegisterBank bank) => _slaves[slave] = bank;

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        long nowUs = _clock.MonotonicMs * 1000;
        long requestEndUs = nowUs + RtuTiming.BytesUs(count, _baud, _bitsPerChar);
        BytesOnWire += count;

        // Only an intact request addressed to a slave on the line gets an answer (serial line v1.02, 2.4).
        if (count < 4 || !Crc16.IsValid(buffer, offset, count) || !_slaves.TryGetValue(buffer[offset], out RegisterBank? bank))
        {
            return LinkStatus.Ok;
        }

        _reply[0] = buffer[offset];
        int pdu = SlaveResponder.Respond(bank, buffer, offset + 1, count - 3, _reply, 1);
        int length = Crc16.Append(_reply, 0, 1 + pdu);
        long charUs = RtuTiming.BytesUs(1, _baud, _bitsPerChar);
        long startUs = requestEndUs + (TurnaroundMs * 1000L);
        for (int i = 0; i < length; i++)
        {
            _line.Enqueue((startUs + ((i + 1) * charUs), _reply[i]));
        }

        BytesOnWire += length;
        return LinkStatus.Ok;
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        received = 0;
        long deadlineUs = (_clock.MonotonicMs + timeoutMs) * 1000;
        if (_line.Count == 0 || _line.Peek().AtUs > deadlineUs)
        {
            _clock.Sleep(timeoutMs);
            return LinkStatus.Timeout;
        }

        long firstUs = _line.Peek().AtUs;
        long waitMs = (firstUs / 1000) - _clock.MonotonicMs;
        if (waitMs > 0)
        {
            _clock.Sleep((int)waitMs);
        }

        long nowUs = _clock.MonotonicMs * 1000;
        while (received < count && _line.Count > 0 && (received == 0 || _line.Peek().AtUs <= nowUs))
        {
            buffer[offset + received++] = _line.Dequeue().Value;
        }

        return LinkStatus.Ok;
    }

    public void DiscardInput()
    {
        long nowUs = _clock.MonotonicMs * 1000;
        while (_line.Count > 0 && _line.Peek().AtUs <= nowUs)
        {
            _line.Dequeue();
        }
    }
}
