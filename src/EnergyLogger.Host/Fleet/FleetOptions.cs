namespace EnergyLogger.Host.Fleet;

/// <summary>How a fleet run is shaped: its size, cadence and phases.</summary>
internal sealed record FleetOptions(int Count, int IntervalMs, int Seconds, int Threads, int ConnectSeconds, int DrainSeconds, int ReportEverySeconds)
{
    /// <summary>How often each dongle's link is served between polls: keepalive, PUBACKs, the backlog.</summary>
    public const int TickMs = 100;

    /// <summary>A fleet keeps up when 99 % of its polls start within a tenth of the interval of when they were due.</summary>
    public int LatenessLimitMs => IntervalMs / 10;
}
