using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>Passes everything to a real framer and records the most bytes it ever held.</summary>
public sealed class WatchedFramer : IModbusFramer
{
    private readonly IModbusFramer _inner;

    public WatchedFramer(IModbusFramer inner)
    {
        _inner = inner;
    }

    public int MaxBuffered { get; private set; }

    public int BytesFed { get; private set; }

    public int PduOffset => _inner.PduOffset;

    public int MaxAduLength => _inner.MaxAduLength;

    public bool SilenceEndsFrame => _inner.SilenceEndsFrame;

    public byte[] Frame => _inner.Frame;

    public int FrameLength => _inner.FrameLength;

    public byte FrameUnit => _inner.FrameUnit;

    public int FramePduOffset => _inner.FramePduOffset;

    public int FramePduLength => _inner.FramePduLength;

    public bool FrameAnswersCurrentRequest => _inner.FrameAnswersCurrentRequest;

    public bool ExpectedReplyCorrupt => _inner.ExpectedReplyCorrupt;

    public bool ExpectedReplyPartial => _inner.ExpectedReplyPartial;

    public int NoiseBytes => _inner.NoiseBytes;

    public int Buffered => _inner.Buffered;

    public int Seal(byte[] adu, byte unit, int pduLength) => _inner.Seal(adu, unit, pduLength);

    public void BeginResponse(byte[] request, int requestLength) => _inner.BeginResponse(request, requestLength);

    public bool Feed(byte value)
    {
        BytesFed++;
        bool done = _inner.Feed(value);
        MaxBuffered = Math.Max(MaxBuffered, _inner.Buffered);
        return done;
    }

    public void Reset() => _inner.Reset();
}
