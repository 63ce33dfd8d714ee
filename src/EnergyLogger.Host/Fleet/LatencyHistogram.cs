namespace EnergyLogger.Host.Fleet;

/// <summary>How late poll cycles started, in whole milliseconds, for percentiles; safe to add to from many threads.</summary>
internal sealed class LatencyHistogram
{
    private readonly long[] _counts;

    public LatencyHistogram(int maxMs) => _counts = new long[maxMs + 2];

    public void Add(long ms) => Interlocked.Increment(ref _counts[(int)Math.Clamp(ms, 0, _counts.Length - 1)]);

    public long Count => _counts.Sum();

    /// <summary>The smallest value at or below which <paramref name="fraction"/> of the entries lie; the cap plus one for overflow.</summary>
    public long Percentile(double fraction)
    {
        long total = Count;
        long seen = 0;
        for (int ms = 0; ms < _counts.Length; ms++)
        {
            seen += Interlocked.Read(ref _counts[ms]);
            if (total > 0 && seen >= fraction * total)
            {
                return ms;
            }
        }

        return 0;
    }

    public long Max
    {
        get
        {
            for (int ms = _counts.Length - 1; ms >= 0; ms--)
            {
                if (Interlocked.Read(ref _counts[ms]) > 0)
                {
                    return ms;
                }
            }

            return 0;
        }
    }
}
