using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// A field bus with simulated slaves behind an <see cref="IByteLink"/>. Each request written is decoded
/// and answered by the next <see cref="Reply"/> of the script (a correct reply when the script is
/// empty). Reply bytes are scheduled on the <see cref="VirtualClock"/>; a read waits for them by
/// advancing the clock, or advances it by the whole timeout and reports Timeout. Every byte written
/// and every flush is recorded, so a test can assert what went on the bus and when.
/// </summary>
public sealed class ScriptedSlaveLink : IByteLink
{
    private readonly VirtualClock _clock;
    private readonly Dictionary<byte, SlaveImage> _slaves = new();
    private readonly Queue<Reply> _script = new();
    private readonly List<Piece> _pending = new();
    private int _scheduling;

    public ScriptedSlaveLink(VirtualClock clock, bool tcp = false)
    {
        _clock = clock;
        Tcp = tcp;
    }

    /// <summary>MBAP framing instead of RTU.</summary>
    public bool Tcp { get; }

    /// <summary>Every byte written, in order.</summary>
    public List<byte> Written { get; } = new();

    public List<WriteRecord> Writes { get; } = new();

    /// <summary>Each reply burst as scheduled (after faults, before chunking).</summary>
    public List<byte[]> Bursts { get; } = new();

    public int DiscardCalls { get; private set; }

    /// <summary>'D' for each DiscardInput and 'W' for each Write, in order: shows a flush before every request.</summary>
    public System.Text.StringBuilder Trace { get; } = new();

    public int DiscardedBytes { get; private set; }

    /// <summary>Bytes read that answered a request older than the latest one (late replies).</summary>
    public int LateBytesRead { get; private set; }

    /// <summary>When the last byte was handed to the reader; -1 before any.</summary>
    public long LastDeliveryMs { get; private set; } = -1;

    public LinkStatus WriteStatus { get; set; } = LinkStatus.Ok;

    public bool FailReads { get; set; }

    /// <summary>Bytes scheduled and not read or discarded yet.</summary>
    public int PendingBytes => _pending.Sum(p => p.Bytes.Length - p.Offset);

    public SlaveImage AddSlave(byte id)
    {
        var slave = new SlaveImage(id);
        _slaves[id] = slave;
        return slave;
    }

    public SlaveImage Slave(byte id) => _slaves[id];

    public ScriptedSlaveLink Then(params Reply[] replies)
    {
        foreach (Reply reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Forgets the replies not used yet.</summary>
    public void ClearScript() => _script.Clear();

    /// <summary>Puts bytes on the line at a given time, in pieces, independent of any request.</summary>
    public void Inject(long atMs, byte[] bytes, int chunkSize = 0, int gapMs = 0)
    {
        _scheduling = -1;
        Schedule(atMs, bytes, chunkSize, gapMs);
    }

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        var request = buffer.AsSpan(offset, count).ToArray();
        long now = _clock.MonotonicMs;
        Trace.Append('W');
        Written.AddRange(request);
        Writes.Add(new WriteRecord(now, request, LastDeliveryMs < 0 ? -1 : now - LastDeliveryMs));
        if (WriteStatus != LinkStatus.Ok)
        {
            return WriteStatus;
        }

        Reply reply = _script.Count > 0 ? _script.Dequeue() : Reply.Normal;
        byte[]? burst = ReplyBuilder.Burst(request, reply, _slaves, Tcp);
        if (burst != null)
        {
            _scheduling = Writes.Count - 1;
            Bursts.Add(burst);
            if (reply.CutAt != null)
            {
                ScheduleCuts(now + reply.DelayMs, burst, reply.CutAt, reply.GapMs);
            }
            else
            {
                Schedule(now + reply.DelayMs, burst, reply.ChunkSize, reply.GapMs);
            }
        }

        return LinkStatus.Ok;
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        received = 0;
        if (FailReads)
        {
            return LinkStatus.Error;
        }

        Piece? next = _pending.Count > 0 ? _pending[0] : null;
        long now = _clock.MonotonicMs;
        if (next == null || next.AtMs > now + Math.Max(timeoutMs, 0))
        {
            _clock.Advance(Math.Max(timeoutMs, 0));
            return LinkStatus.Timeout;
        }

        if (next.AtMs > now)
        {
            _clock.AdvanceTo(next.AtMs);
        }

        // One piece (or what fits) per read, so every chunk boundary reaches the reader.
        received = Math.Min(count, next.Bytes.Length - next.Offset);
        Array.Copy(next.Bytes, next.Offset, buffer, offset, received);
        next.Offset += received;
        if (next.WriteIndex >= 0 && next.WriteIndex < Writes.Count - 1)
        {
            LateBytesRead += received;
        }

        if (next.Offset == next.Bytes.Length)
        {
            _pending.RemoveAt(0);
        }

        LastDeliveryMs = _clock.MonotonicMs;
        return LinkStatus.Ok;
    }

    public void DiscardInput()
    {
        DiscardCalls++;
        Trace.Append('D');
        long now = _clock.MonotonicMs;
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            if (_pending[i].AtMs <= now)
            {
                DiscardedBytes += _pending[i].Bytes.Length - _pending[i].Offset;
                _pending.RemoveAt(i);
            }
        }
    }

    private void Schedule(long atMs, byte[] bytes, int chunkSize, int gapMs)
    {
        int size = chunkSize > 0 ? chunkSize : Math.Max(bytes.Length, 1);
        long at = atMs;
        for (int start = 0; start < bytes.Length; start += size)
        {
            Enqueue(at, bytes.AsSpan(start, Math.Min(size, bytes.Length - start)).ToArray());
            at += gapMs;
        }
    }

    private void ScheduleCuts(long atMs, byte[] bytes, int[] cuts, int gapMs)
    {
        int start = 0;
        long at = atMs;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            if (cut > start)
            {
                Enqueue(at, bytes[start..cut]);
                at += gapMs;
                start = cut;
            }
        }
    }

    private void Enqueue(long at, byte[] bytes)
    {
        int index = _pending.FindIndex(p => p.AtMs > at);
        _pending.Insert(index < 0 ? _pending.Count : index, new Piece(at, bytes, _scheduling));
    }

    public sealed record WriteRecord(long AtMs, byte[] Bytes, long QuietBeforeMs);

    private sealed class Piece
    {
        public Piece(long atMs, byte[] bytes, int writeIndex)
        {
            AtMs = atMs;
            Bytes = bytes;
            WriteIndex = writeIndex;
        }

        public long AtMs { get; }

        /// <summary>The write this piece answers; -1 for injected bytes.</summary>
        public int WriteIndex { get; }

        public byte[] Bytes { get; }

        public int Offset { get; set; }
    }
}
