using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Samples;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Views;

/// <summary>
/// The demo's simulated inverter through a day: each cycle moves the simulated clock on by <c>stepMinutes</c>
/// and polls it with the logger's own engine (<see cref="SimulatedDongle"/>), so the view fills with a day in minutes.
/// </summary>
internal sealed class DemoSource : ISampleSource
{
    private readonly SimulatedDongle _dongle;
    private readonly SimulatedTimeClock _clock;
    private readonly int _stepMinutes;
    private readonly int _intervalMs;
    private readonly int _cycles;
    private double _hour;
    private int _cycle;
    private long _cycleStartMs;

    public DemoSource(RegisterMap map, int seed, DateTime dayUtc, int startHour, int stepMinutes, int intervalMs, int cycles)
    {
        _clock = new SimulatedTimeClock(new SystemClock(), dayUtc.Date.AddHours(startHour));
        _dongle = new SimulatedDongle(map, seed, _clock);
        _hour = startHour;
        _stepMinutes = stepMinutes;
        _intervalMs = intervalMs;
        _cycles = cycles;
        Title = $"demo: {map.Name}";
    }

    public string Title { get; }

    /// <summary>The simulated inverter, for the demo's own lines.</summary>
    public SimulatedDongle Dongle => _dongle;

    public IReadOnlyList<SampleRecord> Next(CancellationToken stop)
    {
        if ((_cycles > 0 && _cycle >= _cycles) || stop.IsCancellationRequested)
        {
            return [];
        }

        if (_cycle > 0)
        {
            if (_intervalMs > 0 && stop.WaitHandle.WaitOne(_intervalMs))
            {
                return [];
            }

            // The next cycle starts exactly one step of simulated time after the last one began.
            _hour = (_hour + (_stepMinutes / 60.0)) % 24;
            _clock.Skip(TimeSpan.FromMinutes(_stepMinutes) - TimeSpan.FromMilliseconds(_clock.MonotonicMs - _cycleStartMs));
        }

        _cycle++;
        _cycleStartMs = _clock.MonotonicMs;
        _dongle.Cycle(_hour, _stepMinutes * 60);
        return SampleRecord.ParseMessage(_dongle.Json.Buffer.AsSpan(0, _dongle.Json.Length), out _) ?? [];
    }

    public void Dispose()
    {
    }
}
