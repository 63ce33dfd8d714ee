using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// RELIABILITY O1 and O2: every refusal with its own status, before anything is marked pending, with
/// the staging slot erased, the running image untouched, and the failure reported once.
/// </summary>
public sealed class RefusalTests
{
    public static TheoryData<string, UpdateStatus> Tampered() => new()
    {
        { "manifest byte", UpdateStatus.BadSignature },
        { "signature byte", UpdateStatus.BadSignature },
        { "key id", UpdateStatus.WrongKey },
        { "magic", UpdateStatus.BadPackage },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void O1_TamperedOrForeignPackage_RejectedBeforeAnythingIsStored(string what, UpdateStatus expected)
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("1.1.0", serve: p =>
        {
            int at = what switch { "manifest byte" => UpdatePackage.HeaderLength + 30, "signature byte" => UpdatePackage.SignatureOffset + 5, "key id" => UpdatePackage.KeyIdOffset, _ => 0 };
            p[at] ^= 0x04;
            return p;
        });

        Assert.Equal(UpdateStatus.Ok, rig.Agent.Offer(offer));
        rig.RunMainLoop();

        AssertRefusedAndUntouched(rig, expected, opens: 1);
        Assert.Equal(0, rig.Store.BytesAppended);
    }

    [Fact]
    public void O1_SignedWithAnotherKey_IsWrongKeyAndNeverRetried()
    {
        var rig = new UpdateRig();
        byte[] image = TestPackages.Image(50_000, 7);
        byte[] package = TestPackages.Build(TestPackages.Key(666), image, "1.1.0");
        rig.Server.Put(UpdateRig.Url, package);
        UpdateOffer offer = UpdateRig.OfferFor(package, image, "1.1.0");

        rig.Agent.Offer(offer);
        rig.RunMainLoop();
        Assert.Equal(UpdateStatus.WrongKey, rig.Agent.Offer(offer));
        rig.RunMainLoop();

        AssertRefusedAndUntouched(rig, UpdateStatus.WrongKey, opens: 1);
    }

    [Fact]
    public void O1_StaleSegmentsOfAnEarlierDownload_ErasedByTheRejection()
    {
        var rig = new UpdateRig();
        var (good, _, _) = rig.Publish("1.1.0");
        rig.Server.DropAt = 200_000;
        rig.Agent.Offer(good);
        rig.RunMainLoop(maxSteps: 200);
        Assert.NotEmpty(rig.Segments());
        var (bad, _, _) = rig.Publish("1.1.1", url: UpdateRig.Url + "?bad", serve: p => { p[UpdatePackage.HeaderLength + 5] ^= 1; return p; });

        rig.Agent.Offer(bad);
        rig.RunMainLoop();

        Assert.Equal(UpdateStatus.BadSignature, rig.Delivered.Last().Status);
        Assert.Empty(rig.Segments());
        Assert.Equal(BootMode.Confirmed, rig.Slots.Mode);
    }

    [Fact]
    public void O2_TruncatedServerCopy_RetriedUpToTheCapThenAbandonedAndErased()
    {
        var rig = new UpdateRig();
        var (offer, package, _) = rig.Publish("1.1.0");
        rig.Server.TruncateTo = package.Length - 1000;

        rig.Agent.Offer(offer);
        rig.RunMainLoop(maxSteps: 100_000);

        AssertRefusedAndUntouched(rig, UpdateStatus.Truncated, opens: rig.Options().MaxAttempts);
    }

    [Fact]
    public void O2_ImageHashMismatch_EachRetryDownloadsAgainThenAbandoned()
    {
        var rig = new UpdateRig();
        var (offer, package, _) = rig.Publish("1.1.0", serve: p => { p[^10] ^= 0xFF; return p; });

        rig.Agent.Offer(offer);
        rig.RunMainLoop(maxSteps: 100_000);

        int attempts = rig.Options().MaxAttempts;
        AssertRefusedAndUntouched(rig, UpdateStatus.HashMismatch, opens: attempts);
        Assert.All(rig.Server.Opens, open => Assert.Equal(0, open.Offset));
        Assert.Equal((long)attempts * package.Length, rig.Server.BytesServed);
    }

    [Fact]
    public void O2_OfferOverOnePointFiveMegabytes_RefusedWithoutDownloading()
    {
        var rig = new UpdateRig();
        var offer = new UpdateOffer(UpdateRig.Url, UpdatePackage.MaxPackageLength + 1, new byte[32], SemanticVersion.Parse("1.1.0")!, false);

        Assert.Equal(UpdateStatus.TooLarge, rig.Agent.Offer(offer));

        AssertRefusedAndUntouched(rig, UpdateStatus.TooLarge, opens: 0, deliver: true);
    }

