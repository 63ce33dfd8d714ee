using System.Diagnostics;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// A byte link that clocks what happens on it, for the <c>line</c> bench: how long writes take to hand the request
/// over, how long the master then waits for the first byte of the reply, and how long the rest of the reply takes to
/// come in. Everything between exchanges (the master's t3.5 wait, planning, decoding) is what is left of a cycle.
/// </summary>
internal sealed class TimedLink(IByteLink inner) : IByteLink
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private double _writtenAtMs = -1;
    private bool _awaitingFirst;

    public double WriteMs { get; private set; }

    public double FirstByteMs { get; private set; }

    public double ReplyMs { get; private set; }

    public void Reset() => WriteMs = FirstByteMs = ReplyMs = 0;

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        double start = _watch.Elapsed.TotalMilliseconds;
        LinkStatus status = inner.Write(buffer, offset, count);
        _writtenAtMs = _watch.Elapsed.TotalMilliseconds;
        WriteMs += _writtenAtMs - start;
        _awaitingFirst = true;
        return status;
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        double start = _watch.Elapsed.TotalMilliseconds;
        LinkStatus status = inner.Read(buffer, offset, count, timeoutMs, out received);
        double end = _watch.Elapsed.TotalMilliseconds;
        if (_awaitingFirst && received > 0)
        {
            FirstByteMs += end - _writtenAtMs;
            _awaitingFirst = false;
        }
        else if (!_awaitingFirst)
        {
            ReplyMs += end - start;
        }

        return status;
    }

    public void DiscardInput() => inner.DiscardInput();
}
