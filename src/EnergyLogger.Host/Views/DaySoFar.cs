using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Views;

/// <summary>
/// The samples of the day the latest one belongs to (the machine's local day), for the live view: the newest sample,
/// the day's energy, and the day's series. A sample of a later day starts a new day; duplicates (same <c>seq</c>,
/// as a broker may deliver twice) and samples without a wall time are not kept in the series.
/// </summary>
internal sealed class DaySoFar(TimeZoneInfo zone)
{
    private readonly List<SampleRecord> _samples = [];
    private readonly HashSet<long> _seen = [];

    public SampleRecord? Latest { get; private set; }

    public IReadOnlyList<SampleRecord> Samples => _samples;

    public DateOnly? Day { get; private set; }

    public TimeZoneInfo Zone => zone;

    /// <summary>Takes a sample; false when it was seen before (the same <c>seq</c>).</summary>
    public bool Add(SampleRecord sample)
    {
        if (sample.Sequence != 0 && !_seen.Add(sample.Sequence))
        {
            return false;
        }

        Latest = sample;
        if (sample.Time is not DateTimeOffset time)
        {
            return true;
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        if (Day is DateOnly current && day < current)
        {
            return true;
        }

        if (Day != day)
        {
            _samples.Clear();
            Day = day;
        }

        _samples.Add(sample);
        return true;
    }

    public DayEnergy Energy() => DayEnergy.Of(_samples);

    /// <summary>
    /// The day cut into <paramref name="columns"/> equal slots from midnight: the mean of <paramref name="path"/> in each,
    /// null where no sample fell.
    /// </summary>
    public double?[] Series(string path, int columns)
    {
        var sums = new double[columns];
        var counts = new int[columns];
        foreach (SampleRecord sample in _samples)
        {
            if (sample.Number(path) is not double value)
            {
                continue;
            }

            TimeSpan sinceMidnight = TimeZoneInfo.ConvertTime(sample.Time!.Value, zone).TimeOfDay;
            int slot = Math.Min(columns - 1, (int)(sinceMidnight.TotalMinutes * columns / 1440));
            sums[slot] += value;
            counts[slot]++;
        }

        var series = new double?[columns];
        for (int i = 0; i < columns; i++)
        {
            series[i] = counts[i] == 0 ? null : sums[i] / counts[i];
        }

        return series;
    }
}
