using EnergyLogger.Core.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>RELIABILITY C1 and C2 on the Kaa link with a scripted session and a virtual clock.</summary>
public class OutageTests
{
    private const int PollMs = 10_000;
    private const long Day = 24L * 3600 * 1000;

    [Fact]
    public void C1_BrokerUnreachableFor24Hours_CapHoldsBackoffGrowsThenDrainsOldestFirstWithNothingLost()
    {
        // A small cap so that a day at 10 s overflows it: 8640 samples of about 100 bytes against 64 KB.
        var rig = new KaaRig(new OutboxOptions { SegmentBytes = 4096, MaxSegments = 16, MaxBatchBytes = 2048 });
        rig.Session.Reachable = false;
        int maxStored = 0;
        for (long t = 0; t < Day; t += PollMs)
        {
            rig.Produce(padding: 40);
            rig.Run(PollMs);
            maxStored = Math.Max(maxStored, rig.Outbox.StoredBytes);
        }

        Assert.InRange(maxStored, 1, rig.Options.CapBytes);
        Assert.True(rig.Outbox.Counters.Dropped > 0);
        Assert.Empty(rig.Session.Sent);
        AssertBackoff(rig);

        rig.Session.Reachable = true;
        int firstAfterRecovery = rig.Produced;
        int liveAckedWithin = -1;
        for (int cycle = 0; cycle < 2000 && (rig.Outbox.Pending > 0 || cycle < 5); cycle++)
        {
            rig.Produce(padding: 40);
            rig.Run(PollMs);
            if (liveAckedWithin < 0 && rig.Batches.Any(b => KaaRig.Numbers(b).Contains(firstAfterRecovery)))
            {
                liveAckedWithin = cycle;
            }
        }

        Assert.Equal(0, rig.Outbox.Pending);
        // Live data is not starved: the first sample after recovery went out within two cycles, not after the backlog.
        Assert.InRange(liveAckedWithin, 0, 2);

        var backlog = rig.Batches.Where(b => KaaRig.Numbers(b).All(n => n < firstAfterRecovery)).Select(b => KaaRig.Numbers(b)).ToList();
        Assert.Equal(backlog.Select(b => b[0]).Order(), backlog.Select(b => b[0]));

        // Nothing lost: produced == acknowledged + still in the outbox + dropped (counted); each delivered once.
        OutboxCounters c = rig.Outbox.Counters;
        Assert.Equal(rig.Produced, c.Acknowledged + rig.Outbox.Pending + c.Dropped + c.Refused);
        int[] delivered = rig.Batches.SelectMany(KaaRig.Numbers).ToArray();
        Assert.Equal(delivered.Length, delivered.Distinct().Count());
        Assert.Equal(c.Acknowledged, delivered.Length);
        // What was dropped is the oldest: every delivered backlog sample is newer than every dropped one.
        Assert.Equal(Enumerable.Range(c.Dropped, rig.Produced - c.Dropped), delivered.Order());
    }

    private static void AssertBackoff(KaaRig rig)
    {
        List<long> attempts = rig.Session.ConnectAttempts;
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        // Doubling from 2 s: the first gaps grow, each within [step/2, step]; later ones stay under the 300 s cap.
        for (int i = 0; i < 6; i++)
        {
            long step = Math.Min(rig.Settings.BackoffBaseMs << i, rig.Settings.BackoffMaxMs);
            Assert.InRange(gaps[i], step / 2, step + 1000);
        }

        Assert.All(gaps, g => Assert.InRange(g, 1000, rig.Settings.BackoffMaxMs + 1000));
        Assert.InRange(attempts.Count, Day / rig.Settings.BackoffMaxMs, Day / (rig.Settings.BackoffMaxMs / 2) + 10);
        // Jitter: the capped gaps are not all equal.
        Assert.True(gaps.Skip(10).Distinct().Count() > 10);
    }

    [Fact]
    public void C1_SameSeed_SameSchedule_DifferentSeed_Differs()
    {
        long[] Schedule(uint seed)
        {
            var rig = new KaaRig(seed: seed);
            rig.Session.Reachable = false;
            rig.Run(3_600_000);
            return rig.Session.ConnectAttempts.ToArray();
        }

        Assert.Equal(Schedule(1), Schedule(1));
        Assert.NotEqual(Schedule(1), Schedule(2));
    }

