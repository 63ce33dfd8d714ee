// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The inputs of a recorded transcript, given back at the position the replay has reached: an answer is the
    /// next expected line (past <c>clock</c> lines) when it is the kind of input asked for. Once the logger's output
    /// differs, the answers stop fitting and the comparison names the first differing line.
    /// </summary>
    public sealed class ReplayFeed : ITranscriptFeed
    {
        private readonly string[] _expected;
        private readonly TranscriptWriter _writer;

        public ReplayFeed(string[] expected, TranscriptWriter writer)
        {
            _expected = expected;
            _writer = writer;
        }

        public void World(string line)
        {
        }

        public string BusAnswer(byte[] request, int offset, int count)
        {
            string answer = Peek("bus< ");
            return answer ?? "silent";
        }

        public string Connect(MqttConnectOptions options)
        {
            string answer = Peek("mqtt< connack ");
            return answer ?? "NetworkError no answer in the transcript";
        }

        public void Subscribed(string filter)
        {
        }

        public void Published(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain, int messageId)
        {
        }

        public string NextMqttEvent()
        {
            string answer = Peek("mqtt< ");
            return answer == null || answer.StartsWith("connack") ? null : answer;
        }

        public void Disconnected()
        {
        }

        public void Push(string topic, byte[] payload)
        {
        }

        public void Drop(string reason)
        {
        }

        public void Serve(string url, byte[] content)
        {
        }

        public string HttpOpen(string url, int offset)
        {
            string answer = Peek("http< ");
            return answer ?? "failed";
        }

        public string HttpRead(int count)
        {
            string answer = Peek("http< ");
            return answer ?? "failed";
        }

        public void HttpClose()
        {
        }

        public string Package(string recipe)
        {
            return Peek("package ");
        }

        /// <summary>The rest of the next recorded line if it starts with <paramref name="prefix"/>; null otherwise.</summary>
        private string Peek(string prefix)
        {
            int i = _writer.LineCount;
            while (i < _expected.Length && _expected[i].StartsWith(TranscriptWriter.Indent + TranscriptWriter.ClockPrefix))
            {
                i++;
            }

            if (i >= _expected.Length)
            {
                return null;
            }

            string line = _expected[i];
            string head = TranscriptWriter.Indent + prefix;
            return line.StartsWith(head) ? line.Substring(head.Length) : null;
        }
    }
}
