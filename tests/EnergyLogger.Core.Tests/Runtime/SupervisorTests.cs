using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>RELIABILITY W1: a stalled loop is rebooted with the reason stored and reported; the external watchdog is fed only while the loop lives.</summary>
public class SupervisorTests
{
    private static Supervisor For(LoopRig rig, FakeWatchdog? watchdog = null) =>
        new(rig.Loop.Heartbeat, rig.Clock, watchdog, rig.Boot.Journal, rig.Reboots, rig.Ports.Log, rig.Options);

    [Fact]
    public void W1_LinkReadNeverReturns_SupervisorRebootsWithTheReasonStoredAndReportedAfterBoot()
    {
        var link = new BlockingLink();
        var rig = new LoopRig(link: link);
        var watchdog = new FakeWatchdog();
        Supervisor supervisor = For(rig, watchdog);
        var loop = new Thread(rig.Loop.Run) { IsBackground = true };
        loop.Start();
        Assert.True(link.Entered.Wait(TimeSpan.FromSeconds(10)), "the loop never reached the bus");

        // The loop thread is parked in the read; only the supervisor's clock moves now.
        Assert.Equal(SupervisorVerdict.Alive, supervisor.Check());
        rig.Clock.Advance(rig.Options.StallMs - 1);
        Assert.Equal(SupervisorVerdict.Alive, supervisor.Check());
        rig.Clock.Advance(1);
        Assert.Equal(SupervisorVerdict.Stalled, supervisor.Check());

        Assert.Equal(1, rig.Reboots.Count);
        Assert.Equal(2, watchdog.Feeds);
        Assert.Contains(rig.Sink.From("supervisor"), l => l.Contains("lvl=error") && l.Contains("phase=poll"));

        rig.Loop.Stop();
        link.Release();
        Assert.True(loop.Join(TimeSpan.FromSeconds(10)));

        LoopRig next = rig.Reboot();
        Assert.Equal(ResetReason.Stall, next.Boot.Journal.PreviousReason);
        Assert.Equal("no heartbeat for " + rig.Options.StallMs + " ms in poll", next.Boot.Journal.PreviousDetail);
        Assert.Equal(1, next.Boot.Journal.FailedBootsBefore);
        System.Text.Json.JsonElement d = next.Diagnostics();
        Assert.Equal(("stall", "no heartbeat for 120000 ms in poll"), (d.GetProperty("reset_reason").GetString(), d.GetProperty("reset_detail").GetString()));
        Assert.Contains(next.Sink.From("boot"), l => l.Contains("reset=stall"));
    }

    [Fact]
    public void Check_AfterAStall_NeverFeedsOrRebootsAgain()
    {
        var rig = new LoopRig();
        var watchdog = new FakeWatchdog();
        Supervisor supervisor = For(rig, watchdog);
        rig.Clock.Advance(rig.Options.StallMs);
        Assert.Equal(SupervisorVerdict.Stalled, supervisor.Check());

        rig.Loop.Heartbeat.Beat("poll", rig.Clock.MonotonicMs);
        Assert.Equal(SupervisorVerdict.Stalled, supervisor.Check());
        Assert.Equal((0, 1), (watchdog.Feeds, rig.Reboots.Count));
    }

