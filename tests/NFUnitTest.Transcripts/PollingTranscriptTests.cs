using EnergyLogger.Transcripts;
using nanoFramework.TestFramework;

namespace NFUnitTest.Transcripts
{
    /// <summary>
    /// The polling transcripts replayed on nanoFramework through the real Core objects: the logger must produce
    /// each one byte for byte, as it does on .NET (tests/EnergyLogger.Core.Tests/Transcripts).
    /// </summary>
    [TestClass]
    public class PollingTranscriptTests
    {
        [TestMethod]
        public void DeyeCycle_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(DeyeCycleTranscript.Text, Maps.Named);
        }

        internal static void Replays(string text, string[] maps)
        {
            string difference = Transcript.FirstDifference(text, Transcript.Replay(text, maps));
            Assert.IsNull(difference, difference);
        }
    }
}
