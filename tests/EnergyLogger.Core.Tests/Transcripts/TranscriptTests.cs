using EnergyLogger.Transcripts;
using Xunit;

namespace EnergyLogger.Core.Tests.Transcripts;

/// <summary>
/// Each transcript of tests/Transcripts/Data replayed through the real Core objects (tests/Transcripts/Replay): the
/// logger must produce it again byte for byte. The same transcripts run on nanoFramework in tests/NFUnitTest.Transcripts.
/// </summary>
public sealed class TranscriptTests
{
    [Fact]
    public void DeyeCycle_Replayed_ProducesTheRecordedTranscript() => Replays("DeyeCycle");

    internal static void Replays(string name)
    {
        TranscriptCatalog.Entry entry = TranscriptCatalog.Find(name);
        string actual = Transcript.Replay(entry.Text, entry.Maps);
        string? difference = Transcript.FirstDifference(entry.Text, actual);
        Assert.True(difference == null, name + ": " + difference);
    }
}
