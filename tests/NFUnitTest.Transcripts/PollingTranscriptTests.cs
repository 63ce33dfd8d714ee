using EnergyLogger.Transcripts;
using nanoFramework.TestFramework;

namespace NFUnitTest.Transcripts
{
    /// <summary>
    /// The polling transcripts: the two ready maps on their inverters, replayed on nanoFramework through the real
    /// Core objects (tests/Transcripts): the logger must produce each one byte for byte, as it does on .NET.
    /// </summary>
    [TestClass]
    public class PollingTranscriptTests
    {
        [TestMethod]
        public void DeyeCycle_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(DeyeCycleTranscript.Text, Maps.Named);
        }

        [TestMethod]
        public void GrowattCycle_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(GrowattCycleTranscript.Text, Maps.Named);
        }

        private static void Replays(string text, string[] maps)
        {
            string difference = Transcript.FirstDifference(text, Transcript.Replay(text, maps));
            Assert.IsNull(difference, difference);
        }
    }
}
