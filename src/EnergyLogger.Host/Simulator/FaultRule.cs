namespace EnergyLogger.Host.Simulator;

/// <summary>What the simulated slave does wrong to one request, after the field-bus rows of the reliability matrix.</summary>
internal enum FaultKind
{
    None,
    /// <summary>No reply at all, as if the request was lost (M4): the master times out. A write is not applied.</summary>
    Silence,
    /// <summary>The reply with its last CRC byte flipped (M1). Serial framing only: MBAP carries no CRC.</summary>
    CrcError,
    /// <summary>An exception reply with the configured code instead of the data (M2, M3). A write is not applied.</summary>
    Exception,
    /// <summary>Random bytes before and after an intact reply (M8): the master must resync and decode it.</summary>
    Garbage,
    /// <summary>An intact reply that names another slave id (M5).</summary>
    WrongSlave,
    /// <summary>The first half of the reply, then silence (M6).</summary>
    Truncate,
}

/// <summary>
/// One fault and when it strikes: on every <see cref="EveryNth"/>-th request, or on each request with
/// <see cref="Probability"/>. A rule with neither strikes on every request.
/// </summary>
internal sealed record FaultRule(FaultKind Kind, double Probability, int EveryNth)
{
    /// <summary>The option spelling of each kind, in the order the help lists them.</summary>
    public static readonly (string Name, FaultKind Kind)[] Names =
    [
        ("silence", FaultKind.Silence),
        ("crc", FaultKind.CrcError),
        ("exception", FaultKind.Exception),
        ("garbage", FaultKind.Garbage),
        ("wrong-slave", FaultKind.WrongSlave),
        ("truncate", FaultKind.Truncate),
    ];

    public static string NameOf(FaultKind kind) => Array.Find(Names, n => n.Kind == kind).Name ?? "none";

    public override string ToString() => EveryNth > 0
        ? $"{NameOf(Kind)} on every {EveryNth}. request"
        : Probability >= 1 ? $"{NameOf(Kind)} on every request" : $"{NameOf(Kind)} with probability {Probability:0.###}";
}
