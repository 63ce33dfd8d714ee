using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>RELIABILITY S2: samples taken before the wall clock is set carry monotonic time, are flagged, and are never dropped.</summary>
public class UnsyncedClockTests
{
    [Fact]
    public void S2_WallClockNotSet_SamplesFlaggedWithMonotonicTimeStoredAndDelivered()
    {
        var rig = new LoopRig(synced: false);
        rig.Run(21_000);

        List<JsonElement> samples = rig.Samples();
        Assert.Equal(5, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.False(s.GetProperty("synced").GetBoolean());
            Assert.False(s.TryGetProperty("ts", out _));
        });
        long[] monos = samples.Select(s => s.GetProperty("mono").GetInt64()).ToArray();
        // One cycle every 5 s; the first one reads every class, so its sample is mapped a little later.
        Assert.All(monos.Zip(monos.Skip(1)), p => Assert.InRange(p.Second - p.First, 4900, 5000));
        Outbox outbox = rig.Loop.Cloud!.Outboxes[0];
        Assert.Equal((5, 5, 0, 0), (rig.Loop.Stats.SamplesUnsynced, outbox.Counters.Acknowledged, outbox.Counters.Dropped, outbox.Counters.Refused));
        Assert.False(rig.Diagnostics().TryGetProperty("clock_anchor_mono", out _));
    }

    [Fact]
    public void S2_ClockSetLater_AnchorPublishedSoEarlierSamplesCanBeRestamped()
    {
        var rig = new LoopRig(synced: false);
        rig.Run(11_000);
        rig.Clock.WallClockSynced = true;
        long syncedAt = rig.Clock.MonotonicMs;
        int metadataBefore = rig.Session.On("/epmx/").Count();
        rig.Run(10_000);

        List<JsonElement> samples = rig.Samples();
        JsonElement early = samples[0];
        JsonElement late = samples.Last();
        Assert.True(late.GetProperty("synced").GetBoolean());
        long anchorMono = rig.Diagnostics().GetProperty("clock_anchor_mono").GetInt64();
        long anchorUnix = rig.Diagnostics().GetProperty("clock_anchor_unix").GetInt64();
        Assert.True(anchorMono - syncedAt <= rig.Options.TickMs);
        Assert.Equal(new DateTimeOffset(rig.Clock.UtcNow.AddMilliseconds(anchorMono - rig.Clock.MonotonicMs)).ToUnixTimeMilliseconds(), anchorUnix);

        // The anchor goes out with the metadata at once, not at the next hourly refresh.
        Sent metadata = rig.Session.On("/epmx/").Skip(metadataBefore).First();
        Assert.Contains("\"clock_anchor_mono\":" + anchorMono, metadata.Text);
        // Re-stamped as a server would: the same offset as the synced samples.
        long restamped = anchorUnix - (anchorMono - early.GetProperty("mono").GetInt64());
        Assert.Equal(late.GetProperty("ts").GetInt64() - late.GetProperty("mono").GetInt64(), restamped - early.GetProperty("mono").GetInt64());
        Assert.Equal(3, rig.Loop.Stats.SamplesUnsynced);
    }
}
