using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// RELIABILITY O3: a transport drop or a power loss mid-download resumes from what was verifiably
/// stored, never skips a byte that was not, and the final hash is still checked.
/// </summary>
public sealed class ResumeTests
{
    private const int Chunk = 4096;

    [Theory]
    [InlineData(150_000)]
    [InlineData(147_456)]
    [InlineData(1_000)]
    public void O3_TransportDropMidDownload_ResumesAtTheLastStoredChunk(int dropAt)
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");
        rig.Server.DropAt = dropAt;

        rig.Agent.Offer(offer);
        rig.RunMainLoop();

        int resumedAt = dropAt / Chunk * Chunk;
        Assert.Equal([(UpdateRig.Url, 0), (UpdateRig.Url, resumedAt)], rig.Server.Opens);
        Assert.Equal(package.Length + (dropAt - resumedAt), rig.Server.BytesServed);
        Assert.True(rig.Slots.Pending);
        rig.PowerOn();
        Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
    }

    /// <summary>Writes 1..5 are the appends of segment 0; 16 ends segment 0; 17 starts segment 1; 40 is inside segment 2.</summary>
    [Theory]
    [InlineData(5, 0)]
    [InlineData(16, 0)]
    [InlineData(17, 65_536)]
    [InlineData(32, 65_536)]
    [InlineData(40, 131_072)]
    public void O3_PowerLossMidDownload_ResumesAfterTheLastIntactSegment(int cutAtWrite, int resumedAt)
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");
        rig.Store.CutAtWrite = rig.Store.Writes + cutAtWrite;
        rig.Agent.Offer(offer);

        Assert.Throws<PowerCut>(() => rig.RunMainLoop());
        rig.PowerOn();
        rig.Agent.Offer(offer);
        rig.RunMainLoop();

        Assert.Equal((UpdateRig.Url, resumedAt), rig.Server.Opens[^1]);
        Assert.True(rig.Slots.Pending);
        rig.PowerOn();
        rig.RunMainLoop();
        Assert.Equal(("1.1.0", UpdateOutcome.Applied), (rig.RunningVersion, Assert.Single(rig.Delivered).Outcome));
        Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(33, 131_072)]
    public void O3_PowerLossLeavingAFullLengthGarbledTail_NeverResumedOver(int cutAtWrite, int resumedAt)
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");
        rig.Store.TornKeepsLength = true;
        rig.Store.CutAtWrite = rig.Store.Writes + cutAtWrite;
        rig.Agent.Offer(offer);
        Assert.Throws<PowerCut>(() => rig.RunMainLoop());

        rig.PowerOn();
        rig.Agent.Offer(offer);
        rig.RunMainLoop();

        Assert.Equal(resumedAt, rig.Server.Opens[^1].Offset);
        Assert.Equal(0, rig.Agent.Attempts);
        rig.PowerOn();
        Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
    }

    [Fact]
    public void O3_StoredByteDamagedBeforeResume_FinalHashCatchesItAndTheDownloadStartsOver()
    {
        var rig = new UpdateRig();
        var (offer, package, image) = rig.Publish("1.1.0");
        rig.Store.CutAtWrite = rig.Store.Writes + 40;
        rig.Agent.Offer(offer);
        Assert.Throws<PowerCut>(() => rig.RunMainLoop());
        rig.Store.Files["ota-a.01"][1234] ^= 0x10;

        rig.PowerOn();
        rig.Agent.Offer(offer);
        rig.RunMainLoop();

        Assert.Equal([0, 131_072, 0], rig.Server.Opens.Select(o => o.Offset));
        Assert.Equal(1, rig.Agent.Attempts);
        rig.PowerOn();
        Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
    }

    [Fact]
    public void O3_StagedBytesOfAnotherPackage_NotResumedButErased()
    {
        var rig = new UpdateRig();
        var (first, _, _) = rig.Publish("1.1.0");
        rig.Store.CutAtWrite = rig.Store.Writes + 40;
        rig.Agent.Offer(first);
        Assert.Throws<PowerCut>(() => rig.RunMainLoop());
        rig.PowerOn();
        var (second, package, image) = rig.Publish("1.2.0", 250_000, url: UpdateRig.Url + "?v=1.2.0");

        rig.Agent.Offer(second);
        rig.RunMainLoop();

        Assert.Equal(0, rig.Server.Opens[^1].Offset);
        rig.PowerOn();
        Assert.Equal("1.2.0", rig.RunningVersion);
        Assert.Equal(image, rig.ImageIn(rig.Booted, package.Length));
    }
}
