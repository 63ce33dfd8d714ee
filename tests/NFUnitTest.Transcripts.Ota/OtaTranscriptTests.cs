using EnergyLogger.Transcripts;
using nanoFramework.TestFramework;

namespace NFUnitTest.Transcripts.Ota
{
    /// <summary>
    /// The update transcripts: refusals, a failed health check and a rollback by the loader, replayed on
    /// nanoFramework through the real Core objects (tests/Transcripts): the logger must produce each one byte for
    /// byte, as it does on .NET.
    /// </summary>
    [TestClass]
    public class OtaTranscriptTests
    {
        [TestMethod]
        public void OtaRefusals_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(OtaRefusalsTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void OtaHealthCheck_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(OtaHealthCheckTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void OtaRollback_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(OtaRollbackTranscript.Text, new string[0]);
        }

        private static void Replays(string text, string[] maps)
        {
            string difference = Transcript.FirstDifference(text, Transcript.Replay(text, maps));
            Assert.IsNull(difference, difference);
        }
    }
}
