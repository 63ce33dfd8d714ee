using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// Real time that can be skipped forward: bytes on a simulated line still take their real character
/// time, while a demo jumps a quarter of an hour between poll cycles. Sample timestamps and the energy
/// counter checks then see the simulated day, not the few real seconds it took.
/// </summary>
internal sealed class SimulatedTimeClock(IClock real, DateTime startUtc) : IClock
{
    private readonly long _realStartMs = real.MonotonicMs;
    private long _skippedMs;

    public long MonotonicMs => real.MonotonicMs - _realStartMs + _skippedMs;

    public DateTime UtcNow => startUtc.AddMilliseconds(MonotonicMs);

    public bool WallClockSynced => true;

    public void Sleep(int milliseconds) => real.Sleep(milliseconds);

    /// <summary>Lets <paramref name="span"/> of simulated time pass at once.</summary>
    public void Skip(TimeSpan span) => _skippedMs += (long)span.TotalMilliseconds;
}
