namespace EnergyLogger.Host.MapTools;

/// <summary>One row of a vendor register table in the map's terms, ready to be written as a point.</summary>
internal sealed record RegisterPoint(
    int Line,
    string Name,
    string Function,
    int Address,
    string Type,
    int Count,
    string? WordOrder,
    double Scale,
    double Offset,
    string? Unit,
    string? Target,
    string? Poll,
    string Source)
{
    /// <summary>Strings are metadata (serial number, model); everything else is a telemetry point.</summary>
    public bool IsMetadata => Type == "string";

    public bool IsBitTable => Function is "coil" or "discrete_input";
}
