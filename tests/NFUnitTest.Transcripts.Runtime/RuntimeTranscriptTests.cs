using EnergyLogger.Transcripts;
using nanoFramework.TestFramework;

namespace NFUnitTest.Transcripts.Runtime
{
    /// <summary>
    /// The runtime transcripts: provisioning, the supervisor, safe mode and an applied update, replayed on
    /// nanoFramework through the real Core objects (tests/Transcripts): the logger must produce each one byte for
    /// byte, as it does on .NET.
    /// </summary>
    [TestClass]
    public class RuntimeTranscriptTests
    {
        [TestMethod]
        public void Provisioning_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(ProvisioningTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void SupervisorStall_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(SupervisorStallTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void SafeMode_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(SafeModeTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void OtaApply_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(OtaApplyTranscript.Text, new string[0]);
        }

        private static void Replays(string text, string[] maps)
        {
            string difference = Transcript.FirstDifference(text, Transcript.Replay(text, maps));
            Assert.IsNull(difference, difference);
        }
    }
}
