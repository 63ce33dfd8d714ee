namespace EnergyLogger.Host.Provisioning;

/// <summary>What the listener has done since it started; read from any thread.</summary>
internal sealed class ListenerCounters
{
    private int _accepted;
    private int _refused;
    private int _lineTooLong;
    private int _idle;
    private int _applied;
    private int _locked;
    private int _largestBuffered;

    /// <summary>Connections that got a session.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections turned away because every session slot was taken.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public int ClosedLineTooLong => Volatile.Read(ref _lineTooLong);

    public int ClosedIdle => Volatile.Read(ref _idle);

    public int Applied => Volatile.Read(ref _applied);

    /// <summary>Sessions refused or ended for the code: the port was locked, the fifth wrong code, or an unreadable label.</summary>
    public int ClosedLocked => Volatile.Read(ref _locked);

    /// <summary>The most bytes any session held for an unfinished line.</summary>
    public int LargestBuffered => Volatile.Read(ref _largestBuffered);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountRefused() => Interlocked.Increment(ref _refused);

    internal void CountLineTooLong() => Interlocked.Increment(ref _lineTooLong);

    internal void CountIdle() => Interlocked.Increment(ref _idle);

    internal void CountApplied() => Interlocked.Increment(ref _applied);

    internal void CountLocked() => Interlocked.Increment(ref _locked);

    internal void SeeBuffered(int bytes)
    {
        int seen = Volatile.Read(ref _largestBuffered);
        while (bytes > seen)
        {
            int was = Interlocked.CompareExchange(ref _largestBuffered, bytes, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
