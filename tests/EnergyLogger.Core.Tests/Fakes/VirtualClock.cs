using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// Time that moves only when someone waits: Sleep and the fake links' read timeouts advance it, so
/// "a silent slave costs three response timeouts" is an exact, instant assertion.
/// </summary>
public sealed class VirtualClock : IClock
{
    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public VirtualClock(long startMs = 0)
    {
        MonotonicMs = startMs;
    }

    public long MonotonicMs { get; private set; }

    public DateTime UtcNow => Epoch.AddMilliseconds(MonotonicMs + WallOffsetMs);

    /// <summary>How far the wall clock is ahead of its default (2025-01-01 plus the monotonic time): a day of a schedule, a clock set late.</summary>
    public long WallOffsetMs { get; set; }

    /// <summary>Sets the wall clock to <paramref name="utc"/> now; it runs on with the monotonic time.</summary>
    public void SetWallClock(DateTime utc) => WallOffsetMs = (long)(utc - Epoch).TotalMilliseconds - MonotonicMs;

    public bool WallClockSynced { get; set; } = true;

    /// <summary>Every Sleep the code under test asked for, in order.</summary>
    public List<int> Sleeps { get; } = new();

    public void Sleep(int milliseconds)
    {
        Sleeps.Add(milliseconds);
        if (milliseconds > 0)
        {
            MonotonicMs += milliseconds;
        }
    }

    public void Advance(long milliseconds)
    {
        if (milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), "a monotonic clock never goes back");
        }

        MonotonicMs += milliseconds;
    }

    public void AdvanceTo(long monotonicMs)
    {
        Advance(monotonicMs - MonotonicMs);
    }
}
