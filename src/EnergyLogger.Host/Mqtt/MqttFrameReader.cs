namespace EnergyLogger.Host.Mqtt;

/// <summary>What one byte fed to <see cref="MqttFrameReader"/> did.</summary>
public enum FrameStatus
{
    NeedMore,
    /// <summary>A whole packet is in <see cref="MqttFrameReader.Body"/>; the next byte starts a new one.</summary>
    Complete,
    /// <summary>
    /// A PUBLISH longer than the cap has been read past: <see cref="MqttFrameReader.Body"/> holds its first bytes (the
    /// topic, the packet id and the start of the payload), <see cref="MqttFrameReader.DeclaredLength"/> says how long it
    /// was. The stream stays in step, so the connection can go on and the message can still be refused by its topic.
    /// </summary>
    Cut,
    /// <summary>The Remaining Length ran past four bytes (MQTT 3.1.1, 2.2.3). The stream cannot be resynchronised: close it.</summary>
    MalformedLength,
    /// <summary>The declared length exceeds the cap, and for a PUBLISH even what is read past. Close the connection (RELIABILITY C5).</summary>
    TooLarge,
}

/// <summary>
/// Cuts the byte stream from the server into packets, one byte at a time, with a hard cap on the body so
/// a hostile or broken server costs bounded memory (RELIABILITY C5). A PUBLISH over the cap but within
/// the skip allowance of it is read past and reported <see cref="FrameStatus.Cut"/>, because a message
/// too large for the logger (a config, a command) deserves an answer rather than a dropped connection. After a
/// failure it stays failed until <see cref="Reset"/>: MQTT has no resynchronisation point, so the only answer is to close.
/// </summary>
public sealed class MqttFrameReader
{
    /// <summary>How far past the cap a PUBLISH is read before its declared length counts as hostile.</summary>
    public const int DefaultMaxSkippedBytes = 4 * 1024 * 1024;

    private const int PublishType = 3;

    private readonly byte[] _body;
    private readonly int _maxSkippedBytes;
    private int _state; // 0 header, 1 length, 2 body, 3 failed, 4 a cut PUBLISH's body
    private FrameStatus _failure;
    private int _lengthBytes;
    private int _multiplier;
    private int _filled;

    public MqttFrameReader(int maxBodyBytes, int maxSkippedBytes = DefaultMaxSkippedBytes)
    {
        _body = new byte[maxBodyBytes];
        _maxSkippedBytes = maxSkippedBytes;
    }

    public byte Header { get; private set; }

    public byte[] Body => _body;

    public int BodyLength { get; private set; }

    /// <summary>The body's length as the packet declared it: more than <see cref="BodyLength"/> after <see cref="FrameStatus.Cut"/>.</summary>
    public int DeclaredLength { get; private set; }

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
            case 4:
                if (_filled < _body.Length)
                {
                    _body[_filled] = b;
                }

                _filled++;
                return _filled == DeclaredLength ? Cut() : FrameStatus.NeedMore;
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

        DeclaredLength = BodyLength;
        _filled = 0;
        if (BodyLength > _body.Length)
        {
            if (Header >> 4 != PublishType || BodyLength - _body.Length > _maxSkippedBytes)
            {
                return Fail(FrameStatus.TooLarge);
            }

            _state = 4;
            return FrameStatus.NeedMore;
        }

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

    private FrameStatus Cut()
    {
        _state = 0;
        BodyLength = _body.Length;
        return FrameStatus.Cut;
    }
}
