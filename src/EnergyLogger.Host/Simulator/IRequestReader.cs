namespace EnergyLogger.Host.Simulator;

/// <summary>Finds request frames in a byte stream, one framing per implementation.</summary>
internal interface IRequestReader
{
    ServedFraming Framing { get; }

    /// <summary>The completed request, starting at index 0.</summary>
    byte[] Frame { get; }

    int FrameLength { get; }

    /// <summary>Bytes held that do not make a request yet.</summary>
    int Buffered { get; }

    /// <summary>The stream has lost its frame boundaries for good; the connection should be closed.</summary>
    bool Broken { get; }

    /// <summary>True when <paramref name="value"/> completes a request.</summary>
    bool Feed(byte value);

    /// <summary>The stream went quiet with bytes held: true when they end a request.</summary>
    bool Silence();
}
