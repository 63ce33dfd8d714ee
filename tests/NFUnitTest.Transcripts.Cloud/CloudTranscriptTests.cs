using EnergyLogger.Transcripts;
using nanoFramework.TestFramework;

namespace NFUnitTest.Transcripts.Cloud
{
    /// <summary>
    /// The cloud transcripts (Kaa, custom MQTT, the outbox across a power cut) and the small polling ones (exception-02
    /// learning, the cycle budget), replayed on nanoFramework through the real Core objects (tests/Transcripts): the
    /// logger must produce each one byte for byte, as it does on .NET.
    /// </summary>
    [TestClass]
    public class CloudTranscriptTests
    {
        [TestMethod]
        public void KaaSession_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(KaaSessionTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void CustomMqtt_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(CustomMqttTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void OutboxPowerCut_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(OutboxPowerCutTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void PollLearning_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(PollLearningTranscript.Text, new string[0]);
        }

        [TestMethod]
        public void PollBudget_Replayed_ProducesTheRecordedTranscript()
        {
            Replays(PollBudgetTranscript.Text, new string[0]);
        }

        private static void Replays(string text, string[] maps)
        {
            string difference = Transcript.FirstDifference(text, Transcript.Replay(text, maps));
            Assert.IsNull(difference, difference);
        }
    }
}
