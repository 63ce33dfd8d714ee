using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

public class OutboxTests
{
    private static readonly OutboxOptions Small = new() { SegmentBytes = 256, MaxSegments = 4, MaxBatchBytes = 128 };

    internal static byte[] Sample(int n) => Encoding.ASCII.GetBytes($"{{\"n\":{n}}}");

    internal static int[] Numbers(byte[] buffer, OutboxBatch batch)
    {
        using JsonDocument doc = JsonDocument.Parse(buffer.AsMemory(0, batch.Length));
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("n").GetInt32()).ToArray();
    }

    internal static void AssertNothingLost(Outbox outbox)
    {
        OutboxCounters c = outbox.Counters;
        Assert.Equal(c.Appended + c.Restored, c.Acknowledged + outbox.Pending + c.Dropped);
    }

    private static Outbox NewOutbox(MemoryFileStore store, OutboxOptions? options = null)
    {
        var outbox = new Outbox(store, options ?? Small);
        outbox.Open();
        return outbox;
    }

    [Fact]
    public void NextBatch_ThreeSamples_OneJsonArrayInOrder()
    {
        var store = new MemoryFileStore();
        Outbox outbox = NewOutbox(store);
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(AppendStatus.Stored, outbox.Append(Sample(i), 0, Sample(i).Length));
        }

        var buffer = new byte[512];
        var batch = new OutboxBatch();
        Assert.True(outbox.NextBatch(batch, buffer));
        Assert.Equal("[{\"n\":1},{\"n\":2},{\"n\":3}]", Encoding.ASCII.GetString(buffer, 0, batch.Length));
        Assert.False(outbox.NextBatch(new OutboxBatch(), buffer));
        Assert.Equal(3, outbox.Pending);
    }

    [Fact]
    public void Acknowledge_Batch_RecordsDoneAndFullSegmentsDeletedOnlyThen()
    {
        var store = new MemoryFileStore();
        Outbox outbox = NewOutbox(store);
        for (int i = 0; i < 40; i++)
        {
            outbox.Append(Sample(i), 0, Sample(i).Length);
        }

        int filesBefore = store.Files.Count;
        var buffer = new byte[512];
        var batches = new List<OutboxBatch>();
        var batch = new OutboxBatch();
        while (outbox.NextBatch(batch, buffer))
        {
            batches.Add(batch);
            batch = new OutboxBatch();
        }

        Assert.Equal(filesBefore, store.Files.Count);
        foreach (OutboxBatch b in batches)
        {
            outbox.Acknowledge(b);
        }

        Assert.Equal(0, outbox.Pending);
        Assert.Equal(40, outbox.Counters.Acknowledged);
        // Only the segment still taking appends remains.
        Assert.Single(store.Files);
        AssertNothingLost(outbox);
    }

    [Fact]
    public void C2_AcknowledgeTwice_CountedOnce()
    {
        Outbox outbox = NewOutbox(new MemoryFileStore());
        outbox.Append(Sample(1), 0, 7);
        var batch = new OutboxBatch();
        Assert.True(outbox.NextBatch(batch, new byte[64]));
        outbox.Acknowledge(batch);
        outbox.Acknowledge(batch);
        Assert.Equal(1, outbox.Counters.Acknowledged);
        Assert.Equal(0, outbox.Pending);
        AssertNothingLost(outbox);
    }

    [Fact]
    public void C2_Release_SameRecordsSentAgain()
    {
        Outbox outbox = NewOutbox(new MemoryFileStore());
        for (int i = 1; i <= 2; i++)
        {
            outbox.Append(Sample(i), 0, Sample(i).Length);
        }

        var buffer = new byte[128];
        var first = new OutboxBatch();
        Assert.True(outbox.NextBatch(first, buffer));
        int[] sent = Numbers(buffer, first);
        outbox.Release(first);
        var again = new OutboxBatch();
        Assert.True(outbox.NextBatch(again, buffer));
        Assert.Equal(sent, Numbers(buffer, again));
        outbox.Acknowledge(again);
        Assert.Equal(0, outbox.Pending);
    }

    [Fact]
    public void Append_Full_DropsOldestSegmentAndCounts()
    {
        var store = new MemoryFileStore();
        Outbox outbox = NewOutbox(store);
        for (int i = 0; i < 200; i++)
        {
            outbox.Append(Sample(i), 0, Sample(i).Length);
        }

        Assert.InRange(store.TotalBytes, 1, Small.CapBytes);
        Assert.Equal(Small.MaxSegments, outbox.SegmentCount);
        Assert.True(outbox.Counters.Dropped > 0);
        AssertNothingLost(outbox);

        // The survivors are the newest, oldest first.
        var buffer = new byte[512];
        var batch = new OutboxBatch();
        var seen = new List<int>();
        while (outbox.NextBatch(batch, buffer))
        {
            seen.AddRange(Numbers(buffer, batch));
            batch = new OutboxBatch();
        }

        Assert.Equal(199, seen.Max());
        Assert.Equal(Enumerable.Range(200 - seen.Count, seen.Count), seen.Order());
    }

    [Fact]
    public void Append_TooLarge_RefusedAndCounted()
    {
        Outbox outbox = NewOutbox(new MemoryFileStore());
        var big = new byte[Small.MaxRecordBytes + 1];
        Assert.Equal(AppendStatus.TooLarge, outbox.Append(big, 0, big.Length));
        Assert.Equal(1, outbox.Counters.Refused);
        AssertNothingLost(outbox);
    }

    [Fact]
    public void NextBatch_BacklogAndLive_TakeTurnsSoLiveIsNotStarved()
    {
        Outbox outbox = NewOutbox(new MemoryFileStore(), new OutboxOptions { SegmentBytes = 4096, MaxSegments = 8, MaxBatchBytes = 64 });
        for (int i = 0; i < 100; i++)
        {
            outbox.Append(Sample(i), 0, Sample(i).Length);
        }

        var buffer = new byte[64];
        var live = new OutboxBatch();
        var backlog = new OutboxBatch();
        outbox.Append(Sample(1000), 0, 10);
        Assert.True(outbox.NextBatch(live, buffer));
        Assert.True(live.Live);
        Assert.Contains(1000, Numbers(buffer, live));
        Assert.True(outbox.NextBatch(backlog, buffer));
        Assert.False(backlog.Live);
        Assert.Equal(0, Numbers(buffer, backlog)[0]);
    }
}
