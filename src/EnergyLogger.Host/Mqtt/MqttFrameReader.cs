namespace EnergyLogger.Host.Mqtt;

/// <summary>What one byte fed to <see cref="MqttFrameReader"/> did.</summary>
public enum FrameStatus
{
    NeedMore,
    /// <summary>A whole packet is in <see cref="MqttFrameReader.Body"/>; the next byte starts a new one.</summary>
    Complete,
    /// <summary>The Remaining Length ran past four bytes (MQTT 3.1.1, 2.2.3). The stream cannot be resynchronised: close it.</summary>
    MalformedLength,
    /// <summary>The declared length exceeds the reader's cap. Close the connection (RELIABILITY C5).</summary>
    TooLarge,
}

/// <summary>
/// Cuts the byte stream from the server into packets, one byte at a time, with a hard cap on the body so
/// a hostile or broken server costs bounded memory (RELIABILITY C5). After a failure it stays failed
/// until <see cref="Reset"/>: MQTT has no resynchronisation point, so the only answer is to close.
/// </summary>
public sealed class MqttFrameReader
{
    private readonly byte[] _body;
    private int _state; // 0 header, 1 length, 2 body, 3 failed
    private FrameStatus _failure;
    private int _lengthBytes;
    private int _multiplier;
    private int _filled;

    public MqttFrameReader(int maxBodyBytes)
    {
        _body = new byte[maxBodyBytes];
    }

    public byte Header { get; private set; }

    public byte[] Body => _body;

    public int BodyLength { get; private set; }

    public int MaxBodyBytes => _body.Length;

    public void Reset()
    {
        _state = 0;
        BodyLength = 0;
    }

    public FrameStatus Feed(byte b)
    {
        switch (_state)
        {
            case 0:
                Header = b;
                BodyLength = 0;
                _lengthBytes = 0;
                _multiplier = 1;
                _state = 1;
                return FrameStatus.NeedMore;
            case 1:
                return FeedLength(b);
            case 2:
                _body[_filled++] = b;
                return _filled == BodyLength ? Done() : FrameStatus.NeedMore;
            default:
                return _failure;
        }
    }

    private FrameStatus FeedLength(byte b)
    {
        // 2.2.3: seven bits per byte, least significant first, bit 7 says more follow, at most four bytes.
        BodyLength += (b & 0x7F) * _multiplier;
        _multiplier *= 128;
        _lengthBytes++;
        if ((b & 0x80) != 0)
        {
            if (_lengthBytes == RemainingLength.MaxBytes)
            {
                return Fail(FrameStatus.MalformedLength);
            }

            return FrameStatus.NeedMore;
        }

        if (BodyLength > _body.Length)
        {
            return Fail(FrameStatus.TooLarge);
        }

        _filled = 0;
        if (BodyLength == 0)
        {
            return Done();
        }

        _state = 2;
        return FrameStatus.NeedMore;
    }

    private FrameStatus Fail(FrameStatus failure)
    {
        _state = 3;
        _failure = failure;
        return failure;
    }

    private FrameStatus Done()
    {
        _state = 0;
        return FrameStatus.Complete;
    }
}
