using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The boot journal keeps how the last three runs ended, for get_diagnostics, and still reads the record of the firmware before it.</summary>
public sealed class BootJournalHistoryTests
{
    [Fact]
    public void History_FourRunsWithDifferentEnds_TheLastThreeNewestFirst()
    {
        var store = new MemoryFileStore();
        var ends = new[] { ResetReason.Command, ResetReason.Stall, ResetReason.Update };
        foreach (ResetReason end in ends)
        {
            var run = new BootJournal(store, 3);
            run.Begin();
            run.RecordRestart(end, "");
        }

        var powerCut = new BootJournal(store, 3);
        powerCut.Begin();
        var now = new BootJournal(store, 3);
        now.Begin();

        Assert.Equal([ResetReason.Unknown, ResetReason.Update, ResetReason.Stall], now.History);
        Assert.Equal(ResetReason.Unknown, now.PreviousReason);
    }

    [Fact]
    public void History_FirstStart_OnlyTheFirstStart()
    {
        var journal = new BootJournal(new MemoryFileStore(), 3);
        journal.Begin();

        Assert.Equal([ResetReason.FirstStart], journal.History);
    }

    [Fact]
    public void VersionOneRecord_ReadAsBefore_HistoryStartsFromIt()
    {
        var store = new MemoryFileStore();
        byte[] detail = "reboot command"u8.ToArray();
        var record = new List<byte> { (byte)'E', (byte)'L', (byte)'B', (byte)'J', 1, 0, 0, 0, 41, 0, (byte)ResetReason.Command, (byte)detail.Length };
        record.AddRange(detail);
        uint crc = Crc32.Compute([.. record], 0, record.Count);
        record.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        Assert.True(store.Replace(BootJournal.FileName, [.. record], 0, record.Count));

        var journal = new BootJournal(store, 3);
        journal.Begin();
        var next = new BootJournal(store, 3);
        next.Begin();

        Assert.Equal((42u, ResetReason.Command, "reboot command"), (journal.Boots, journal.PreviousReason, journal.PreviousDetail));
        Assert.Equal([ResetReason.Command], journal.History);
        Assert.Equal([ResetReason.Unknown, ResetReason.Command], next.History);
    }
}
