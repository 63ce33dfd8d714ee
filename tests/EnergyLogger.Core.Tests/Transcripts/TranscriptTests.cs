using EnergyLogger.Transcripts;
using Xunit;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>
/// Each transcript of tests/Transcripts/Data replayed through the real Core objects (tests/Transcripts/Replay): the
/// logger must produce it again byte for byte. The same transcripts run on nanoFramework in tests/NFUnitTest.Transcripts*.
/// </summary>
public sealed class TranscriptTests
{
    [Fact]
    public void DeyeCycle_Replayed_ProducesTheRecordedTranscript() => Replays("DeyeCycle");

    [Fact]
    public void GrowattCycle_Replayed_ProducesTheRecordedTranscript() => Replays("GrowattCycle");

    [Fact]
    public void PollLearning_Replayed_ProducesTheRecordedTranscript() => Replays("PollLearning");

    [Fact]
    public void PollBudget_Replayed_ProducesTheRecordedTranscript() => Replays("PollBudget");

    [Fact]
    public void KaaSession_Replayed_ProducesTheRecordedTranscript() => Replays("KaaSession");

    [Fact]
    public void CustomMqtt_Replayed_ProducesTheRecordedTranscript() => Replays("CustomMqtt");

    [Fact]
    public void OutboxPowerCut_Replayed_ProducesTheRecordedTranscript() => Replays("OutboxPowerCut");

    [Fact]
    public void Provisioning_Replayed_ProducesTheRecordedTranscript() => Replays("Provisioning");

    [Fact]
    public void OtaApply_Replayed_ProducesTheRecordedTranscript() => Replays("OtaApply");

    [Fact]
    public void OtaRefusals_Replayed_ProducesTheRecordedTranscript() => Replays("OtaRefusals");

    [Fact]
    public void OtaHealthCheck_Replayed_ProducesTheRecordedTranscript() => Replays("OtaHealthCheck");

    [Fact]
    public void OtaRollback_Replayed_ProducesTheRecordedTranscript() => Replays("OtaRollback");

    [Fact]
    public void SupervisorStall_Replayed_ProducesTheRecordedTranscript() => Replays("SupervisorStall");

    [Fact]
    public void SafeMode_Replayed_ProducesTheRecordedTranscript() => Replays("SafeMode");

    internal static void Replays(string name)
    {
        TranscriptCatalog.Entry entry = TranscriptCatalog.Find(name);
        string actual = Transcript.Replay(entry.Text, entry.Maps);
        string? difference = Transcript.FirstDifference(entry.Text, actual);
        Assert.True(difference == null, name + ": " + difference);
    }
}
