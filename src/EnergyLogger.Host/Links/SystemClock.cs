using System.Diagnostics;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>
/// The host's clocks: Stopwatch for monotonic time, the OS clock (kept by NTP) for wall time, or a wall time of the
/// caller's (the virtual device's simulated day, <c>energylogger run</c>'s <c>clock</c>).
/// </summary>
internal sealed class SystemClock(Func<DateTime>? wall = null) : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public long MonotonicMs => _since.ElapsedMilliseconds;

    public DateTime UtcNow => wall is null ? DateTime.UtcNow : wall();

    public bool WallClockSynced => true;

    public void Sleep(int milliseconds) => Thread.Sleep(milliseconds);
}
