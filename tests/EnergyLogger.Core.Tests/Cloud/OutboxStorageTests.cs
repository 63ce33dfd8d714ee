using EnergyLogger.Core.Cloud;
using Xunit;
using static EnergyLogger.Core.Tests.Cloud.OutboxTests;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>RELIABILITY S1: what survives a restart, and what damaged files cost.</summary>
public class OutboxStorageTests
{
    private static readonly OutboxOptions Options = new() { SegmentBytes = 256, MaxSegments = 8, MaxBatchBytes = 256 };

    private static List<int> Drain(Outbox outbox)
    {
        var buffer = new byte[256];
        var all = new List<int>();
        var batch = new OutboxBatch();
        while (outbox.NextBatch(batch, buffer))
        {
            all.AddRange(Numbers(buffer, batch));
            outbox.Acknowledge(batch);
            batch = new OutboxBatch();
        }

        return all;
    }

    private static MemoryFileStore StoreWith(int samples)
    {
        var store = new MemoryFileStore();
        var outbox = new Outbox(store, Options);
        outbox.Open();
        for (int i = 0; i < samples; i++)
        {
            outbox.Append(Sample(i), 0, Sample(i).Length);
        }

        return store;
    }

    [Fact]
    public void Open_AfterRestart_RestoresEveryRecordOldestFirst()
    {
        MemoryFileStore store = StoreWith(50);
        var outbox = new Outbox(store, Options);
        Assert.Equal(50, outbox.Open());
        Assert.Equal(Enumerable.Range(0, 50), Drain(outbox).Order());
        Assert.Equal(50, outbox.Counters.Restored);
        AssertNothingLost(outbox);
    }

    [Fact]
    public void S1_FlippedByteInOneRecord_ThatRecordSkippedRestKept()
    {
        MemoryFileStore store = StoreWith(20);
        string first = store.Files.Keys.Order().First();
        store.Files[first][OutboxRecordOffsetOfSecond(store.Files[first]) + 10] ^= 0x40;

        var outbox = new Outbox(store, Options);
        Assert.Equal(19, outbox.Open());
        Assert.Equal(1, outbox.Counters.Corrupt);
        List<int> kept = Drain(outbox);
        Assert.DoesNotContain(1, kept);
        Assert.Equal(19, kept.Count);
    }

    [Fact]
    public void S1_TornTail_CountedAndEarlierRecordsKept()
    {
        MemoryFileStore store = StoreWith(5);
        string name = store.Files.Keys.Single();
        store.Files[name] = store.Files[name][..^4];

        var outbox = new Outbox(store, Options);
        Assert.Equal(4, outbox.Open());
        Assert.Equal(1, outbox.Counters.Corrupt);
        Assert.Equal([0, 1, 2, 3], Drain(outbox));
    }

    [Fact]
    public void S1_TornAppendWhileRunning_LaterRecordsGoToANewSegmentAndSurviveRestart()
    {
        var store = new MemoryFileStore();
        var outbox = new Outbox(store, Options);
        outbox.Open();
        outbox.Append(Sample(0), 0, 7);
        store.TearNextAppend = 5;
        Assert.Equal(AppendStatus.StoreFailed, outbox.Append(Sample(1), 0, 7));
        outbox.Append(Sample(2), 0, 7);
        AssertNothingLost(outbox);

        var restarted = new Outbox(store, Options);
        Assert.Equal(2, restarted.Open());
        Assert.Equal(1, restarted.Counters.Corrupt);
        Assert.Equal([0, 2], Drain(restarted));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEB, 0x02, 0x05, 0x00, 0, 0, 0, 0, 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x02 })]
    public void S1_EmptyOrUnknownVersionFile_NoCrashFileRemoved(byte[] content)
    {
        var store = new MemoryFileStore();
        store.Files["ob00000007.seg"] = content;
        store.Files["settings.json"] = [1, 2, 3];
        var outbox = new Outbox(store, Options);
        Assert.Equal(0, outbox.Open());
        Assert.False(store.Files.ContainsKey("ob00000007.seg"));
        Assert.True(store.Files.ContainsKey("settings.json"));
        Assert.Equal(content.Length == 0 ? 0 : 1, outbox.Counters.Corrupt);

        outbox.Append(Sample(9), 0, 7);
        Assert.Contains("ob00000008.seg", store.Files.Keys);
    }

    [Fact]
    public void Open_SmallerCapThanLastRun_DropsOldestAndCounts()
    {
        MemoryFileStore store = StoreWith(120);
        int segments = store.Files.Count;
        var outbox = new Outbox(store, new OutboxOptions { SegmentBytes = 256, MaxSegments = 2, MaxBatchBytes = 256 });
        outbox.Open();
        Assert.True(segments > 2);
        Assert.Equal(2, outbox.SegmentCount);
        Assert.True(outbox.Counters.Dropped > 0);
        AssertNothingLost(outbox);
    }

    private static int OutboxRecordOffsetOfSecond(byte[] file) => OutboxRecord.HeaderBytes + (file[2] | (file[3] << 8));
}
