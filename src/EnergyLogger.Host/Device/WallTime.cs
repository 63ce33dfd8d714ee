using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Device;

/// <summary>
/// A simulated wall clock for the virtual device, from the config's <c>clock</c> (docs/runtime.md): it starts at
/// <c>start</c> when the process starts and runs <c>rate</c> times faster than real time, so a day of schedules, with
/// a daylight-saving change, passes in minutes. It keeps running across the in-process restarts, as a board's SNTP
/// time does; the monotonic clock, which times the bus, the broker and the backoff, stays real.
/// </summary>
internal sealed class WallTime
{
    private static readonly string[] Members = ["start", "rate"];
    private readonly DateTime _startUtc;
    private readonly int _rate;
    private readonly Stopwatch _since = Stopwatch.StartNew();

    private WallTime(DateTime startUtc, int rate)
    {
        _startUtc = startUtc;
        _rate = rate;
    }

    public DateTime Now => _startUtc.AddTicks(_since.Elapsed.Ticks * _rate);

    public static WallTime Read(JsonElement clock)
    {
        HostConfig.Known(clock, Members, "$.clock");
        string text = HostConfig.Member(clock, "start") is { } s ? HostConfig.Text(s, "$.clock.start") : throw new UsageException("$.clock.start: required");
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime start))
        {
            throw new UsageException($"$.clock.start: a UTC time as 2026-03-29T00:30:00Z, not '{text}'");
        }

        return new WallTime(start, HostConfig.Int(clock, "rate", 1, 1, 100_000, "$.clock"));
    }
}
