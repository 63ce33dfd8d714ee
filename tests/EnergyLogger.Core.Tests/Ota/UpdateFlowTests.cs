using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// The update flow on the simulated dongle: a clean update from offer to confirmed image, a second
/// update into the other slot, and how offers are taken while a download or a trial is under way.
/// The refusals of RELIABILITY O1 and O2 are in <see cref="RefusalTests"/>.
/// </summary>
public sealed class UpdateFlowTests
{
    [Fact]
    public void CleanUpdate_OfferToConfirmed_BootsNewImageAndReportsAppliedOnce()
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");

        Assert.Equal(UpdateStatus.Ok, rig.Agent.Offer(offer));
        rig.RunMainLoop();

        Assert.True(rig.Agent.RebootRequested);
        Assert.True(rig.Slots.Pending);
        rig.PowerOn();
        Assert.Equal((ImageSlot.A, "1.1.0", true), (rig.Booted, rig.RunningVersion, rig.Slots.OnTrial));
        Assert.Equal(image, rig.ImageIn(ImageSlot.A, package.Length));
        rig.RunMainLoop();

        Assert.Equal((BootMode.Confirmed, SlotOutcome.None), (rig.Slots.Mode, rig.Slots.Outcome));
        UpdateReport report = Assert.Single(rig.Delivered);
        Assert.Equal((UpdateOutcome.Applied, UpdateStatus.Ok, "1.1.0", "1.1.0"), (report.Outcome, report.Status, report.OfferedVersion, report.RunningVersion));
        rig.PowerOn();
        Assert.Equal((ImageSlot.A, "1.1.0", false), (rig.Booted, rig.RunningVersion, rig.Slots.OnTrial));
        Assert.Single(rig.Delivered);
    }

    [Fact]
    public void SecondUpdate_StagesIntoTheOtherSlot_AndTheRunningSlotStaysIntact()
    {
        var rig = new UpdateRig();
        var (first, firstPackage, firstImage) = rig.Publish("1.1.0");
        Install(rig, first);
        var (second, secondPackage, secondImage) = rig.Publish("1.2.0", 200_000);

        rig.Agent.Offer(second);
        rig.RunMainLoop();
        Assert.Equal(firstImage, rig.ImageIn(ImageSlot.A, firstPackage.Length));
        rig.PowerOn();
        rig.RunMainLoop();

        Assert.Equal((ImageSlot.B, "1.2.0", BootMode.Confirmed), (rig.Booted, rig.RunningVersion, rig.Slots.Mode));
        Assert.Equal(secondImage, rig.ImageIn(ImageSlot.B, secondPackage.Length));
    }

    [Fact]
    public void Offer_RunningVersion_IsUpToDateAndNotReported()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish(UpdateRig.FactoryVersion);

        Assert.Equal(UpdateStatus.UpToDate, rig.Agent.Offer(offer));
        rig.DeliverReports();

        Assert.Empty(rig.Delivered);
        Assert.Empty(rig.Server.Opens);
    }

    [Fact]
    public void Offer_UnreachableServer_RetriesWithDoublingBackoffThenAbandons()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("1.1.0");
        rig.Server.Unreachable = true;
        var opened = new List<long>();

        rig.Agent.Offer(offer);
        for (int i = 0; i < 200_000 && rig.Agent.Phase == UpdatePhase.Downloading; i++)
        {
            int before = rig.Server.Opens.Count;
            rig.Agent.Step();
            if (rig.Server.Opens.Count > before)
            {
                opened.Add(rig.Clock.MonotonicMs);
            }

            rig.Clock.Advance(50);
        }

        rig.DeliverReports();
        Assert.Equal(UpdateStatus.TransportError, Assert.Single(rig.Delivered).Status);
        long[] gaps = opened.Zip(opened.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(new long[] { 1000, 2000, 4000 }, gaps);
    }

    [Fact]
    public void Offer_WhileOnTrial_IsBusy()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("1.1.0");
        rig.Agent.Offer(offer);
        rig.RunMainLoop();
        rig.PowerOn(AppBehaviour.Unhealthy);
        var (next, _, _) = rig.Publish("1.2.0", url: UpdateRig.Url + "2");

        Assert.Equal(UpdateStatus.Busy, rig.Agent.Offer(next));
    }

    [Fact]
    public void Offer_RedeliveredDuringDownload_KeepsTheDownloadGoing()
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");
        rig.Agent.Offer(offer);
        rig.RunMainLoop(maxSteps: 20);

        Assert.Equal(UpdateStatus.Ok, rig.Agent.Offer(UpdateRig.OfferFor(package, image, "1.1.0")));
        rig.RunMainLoop();

        Assert.Single(rig.Server.Opens);
        Assert.True(rig.Slots.Pending);
    }

    [Fact]
    public void Offer_StorageRefusesWrites_AbandonedAsStorageError()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("1.1.0");
        rig.Store.RefuseWrites = true;

        rig.Agent.Offer(offer);
        rig.RunMainLoop(maxSteps: 100_000);

        Assert.Equal(UpdateStatus.StorageError, Assert.Single(rig.Delivered).Status);
        Assert.False(rig.Slots.Pending);
    }

    private static void Install(UpdateRig rig, UpdateOffer offer)
    {
        rig.Agent.Offer(offer);
        rig.RunMainLoop();
        rig.PowerOn();
        rig.RunMainLoop();
        Assert.Equal(BootMode.Confirmed, rig.Slots.Mode);
    }
}
