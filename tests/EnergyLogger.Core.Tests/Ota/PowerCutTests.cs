using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// RELIABILITY O4, after MCUboot's run_perm_with_fails: count the flash writes of a clean update (staging,
/// marking pending, the loader starting the trial, confirming, acknowledging the report), then replay
/// the update with the power cut at write N for every N. After every boot the device runs the old image
/// or the new one, intact, never neither; and with the cloud redelivering its offer it always ends on the
/// new image, confirmed, with the outcome reported.
/// </summary>
public sealed class PowerCutTests
{
    private const int ImageLength = 100_000;

    /// <summary>Builds the starting point: the factory image, or 1.2.0 running from slot B with a stale 1.1.0 in slot A.</summary>
    private static (UpdateRig Rig, string Old, byte[]? OldImage, int OldPackageLength) Start(bool fromSlot, int seed)
    {
        var rig = new UpdateRig(seed);
        if (!fromSlot)
        {
            return (rig, UpdateRig.FactoryVersion, null, 0);
        }

        foreach (string version in new[] { "1.1.0", "1.2.0" })
        {
            var (offer, _, _) = rig.Publish(version, ImageLength, url: UpdateRig.Url + "?" + version);
            rig.Agent.Offer(offer);
            rig.RunMainLoop();
            rig.PowerOn();
            rig.RunMainLoop();
        }

        Assert.Equal((ImageSlot.B, "1.2.0"), (rig.Booted, rig.RunningVersion));
        rig.Delivered.Clear();
        byte[] package = TestPackages.Build(UpdateRig.Key, TestPackages.Image(ImageLength, "1.2.0".Aggregate(17, (h, c) => (h * 31) + c)), "1.2.0");
        return (rig, "1.2.0", rig.ImageIn(ImageSlot.B, package.Length), package.Length);
    }

    /// <summary>The update to 1.3.0 with one power cut at the update's write number <paramref name="cut"/> (0: none); returns the update's writes.</summary>
    private static int Update(bool fromSlot, bool tornKeepsLength, int cut)
    {
        var (rig, old, oldImage, oldLength) = Start(fromSlot, seed: cut + 1);
        var (offer, package, image) = rig.Publish("1.3.0", ImageLength, minFirmware: "1.0.0");
        rig.Store.TornKeepsLength = tornKeepsLength;
        int before = rig.Store.Writes;
        rig.Store.CutAtWrite = cut == 0 ? 0 : before + cut;
        bool cutHappened = cut == 0;
        for (int boot = 0; boot < 12; boot++)
        {
            try
            {
                if (boot > 0)
                {
                    rig.PowerOn();
                }

                AssertOldOrNew(rig, old, oldImage, oldLength, image, package.Length);
                rig.Agent.Offer(offer);
                rig.RunMainLoop();
                if (!rig.Agent.RebootRequested && rig.RunningVersion == "1.3.0" && rig.Slots.Mode == BootMode.Confirmed && rig.Slots.Outcome == SlotOutcome.None)
                {
                    Assert.True(cutHappened, $"write {cut} was never reached");
                    Assert.Contains(rig.Delivered, r => r.Outcome == UpdateOutcome.Applied && r.OfferedVersion == "1.3.0");
                    Assert.DoesNotContain(rig.Delivered, r => r.Outcome != UpdateOutcome.Applied);
                    Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
                    return rig.Store.Writes - before;
                }
            }
            catch (PowerCut)
            {
                cutHappened = true;
            }
        }

        Assert.Fail($"cut at write {cut}: not settled on 1.3.0 after 12 boots (running {rig.RunningVersion}, mode {rig.Slots.Mode})");
        return 0;
    }

    private static void AssertOldOrNew(UpdateRig rig, string old, byte[]? oldImage, int oldLength, byte[] newImage, int newLength)
    {
        if (rig.RunningVersion == old)
        {
            Assert.True(oldImage is null ? rig.Booted == ImageSlot.Factory : oldImage.SequenceEqual(rig.ImageIn(rig.Booted, oldLength) ?? []), "old image damaged");
            return;
        }

        Assert.True(rig.RunningVersion == "1.3.0", $"booted {rig.Booted} holding '{rig.RunningVersion}': neither old nor new");
        Assert.Equal(newImage, rig.ImageIn(rig.Booted, newLength));
        Assert.True(rig.Slots.OnTrial || rig.Slots.Mode == BootMode.Confirmed);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void O4_PowerCutAtEveryWriteOfACleanUpdate_BootsOldOrNewNeverNeither(bool fromSlot, bool tornKeepsLength)
    {
        // 25 chunk appends, marking pending, starting the trial, confirming, acknowledging; plus erasing a stale slot.
        int writes = Update(fromSlot, tornKeepsLength, cut: 0);
        Assert.Equal(fromSlot ? 29 + 2 : 29, writes);

        for (int cut = 1; cut <= writes; cut++)
        {
            Update(fromSlot, tornKeepsLength, cut);
        }
    }
}
