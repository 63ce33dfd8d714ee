using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// RELIABILITY O5: a new image that never confirms (throws at start, hangs until the watchdog resets it,
/// or fails its bounded health check) is rolled back, and the old image reports the rollback and why.
/// </summary>
public sealed class RollbackTests
{
    private static UpdateRig Staged(int maxTrialBoots = 3, string? probeUrl = null)
    {
        var rig = new UpdateRig(maxTrialBoots: maxTrialBoots, probeUrl: probeUrl);
        var (offer, _, _) = rig.Publish("1.1.0");
        rig.Agent.Offer(offer);
        rig.RunMainLoop();
        Assert.True(rig.Agent.RebootRequested);
        return rig;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void O5_ImageThrowsAtStartOrHangs_RolledBackAfterItsTrialBootsAndReportedByTheOldImage(int maxTrialBoots)
    {
        var rig = Staged(maxTrialBoots);

        for (int boot = 1; boot <= maxTrialBoots; boot++)
        {
            rig.PowerOn(AppBehaviour.Crashes);
            Assert.Equal(("1.1.0", boot), (rig.RunningVersion, rig.Slots.TrialBoots));
        }

        rig.PowerOn();
        rig.RunMainLoop();

        Assert.Equal((ImageSlot.Factory, UpdateRig.FactoryVersion, BootMode.Confirmed), (rig.Booted, rig.RunningVersion, rig.Slots.Mode));
        UpdateReport report = Assert.Single(rig.Delivered);
        Assert.Equal((UpdateOutcome.RolledBack, UpdateStatus.NotConfirmed, "1.1.0", UpdateRig.FactoryVersion),
            (report.Outcome, report.Status, report.OfferedVersion, report.RunningVersion));
        Assert.Equal(SlotOutcome.None, rig.Slots.Outcome);
    }

    [Fact]
    public void O5_HealthCheckNeverPasses_RolledBackAtTheDeadlineAndOnTheNextBoot()
    {
        var rig = Staged();
        rig.PowerOn(AppBehaviour.Unhealthy);
        long trialStart = rig.Clock.MonotonicMs;

        rig.RunMainLoop();

        Assert.True(rig.Agent.RebootRequested);
        Assert.InRange(rig.Clock.MonotonicMs - trialStart, rig.Options().HealthCheckMs, rig.Options().HealthCheckMs + 100);
        Assert.Empty(rig.Delivered);
        rig.PowerOn();
        rig.RunMainLoop();
        Assert.Equal((ImageSlot.Factory, UpdateRig.FactoryVersion), (rig.Booted, rig.RunningVersion));
        UpdateReport report = Assert.Single(rig.Delivered);
        Assert.Equal((UpdateOutcome.RolledBack, UpdateStatus.HealthCheckFailed, "1.1.0"), (report.Outcome, report.Status, report.OfferedVersion));
    }

    [Fact]
    public void O5_UpdateServerUnreachableDuringTrial_IsAFailedHealthCheck()
    {
        var rig = Staged(probeUrl: UpdateRig.ProbeUrl);
        rig.PowerOn();
        rig.Server.Unreachable = true;

        rig.RunMainLoop();
        rig.PowerOn();
        rig.RunMainLoop();

        Assert.Contains(rig.Server.Opens, o => o.Url == UpdateRig.ProbeUrl);
        Assert.Equal(UpdateStatus.HealthCheckFailed, Assert.Single(rig.Delivered).Status);
        Assert.Equal(UpdateRig.FactoryVersion, rig.RunningVersion);
    }

    [Fact]
    public void HealthCheck_AllSignalsIncludingTheUpdateServer_Confirms()
    {
        var rig = Staged(probeUrl: UpdateRig.ProbeUrl);
        rig.PowerOn();

        rig.RunMainLoop();

        Assert.Equal((BootMode.Confirmed, UpdateOutcome.Applied), (rig.Slots.Mode, Assert.Single(rig.Delivered).Outcome));
        Assert.Equal(UpdateRig.ProbeUrl, rig.Server.Opens[^1].Url);
    }

    [Fact]
    public void O5_RolledBackVersionOfferedAgain_RefusedWithoutDownloading()
    {
        var rig = Staged(maxTrialBoots: 1);
        rig.PowerOn(AppBehaviour.Crashes);
        rig.PowerOn();
        int opens = rig.Server.Opens.Count;
        var (again, _, _) = rig.Publish("1.1.0");

        Assert.Equal(UpdateStatus.RolledBackBefore, rig.Agent.Offer(again));

        Assert.Equal(opens, rig.Server.Opens.Count);
        rig.PowerOn();
        Assert.Equal(UpdateStatus.RolledBackBefore, rig.Agent.Offer(again));
    }

    [Fact]
    public void O5_ReportNotDeliveredBeforeAReset_ReportedAgainByTheNextBoot()
    {
        var rig = Staged(maxTrialBoots: 1);
        rig.PowerOn(AppBehaviour.Crashes);
        rig.PowerOn();
        Assert.Equal(UpdateOutcome.RolledBack, rig.Agent.NextReport!.Outcome);

        rig.PowerOn();
        rig.DeliverReports();

        Assert.Equal(UpdateStatus.NotConfirmed, Assert.Single(rig.Delivered).Status);
        rig.PowerOn();
        Assert.Null(rig.Agent.NextReport);
    }

    [Fact]
    public void ReportDelivered_OldRollbackDeliveredAfterANewTrialConfirmed_KeepsTheNewOutcome()
    {
        var rig = Staged(maxTrialBoots: 1);
        rig.PowerOn(AppBehaviour.Crashes);
        rig.PowerOn();
        var (next, _, _) = rig.Publish("1.2.0", url: UpdateRig.Url + "?1.2.0");
        rig.Agent.Offer(next);
        for (int i = 0; i < 20_000 && !rig.Agent.RebootRequested; i++)
        {
            rig.Agent.Step();
            rig.Clock.Advance(100);
        }

        rig.PowerOn();
        Assert.Equal(UpdateOutcome.RolledBack, rig.Agent.NextReport!.Outcome);
        rig.Agent.ReportHealth(true, true);
        rig.Agent.Step();
        Assert.Equal(SlotOutcome.Applied, rig.Slots.Outcome);

        rig.Agent.ReportDelivered();

        Assert.Equal(SlotOutcome.Applied, rig.Slots.Outcome);
        rig.PowerOn();
        rig.DeliverReports();
        Assert.Equal([UpdateOutcome.Applied], rig.Delivered.Select(r => r.Outcome));
        Assert.Equal(SlotOutcome.None, rig.Slots.Outcome);
    }
}
