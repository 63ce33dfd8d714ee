using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The cloud's outboxes on the dongle: one flash budget, however many endpoints the map names.</summary>
public class OutboxShelfTests
{
    private static readonly string?[] Own = [null];
    private readonly MemoryFileStore _store = new();
    private readonly RecordingLog _sink = new();
    private readonly OutboxOptions _budget;

    public OutboxShelfTests()
    {
        var options = new RuntimeOptions();
        options.ShareOutboxes(RuntimeOptions.DongleOutboxBytes);
        _budget = options.Outbox;
    }

    private OutboxShelf NewShelf() => new(_store, _budget, new Log(_sink, new VirtualClock(0)));

    /// <summary>About 1 KB, so that a 16 KB segment takes 15 of them.</summary>
    private static byte[] Sample(int n) => Encoding.ASCII.GetBytes($"{{\"n\":{n},\"pad\":\"{new string('x', 1000)}\"}}");

    private static void Fill(Outbox outbox, int samples, int from = 0)
    {
        for (int n = from; n < from + samples; n++)
        {
            byte[] sample = Sample(n);
            Assert.Equal(AppendStatus.Stored, outbox.Append(sample, 0, sample.Length));
        }
    }

    private int FlashHeld() => _store.Files.Where(f => f.Key.StartsWith("ob") || f.Key.StartsWith("ep")).Sum(f => f.Value.Length);

    private static void AssertNothingLostUncounted(Outbox outbox)
    {
        OutboxCounters c = outbox.Counters;
        Assert.Equal(c.Appended + c.Restored, c.Acknowledged + outbox.Pending + c.Dropped + c.Merged);
    }

    [Fact]
    public void For_NineEndpointsEachOfflineLong_FlashTheyHoldStaysWithinTheCloudsBudget()
    {
        OutboxShelf shelf = NewShelf();
        string?[] endpoints = [null, "meter-1", "meter-2", "meter-3", "meter-4", "battery-1", "battery-2", "ev-1", "heat-pump"];

        Outbox[] outboxes = shelf.For(endpoints!);
        foreach (Outbox outbox in outboxes)
        {
            Fill(outbox, 500);
        }

        Assert.All(outboxes, o => Assert.Equal(_budget.MaxSegments / 9, o.Options.MaxSegments));
        Assert.InRange(FlashHeld(), 9 * 15 * 1024, _budget.CapBytes);
        Assert.All(outboxes, o => Assert.True(o.Counters.Dropped > 0));
        Assert.All(outboxes, AssertNothingLostUncounted);
    }

    [Fact]
    public void For_AMapWithTwoMoreEndpoints_TheOwnOutboxShrinksToAThirdItsOldestDroppedCountedAndLogged()
    {
        OutboxShelf shelf = NewShelf();
        Outbox own = shelf.For(Own!)[0];
        Fill(own, 24 * 15);
        Assert.Equal(24, own.Options.MaxSegments);
        Assert.Equal(0, own.Counters.Dropped);

        Outbox[] outboxes = shelf.For([null!, "meter-1", "battery-1"]);

        Assert.Same(own, outboxes[0]);
        Assert.All(outboxes, o => Assert.Equal(8, o.Options.MaxSegments));
        Assert.True(own.StoredBytes <= 8 * _budget.SegmentBytes, $"{own.StoredBytes} bytes held");
        Assert.True(own.Counters.Dropped > 0);
        AssertNothingLostUncounted(own);
        var batch = new OutboxBatch();
        var buffer = new byte[_budget.MaxBatchBytes];
        Assert.True(own.NextBatch(batch, buffer));
        Assert.Equal(own.Counters.Dropped, OutboxTests.Numbers(buffer, batch)[0]);
        Assert.Contains(_sink.Lines, l => l.Contains("msg=\"oldest samples dropped to fit the smaller share\" prefix=ob dropped=" + own.Counters.Dropped, StringComparison.Ordinal));
        Assert.Contains(_sink.Lines, l => l.Contains("msg=\"budget shared\" outboxes=3 segments=8", StringComparison.Ordinal));
    }

    [Fact]
    public void For_AnEndpointDroppedWithSamplesUnsent_KeepsThemAndItsShareUntilAMapBringsItBack()
    {
        OutboxShelf shelf = NewShelf();
        Outbox meter = shelf.For([null!, "meter-1"])[1];
        Fill(meter, 10);

        Outbox[] without = shelf.For(Own!);

        Assert.Equal(2, shelf.Count);
        Assert.Equal(12, without[0].Options.MaxSegments);
        Assert.Equal(12, meter.Options.MaxSegments);
        Assert.Equal(10, meter.Pending);
        Assert.Same(meter, shelf.For([null!, "meter-1"])[1]);
        Assert.Equal(10, meter.Pending);
    }

    [Fact]
    public void For_FilesOfAnEndpointAnEarlierBootPublishedFor_OpenedAndCountedInTheShare()
    {
        OutboxShelf before = NewShelf();
        Fill(before.For([null!, "meter-1"])[1], 5);
        before.Flush();

        OutboxShelf after = NewShelf();
        Outbox own = after.For(Own!)[0];

        Assert.Equal(2, after.Count);
        Assert.Equal(5, after[1].Pending);
        Assert.Equal("ep", after[1].Options.FilePrefix[..2]);
        Assert.Equal(12, own.Options.MaxSegments);
    }

    [Fact]
    public void For_OneEndpoint_TheWholeBudgetAsBefore()
    {
        Outbox own = NewShelf().For(Own!)[0];

        Assert.Equal(_budget.MaxSegments, own.Options.MaxSegments);
        Assert.Equal(384 * 1024, own.Options.CapBytes);
    }
}
