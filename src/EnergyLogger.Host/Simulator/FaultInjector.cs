namespace EnergyLogger.Host.Simulator;

/// <summary>
/// Decides, request by request, which fault (if any) the simulated slave commits. Seeded, so a run with
/// the same rules, seed and request sequence injects the same faults. Rules are tried in the order given;
/// every rule counts every request and draws its random number every time, so one rule firing does not
/// shift the schedule of the others. Not thread-safe: the caller serialises requests.
/// </summary>
internal sealed class FaultInjector
{
    private readonly FaultRule[] _rules;
    private readonly Random _random;
    private long _requests;

    public FaultInjector(FaultRule[] rules, int seed)
    {
        _rules = rules;
        _random = new Random(seed);
        Injected = new long[Enum.GetValues<FaultKind>().Length];
    }

    /// <summary>How many times each <see cref="FaultKind"/> struck, indexed by the kind.</summary>
    public long[] Injected { get; }

    public FaultKind Next()
    {
        _requests++;
        FaultKind chosen = FaultKind.None;
        foreach (FaultRule rule in _rules)
        {
            double draw = _random.NextDouble();
            bool strikes = rule.EveryNth > 0 ? _requests % rule.EveryNth == 0 : draw < rule.Probability;
            if (strikes && chosen == FaultKind.None)
            {
                chosen = rule.Kind;
            }
        }

        Injected[(int)chosen]++;
        return chosen;
    }

    /// <summary>Bytes for <see cref="FaultKind.Garbage"/>; never zero, so no run of them passes for an MBAP header.</summary>
    public int Garbage(byte[] buffer, int offset, int maxCount)
    {
        int count = _random.Next(maxCount / 2, maxCount + 1);
        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = (byte)_random.Next(1, 256);
        }

        return count;
    }
}
