namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// How the scripted slave answers one request. The default is a correct reply from its register
/// table, 5 ms after the request, in one burst. Each property injects one fault; they combine.
/// </summary>
public sealed class Reply
{
    public static Reply Normal => new();

    public static Reply Silence => new() { Silent = true };

    /// <summary>No answer at all (slave absent, request lost).</summary>
    public bool Silent { get; init; }

    /// <summary>Answer with this exception code instead of data.</summary>
    public byte? ExceptionCode { get; init; }

    /// <summary>Flip one bit of the last CRC byte (RTU) so the frame fails its check.</summary>
    public bool FlipCrc { get; init; }

    /// <summary>Answer under another slave id; the frame is re-sealed, so it is intact.</summary>
    public byte? FromSlave { get; init; }

    /// <summary>Change the reply PDU before it is sealed (wrong echo, wrong byte count, ...).</summary>
    public Func<byte[], byte[]>? EditPdu { get; init; }

    /// <summary>Send exactly these bytes instead of a reply (the request is ignored).</summary>
    public byte[]? RawAdu { get; init; }

    /// <summary>Send only the first k bytes of the reply ADU.</summary>
    public int? TruncateAt { get; init; }

    /// <summary>Bytes on the line before everything else.</summary>
    public byte[] Before { get; init; } = [];

    /// <summary>A complete frame sent ahead of the reply (another slave's answer, a late reply).</summary>
    public byte[]? Preceding { get; init; }

    /// <summary>Bytes between <see cref="Preceding"/> and the reply.</summary>
    public byte[] Between { get; init; } = [];

    /// <summary>Bytes after the reply, in the same burst.</summary>
    public byte[] After { get; init; } = [];

    /// <summary>Turnaround: from the request to the first byte. Longer than the timeout makes a late reply.</summary>
    public int DelayMs { get; init; } = 5;

    /// <summary>Deliver the burst in pieces of this many bytes; 0 delivers it whole.</summary>
    public int ChunkSize { get; init; }

    /// <summary>Deliver the burst cut at these offsets (ascending) instead of in equal chunks.</summary>
    public int[]? CutAt { get; init; }

    /// <summary>Virtual time between two pieces.</summary>
    public int GapMs { get; init; }
}