    [Fact]
    public void Run_HealthyLoop_FeedsEveryPeriodUntilStopped()
    {
        var rig = new LoopRig();
        var watchdog = new FakeWatchdog();
        Supervisor supervisor = For(rig, watchdog);
        var thread = new Thread(supervisor.Run) { IsBackground = true };

        // The loop beats between the supervisor's checks, as a healthy loop does.
        rig.Run(10_000);
        supervisor.Stop();
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, rig.Reboots.Count);
        Assert.False(supervisor.HasFired);
    }

    [Fact]
    public void W1_ThreeFailedBootsInARow_NextBootRunsInSafeMode()
    {
        var store = new MemoryFileStore();
        for (int boot = 1; boot <= 3; boot++)
        {
            var journal = new BootJournal(store, 3);
            journal.Begin();
            Assert.False(journal.SafeMode, $"boot {boot}");
            Assert.Equal(boot - 1, journal.FailedBootsBefore);
            if (boot == 2)
            {
                journal.RecordRestart(ResetReason.Stall, "no heartbeat");
            }
        }

        var fourth = new BootJournal(store, 3);
        fourth.Begin();
        Assert.True(fourth.SafeMode);
        Assert.Equal((4u, 3, ResetReason.Unknown), (fourth.Boots, fourth.FailedBootsBefore, fourth.PreviousReason));
    }

    [Fact]
    public void SafeMode_StaysAcrossPowerCycles_UntilADeliberateRestart()
    {
        var store = new MemoryFileStore();
        for (int boot = 0; boot < 3; boot++)
        {
            new BootJournal(store, 3).Begin();
        }

        var safe = new BootJournal(store, 3);
        safe.Begin();
        safe.MarkProven();
        var again = new BootJournal(store, 3);
        again.Begin();
        Assert.False(again.SafeMode, "a proven boot clears the count");

        for (int boot = 0; boot < 3; boot++)
        {
            new BootJournal(store, 3).Begin();
        }

        var stillSafe = new BootJournal(store, 3);
        stillSafe.Begin();
        Assert.True(stillSafe.SafeMode);
        var powerCycled = new BootJournal(store, 3);
        powerCycled.Begin();
        Assert.True(powerCycled.SafeMode);

        powerCycled.RecordRestart(ResetReason.Command, "reboot command");
        var normal = new BootJournal(store, 3);
        normal.Begin();
        Assert.False(normal.SafeMode);
        Assert.Equal(ResetReason.Command, normal.PreviousReason);
    }

    [Fact]
    public void W1_StallAfterTheBootWasProven_CountsAsOneFailure()
    {
        var store = new MemoryFileStore();
        var journal = new BootJournal(store, 3);
        journal.Begin();
        journal.MarkProven();
        journal.RecordRestart(ResetReason.Stall, "no heartbeat for 120000 ms in cloud");

        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal((1, ResetReason.Stall, "no heartbeat for 120000 ms in cloud"), (next.FailedBootsBefore, next.PreviousReason, next.PreviousDetail));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(11)]
    [InlineData(20)]
    public void S1_DamagedJournal_ReadAsAnUnknownEndNeverACrash(int flip)
    {
        var store = new MemoryFileStore();
        var journal = new BootJournal(store, 3);
        journal.Begin();
        journal.KeepEpoch();
        journal.RecordRestart(ResetReason.Stall, "no heartbeat");
        byte[] file = store.Files[BootJournal.FileName];
        file[Math.Min(flip, file.Length - 1)] ^= 0x40;

        var next = new BootJournal(store, 3);
        next.Begin();
        // The count goes on from the copy: it is the epoch of the sample numbers, which must never repeat.
        Assert.Equal((ResetReason.Unknown, "boot journal unreadable", false, 2u), (next.PreviousReason, next.PreviousDetail, next.SafeMode, next.Boots));
        var after = new BootJournal(store, 3);
        after.Begin();
        Assert.Equal((3u, 1), (after.Boots, after.FailedBootsBefore));
    }

    [Fact]
    public void S1_JournalDamagedAfterSeveralBoots_CountGoesOnFromTheCopy()
    {
        var store = new MemoryFileStore();
        for (int boot = 0; boot < 4; boot++)
        {
            var journal = new BootJournal(store, 3);
            journal.Begin();
            journal.KeepEpoch();
        }

        store.Files[BootJournal.FileName][6] ^= 0x40;

        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal(5u, next.Boots);
    }

    [Fact]
    public void KeepEpoch_PowerCutAtEachWriteOfABootThatNumbersSamples_NoBootCountIsEverHandedOutTwice()
    {
        for (int cut = 0; cut < 2; cut++)
        {
            var store = new PowerCutFileStore();
            var first = new BootJournal(store, 3);
            first.Begin();
            first.KeepEpoch();
            uint used = first.Boots;

            // The first boot made two writes; the cut lands on the next boot's record or on its copy.
            store.ChangesBeforePowerCut = 2 + cut;
            var cutBoot = new BootJournal(store, 3);
            cutBoot.Begin();
            cutBoot.KeepEpoch();
            // A boot whose record was not written never numbered a sample (the power was gone); one whose copy failed did not either.
            uint highestUsed = used;
            store.ChangesBeforePowerCut = -1;

            var after = new BootJournal(store, 3);
            after.Begin();
            Assert.True(after.Boots > highestUsed, $"cut {cut}: boot {after.Boots} after {highestUsed}");
        }
    }

    [Fact]
    public void KeepEpoch_OncePerBoot_TheCopyWrittenOnlyByBootsThatNumberSamples()
    {
        var store = new MemoryFileStore();
        var journal = new BootJournal(store, 3);
        journal.Begin();
        Assert.False(store.Files.ContainsKey(BootJournal.CopyName));

        journal.KeepEpoch();
        byte[] copy = store.Files[BootJournal.CopyName];
        journal.MarkProven();
        journal.KeepEpoch();

        Assert.Same(copy, store.Files[BootJournal.CopyName]);
    }

    [Fact]
    public void NewEpoch_MidRun_CountedInBothFilesAndTheStoredReasonKept()
    {
        var store = new MemoryFileStore();
        var journal = new BootJournal(store, 3);
        journal.Begin();
        journal.KeepEpoch();
        journal.RecordRestart(ResetReason.Stall, "no heartbeat");

        Assert.Equal(2u, journal.NewEpoch());
        store.Files[BootJournal.FileName][6] ^= 0x40;
        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal(3u, next.Boots);

        var intact = new MemoryFileStore();
        var other = new BootJournal(intact, 3);
        other.Begin();
        other.RecordRestart(ResetReason.Stall, "no heartbeat");
        other.NewEpoch();
        var reread = new BootJournal(intact, 3);
        reread.Begin();
        Assert.Equal((3u, ResetReason.Stall, "no heartbeat"), (reread.Boots, reread.PreviousReason, reread.PreviousDetail));
    }

    [Fact]
    public void RecordRestart_LongDetail_CutToTheRecordButReadableAgain()
    {
        var store = new MemoryFileStore();
        var journal = new BootJournal(store, 3);
        journal.Begin();
        journal.RecordRestart(ResetReason.Fault, new string('é', 200));

        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal(new string('é', BootJournal.MaxDetailBytes / 2), next.PreviousDetail);
    }

    [Fact]
    public void W1_SafeMode_NoPollingButTheCloudLinkAndCommandsRun()
    {
        var store = new MemoryFileStore();
        Assert.True(new EnergyLogger.Core.Provisioning.SettingsRepository(store).Save(LoopRig.Settings()));
        for (int boot = 0; boot < 3; boot++)
        {
            new BootJournal(store, 3).Begin();
        }

        var rig = new LoopRig(store: store);
        Assert.Equal(RunMode.Safe, rig.Loop.Mode);
        rig.Run(rig.Options.ProvenAfterMs + 10_000);
        rig.Command("get_version", 1);
        rig.Command("regs_read", 2, """{"unit":1,"addr":10}""");
        rig.Run(1_000);

        Assert.Empty(rig.Scripted.Writes);
        Assert.Equal(200, rig.Result("get_version").GetProperty("statusCode").GetInt32());
        Assert.Equal(404, rig.Result("regs_read").GetProperty("statusCode").GetInt32());
        Assert.Equal("safe", rig.Diagnostics().GetProperty("mode").GetString());
        Assert.True(rig.Reboot().Boot.Journal.SafeMode, "safe mode never proves itself");
    }

    [Fact]
    public void W1_CleanStopBeforeTheBootWasProven_NeverCountsAsAFailedBoot()
    {
        var rig = new LoopRig();
        for (int boot = 1; boot <= 3; boot++)
        {
            rig.Run(10_000);
            rig.Loop.Stop();
            Assert.Equal(0, rig.Run(1_000));
            Assert.Contains(rig.Sink.From("loop"), l => l.Contains("msg=stopped", StringComparison.Ordinal));
            Assert.Equal(0, rig.Reboots.Count);
            rig = rig.Reboot();
        }

        BootJournal fourth = rig.Boot.Journal;
        Assert.Equal(RunMode.Normal, rig.Loop.Mode);
        Assert.Equal((4u, 0, ResetReason.Stopped), (fourth.Boots, fourth.FailedBootsBefore, fourth.PreviousReason));
        Assert.Contains("reset=stopped", rig.Sink.From("boot").First());
    }

    [Fact]
    public void W1_CleanStopInSafeMode_LeavesSafeMode()
    {
        var store = new MemoryFileStore();
        Assert.True(new EnergyLogger.Core.Provisioning.SettingsRepository(store).Save(LoopRig.Settings()));
        for (int boot = 0; boot < 3; boot++)
        {
            new BootJournal(store, 3).Begin();
        }

        var rig = new LoopRig(store: store);
        Assert.Equal(RunMode.Safe, rig.Loop.Mode);
        rig.Loop.Stop();
        rig.Run(1_000);

        Assert.Equal(RunMode.Normal, rig.Reboot().Loop.Mode);
    }

    [Fact]
    public void Withdraw_BootThatCouldNotStart_LeavesTheJournalAsThePreviousRunLeftIt()
    {
        var store = new MemoryFileStore();
        var first = new BootJournal(store, 3);
        first.Begin();
        first.RecordRestart(ResetReason.Stall, "no heartbeat for 120000 ms in poll");

        for (int attempt = 0; attempt < 5; attempt++)
        {
            var notStarted = new BootJournal(store, 3);
            notStarted.Begin();
            notStarted.Withdraw();
        }

        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal((2u, 1, ResetReason.Stall, "no heartbeat for 120000 ms in poll", false),
            (next.Boots, next.FailedBootsBefore, next.PreviousReason, next.PreviousDetail, next.SafeMode));
    }

    [Fact]
    public void Withdraw_FirstBootThatCouldNotStart_NextBootIsStillTheFirstStart()
    {
        var store = new MemoryFileStore();
        var notStarted = new BootJournal(store, 3);
        notStarted.Begin();
        notStarted.Withdraw();

        var next = new BootJournal(store, 3);
        next.Begin();
        Assert.Equal((1u, 0, ResetReason.FirstStart), (next.Boots, next.FailedBootsBefore, next.PreviousReason));
    }

    [Fact]
    public void W1_SafeMode_SaysWhyAndHowToLeaveAtTheStartAndEveryTenMinutes()
    {
        var store = new MemoryFileStore();
        Assert.True(new EnergyLogger.Core.Provisioning.SettingsRepository(store).Save(LoopRig.Settings()));
        for (int boot = 0; boot < 3; boot++)
        {
            var journal = new BootJournal(store, 3);
            journal.Begin();
            journal.RecordRestart(ResetReason.Stall, "no heartbeat for 120000 ms in poll");
        }

        var rig = new LoopRig(store: store);
        rig.Run(1_000);
        string[] notices = rig.Sink.Lines.Where(l => l.Contains("safe mode", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            "lvl=warn src=boot msg=\"safe mode: no polling\" why=\"3 failed boots, last: stall\" leave=\"" + rig.Options.SafeModeExit + "\"",
            Assert.Single(notices)[(notices[0].IndexOf(' ') + 1)..]);
        Assert.Contains("reset=stall detail=\"no heartbeat for 120000 ms in poll\" failed_boots=3", rig.Sink.From("boot").First());

        rig.Run(rig.Options.SafeModeNoticeMs);
        Assert.Equal(2, rig.Sink.Lines.Count(l => l.Contains("safe mode:", StringComparison.Ordinal)));
    }

    [Fact]
    public void NormalMode_SaysNothingOfSafeMode()
    {
        var rig = new LoopRig();
        rig.Run(rig.Options.SafeModeNoticeMs + 1_000);

        Assert.DoesNotContain(rig.Sink.Lines, l => l.Contains("safe mode", StringComparison.Ordinal));
    }
}
