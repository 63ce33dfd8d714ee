using System.Diagnostics;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// Wall time as it is, but a simulated serial line's waits pass at once: a sleep moves the monotonic
/// counter forward instead of blocking. Wire-time figures stay exact while a thread can drive hundreds of
/// virtual dongles, each of which would otherwise spend most of its cycle waiting on 9600 baud.
/// </summary>
internal sealed class InstantLineClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private long _skippedMs;

    public long MonotonicMs => _since.ElapsedMilliseconds + Interlocked.Read(ref _skippedMs);

    public DateTime UtcNow => DateTime.UtcNow;

    public bool WallClockSynced => true;

    public void Sleep(int milliseconds) => Interlocked.Add(ref _skippedMs, milliseconds);
}