    [Fact]
    public void O2_SignedManifestClaimingAnOversizedImage_IsTooLarge()
    {
        var rig = new UpdateRig();
        byte[] image = TestPackages.Image(10_000, 5);
        string manifest = TestPackages.ManifestText("1.1.0", "1.0.0", UpdateRig.Target, UpdatePackage.MaxImageLength + 1, new byte[32]);
        byte[] package = TestPackages.Build(UpdateRig.Key, image, manifestText: manifest);
        rig.Server.Put(UpdateRig.Url, package);

        rig.Agent.Offer(UpdateRig.OfferFor(package, image, "1.1.0"));
        rig.RunMainLoop();

        AssertRefusedAndUntouched(rig, UpdateStatus.TooLarge, opens: 1);
    }

    [Fact]
    public void O2_OlderVersion_RefusedWithoutDownloading()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("0.9.0");

        Assert.Equal(UpdateStatus.Downgrade, rig.Agent.Offer(offer));

        AssertRefusedAndUntouched(rig, UpdateStatus.Downgrade, opens: 0, deliver: true);
    }

    [Fact]
    public void O2_OlderVersionTheOfferAllows_IsInstalled()
    {
        var rig = new UpdateRig();
        var (offer, _, _) = rig.Publish("0.9.0", minFirmware: "0.1.0", allowDowngrade: true);

        Assert.Equal(UpdateStatus.Ok, rig.Agent.Offer(offer));
        rig.RunMainLoop();
        rig.PowerOn();
        rig.RunMainLoop();

        Assert.Equal(("0.9.0", UpdateOutcome.Applied), (rig.RunningVersion, Assert.Single(rig.Delivered).Outcome));
    }

    [Fact]
    public void O2_OfferCallingAnOlderPackageNewer_RefusedByTheSignedVersion()
    {
        var rig = new UpdateRig();
        var (_, package, image) = rig.Publish("0.9.0");

        Assert.Equal(UpdateStatus.Ok, rig.Agent.Offer(UpdateRig.OfferFor(package, image, "1.1.0")));
        rig.RunMainLoop();

        AssertRefusedAndUntouched(rig, UpdateStatus.Downgrade, opens: 1);
    }

    public static TheoryData<string, UpdateStatus> ManifestRules() => new()
    {
        { "target", UpdateStatus.WrongTarget },
        { "minimum", UpdateStatus.Incompatible },
        { "offer version", UpdateStatus.OfferMismatch },
        { "offer hash", UpdateStatus.OfferMismatch },
    };

    [Theory]
    [MemberData(nameof(ManifestRules))]
    public void O2_ManifestBreaksARule_RefusedWithItsStatus(string rule, UpdateStatus expected)
    {
        var rig = new UpdateRig();
        byte[] image = TestPackages.Image(20_000, 9);
        byte[] package = rule switch
        {
            "target" => TestPackages.Build(UpdateRig.Key, image, "1.1.0", target: "esp32c3"),
            "minimum" => TestPackages.Build(UpdateRig.Key, image, "1.1.0", minFirmware: "1.0.1"),
            _ => TestPackages.Build(UpdateRig.Key, image, "1.1.0"),
        };
        rig.Server.Put(UpdateRig.Url, package);
        UpdateOffer offer = rule switch
        {
            "offer version" => UpdateRig.OfferFor(package, image, "1.1.1"),
            "offer hash" => new UpdateOffer(UpdateRig.Url, package.Length, new byte[32], SemanticVersion.Parse("1.1.0")!, false),
            _ => UpdateRig.OfferFor(package, image, "1.1.0"),
        };

        rig.Agent.Offer(offer);
        rig.RunMainLoop();

        AssertRefusedAndUntouched(rig, expected, opens: 1);
    }

    /// <summary>O1/O2: refused with its own status, never marked pending, staging erased, the running image untouched, reported once.</summary>
    private static void AssertRefusedAndUntouched(UpdateRig rig, UpdateStatus expected, int opens, bool deliver = false)
    {
        if (deliver)
        {
            rig.DeliverReports();
        }

        UpdateReport report = Assert.Single(rig.Delivered);
        Assert.Equal((UpdateOutcome.Failed, expected, UpdateRig.FactoryVersion), (report.Outcome, report.Status, report.RunningVersion));
        Assert.Equal(UpdatePhase.Idle, rig.Agent.Phase);
        Assert.False(rig.Agent.RebootRequested);
        Assert.False(rig.Slots.Pending);
        Assert.Empty(rig.Segments());
        Assert.Equal(opens, rig.Server.Opens.Count);
        rig.PowerOn();
        Assert.Equal((ImageSlot.Factory, UpdateRig.FactoryVersion, BootMode.Confirmed), (rig.Booted, rig.RunningVersion, rig.Slots.Mode));
    }
}