    [Fact]
    public void C2_DropAfterPublishBeforeStatus_BatchResentAfterReconnectAndDeletedOnce()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        Assert.True(rig.Session.IsConnected);
        rig.Session.Holding = true;
        for (int i = 0; i < 3; i++)
        {
            rig.Produce();
        }

        rig.Run(1000);
        Sent first = Assert.Single(rig.Batches);
        Assert.Equal([0, 1, 2], KaaRig.Numbers(first));

        rig.Session.Drop();
        rig.Session.Holding = false;
        Assert.Equal(3, rig.Outbox.Pending);
        rig.Run(10_000);

        Sent[] batches = rig.Batches.ToArray();
        Assert.Equal(2, batches.Length);
        Assert.Equal([0, 1, 2], KaaRig.Numbers(batches[1]));
        Assert.NotEqual(first.Topic, batches[1].Topic);
        Assert.Equal(0, rig.Outbox.Pending);
        Assert.Equal(3, rig.Outbox.Counters.Acknowledged);
        Assert.Equal(1, rig.Counters.ConnectionsLost);
    }

    [Fact]
    public void C2_StatusArrivesTwice_DeletedOnce()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Holding = true;
        rig.Produce();
        rig.Run(1000);
        Sent batch = Assert.Single(rig.Batches);
        rig.Session.Holding = false;
        rig.Session.Push(batch.Topic + "/status", "");
        rig.Session.Push(batch.Topic + "/status", "");
        rig.Run(1000);
        Assert.Equal(1, rig.Outbox.Counters.Acknowledged);
        Assert.Equal(1, rig.Counters.BatchesAcknowledged);
        Assert.Equal(0, rig.Outbox.Pending);
    }

    [Fact]
    public void Dcx_ErrorReply_BatchKeptCountedAndLogged()
    {
        var rig = new KaaRig();
        rig.Responder.DcxErrors = true;
        rig.Run(1000);
        rig.Produce();
        rig.Run(2000);
        Assert.Equal(1, rig.Outbox.Pending);
        Assert.True(rig.Counters.BatchErrors >= 1);
        Assert.Contains("400 Invalid payload", rig.Counters.LastError);

        rig.Responder.DcxErrors = false;
        rig.Run(10_000);
        Assert.Equal(0, rig.Outbox.Pending);
        Assert.Equal(1, rig.Outbox.Counters.Acknowledged);
    }

    [Fact]
    public void Dcx_RefusedAgainAndAgain_ResentAfterGrowingWaitsNotEveryTick()
    {
        var rig = new KaaRig();
        rig.Responder.DcxErrors = true;
        rig.Run(1000);
        rig.Produce();
        rig.Run(60_000, stepMs: 100);

        // Waits from 1-2 s doubling up to 16-32 s: at most 6 tries in a minute; every 100 ms tick would be hundreds.
        int tries = rig.Batches.Count();
        Assert.InRange(tries, 4, 6);
        Assert.Equal(tries, rig.Counters.BatchErrors);
        Assert.Equal(1, rig.Outbox.Pending);
    }

    [Fact]
    public void Dcx_AcceptedAfterRefusals_NextRefusalWaitsTheFirstStepAgain()
    {
        var rig = new KaaRig();
        rig.Responder.DcxErrors = true;
        rig.Run(1000);
        rig.Produce();
        rig.Run(40_000, stepMs: 100);
        rig.Responder.DcxErrors = false;
        rig.Run(40_000, stepMs: 100);
        Assert.Equal(0, rig.Outbox.Pending);

        rig.Responder.DcxErrors = true;
        rig.Produce();
        int before = rig.Batches.Count();
        rig.Run(5_000, stepMs: 100);
        // Reset on success: 1-2 s after the first refusal, not the 16-32 s the earlier refusals had reached.
        Assert.InRange(rig.Batches.Count(), before + 2, before + 3);
    }

    [Fact]
    public void Dcx_NoReply_TimesOutAndResends()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Responder.Silent = true;
        rig.Produce();
        rig.Run(2000);
        Assert.Single(rig.Batches);
        rig.Run(rig.Settings.ReplyTimeoutMs);
        Assert.True(rig.Counters.Timeouts >= 1);
        rig.Responder.Silent = false;
        rig.Run(rig.Settings.ReplyTimeoutMs + 2000);
        Assert.Equal(0, rig.Outbox.Pending);
        Assert.Equal(1, rig.Outbox.Counters.Acknowledged);
        Assert.True(rig.Batches.Count() >= 2);
    }
}
