using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>The file slots and their loader decisions, one rule at a time.</summary>
public sealed class FileImageSlotsTests
{
    private static readonly byte[] Data = TestPackages.Image(3 * FileImageSlots.SegmentLength + 100, 11);

    private static FileImageSlots Staged(SimulatedFlash store, int length)
    {
        var slots = new FileImageSlots(store, 3);
        slots.Boot();
        Assert.True(slots.EraseStaging());
        Assert.True(slots.AppendStaging(Data, 0, length));
        return slots;
    }

    [Fact]
    public void Boot_EmptyFlash_StartsTheFactoryImageConfirmed()
    {
        var slots = new FileImageSlots(new SimulatedFlash(), 3);

        Assert.Equal(ImageSlot.Factory, slots.Boot());
        Assert.Equal((BootMode.Confirmed, false, false, SlotOutcome.None), (slots.Mode, slots.OnTrial, slots.Pending, slots.Outcome));
    }

    [Fact]
    public void AppendStaging_AcrossSegments_SplitsAtEverySegmentAndReadsBackWhole()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, Data.Length);
        byte[] back = new byte[Data.Length];

        Assert.Equal(Data.Length, slots.ReadStaging(0, back, 0, back.Length));
        Assert.Equal(Data, back);
        Assert.Equal([65536, 65536, 65536, 100], new[] { "ota-a.00", "ota-a.01", "ota-a.02", "ota-a.03" }.Select(store.Length));
    }

    [Theory]
    [InlineData(65536 + 5, 65536)]
    [InlineData(2 * 65536, 65536)]
    [InlineData(65535, 0)]
    [InlineData(0, 0)]
    public void ResumeStaging_KeepsEverySegmentBeforeTheLastWritten(int staged, int kept)
    {
        var store = new SimulatedFlash();
        Staged(store, staged);

        var afterReset = new FileImageSlots(store, 3);
        afterReset.Boot();

        Assert.Equal(kept, afterReset.ResumeStaging());
        Assert.Equal(kept / 65536, store.Files.Keys.Count(n => n.StartsWith("ota-a.", StringComparison.Ordinal)));
    }

    [Fact]
    public void ResumeStaging_SegmentsAfterAGapFromACutErase_Dropped()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, Data.Length);
        store.Delete("ota-a.01");

        Assert.Equal(0, slots.ResumeStaging());
        Assert.DoesNotContain(store.Files.Keys, n => n.StartsWith("ota-a.", StringComparison.Ordinal));
    }

    [Fact]
    public void Staging_WhileAnImageIsPendingOrOnTrial_Refused()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, 1000);
        Assert.True(slots.MarkPending("1.1.0"));

        Assert.False(slots.EraseStaging());
        Assert.False(slots.AppendStaging(Data, 0, 10));
        Assert.Equal(-1, slots.ResumeStaging());
        slots = new FileImageSlots(store, 3);
        Assert.Equal(ImageSlot.A, slots.Boot());
        Assert.False(slots.EraseStaging());
        Assert.Equal(1000, store.Length("ota-a.00"));
    }

    [Fact]
    public void MarkPending_NothingStaged_Refused()
    {
        var slots = new FileImageSlots(new SimulatedFlash(), 3);
        slots.Boot();
        slots.EraseStaging();

        Assert.False(slots.MarkPending("1.1.0"));
    }

    [Fact]
    public void Confirm_OrRollBack_OnlyOnTrial()
    {
        var slots = new FileImageSlots(new SimulatedFlash(), 3);
        slots.Boot();

        Assert.False(slots.Confirm());
        Assert.False(slots.RollBack(UpdateStatus.HealthCheckFailed));
    }

    [Fact]
    public void Boot_TrialRecordCannotBeWritten_StartsThePreviousImageNotOnTrial()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, 1000);
        slots.MarkPending("1.1.0");
        new FileImageSlots(store, 3).Boot();
        store.RefuseWrites = true;

        slots = new FileImageSlots(store, 3);

        Assert.Equal(ImageSlot.Factory, slots.Boot());
        Assert.False(slots.OnTrial);
        Assert.Equal(BootMode.Trial, slots.Mode);
    }

    [Fact]
    public void Constructor_BootedSlotFromTheLoader_SeesTheTrialWithoutBootingAgain()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, 1000);
        slots.MarkPending("1.1.0");
        ImageSlot booted = new FileImageSlots(store, 3).Boot();
        int writes = store.Writes;

        var application = new FileImageSlots(store, 3, booted);

        Assert.Equal((ImageSlot.A, true, 1), (application.Booted, application.OnTrial, application.TrialBoots));
        Assert.Equal(writes, store.Writes);
        Assert.True(application.Confirm());
    }

    [Fact]
    public void Boot_BothRecordsDamaged_FallsBackToTheFactoryImage()
    {
        var store = new SimulatedFlash();
        var slots = Staged(store, 1000);
        slots.MarkPending("1.1.0");
        new FileImageSlots(store, 3).Boot();
        foreach (string name in new[] { "ota-boot.0", "ota-boot.1" })
        {
            if (store.Files.TryGetValue(name, out byte[]? record))
            {
                record[20] ^= 1;
            }
        }

        Assert.Equal(ImageSlot.Factory, new FileImageSlots(store, 3).Boot());
    }

    [Fact]
    public void BootRecord_EncodeDecode_RoundTripsEveryField()
    {
        var record = new BootRecord
        {
            Sequence = 0x01020304, Active = ImageSlot.B, Previous = ImageSlot.A, Mode = BootMode.Trial, TrialBoots = 2,
            PendingSlot = ImageSlot.B, Outcome = SlotOutcome.RolledBack, Reason = UpdateStatus.HealthCheckFailed,
            Version = "1.4.0-rc.1+build.7", RolledBackVersion = new string('9', 64),
        };
        byte[] buffer = new byte[BootRecord.Length];
        byte[] scratch = new byte[32];
        var sha = new Sha256();
        record.Encode(buffer, sha, scratch);
        var back = new BootRecord();

        Assert.True(back.Decode(buffer, buffer.Length, sha, scratch));
        Assert.Equivalent(record, back);
        Assert.False(back.Decode(buffer, buffer.Length - 1, sha, scratch));
        buffer[100] ^= 1;
        Assert.False(back.Decode(buffer, buffer.Length, sha, scratch));
    }
}
