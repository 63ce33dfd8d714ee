using System.Diagnostics;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>The host's clocks: Stopwatch for monotonic time, the OS clock (kept by NTP) for wall time.</summary>
internal sealed class SystemClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public long MonotonicMs => _since.ElapsedMilliseconds;

    public DateTime UtcNow => DateTime.UtcNow;

    public bool WallClockSynced => true;

    public void Sleep(int milliseconds) => Thread.Sleep(milliseconds);
}
