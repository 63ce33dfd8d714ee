// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The MQTT session: connects, subscriptions, publishes and disconnects are recorded (<c>mqtt&gt;</c>), and what
    /// the broker answers or delivers (<c>mqtt&lt;</c>) comes from the feed. Message ids count up from 1 on every
    /// QoS 1 publish, as a fresh client's do.
    /// </summary>
    public sealed class TranscriptMqtt : IMqttSession
    {
        /// <summary>The names of <see cref="MqttConnectStatus"/> in a transcript (Enum.ToString gives numbers on nanoFramework).</summary>
        public static readonly string[] StatusNames =
        {
            "Accepted", "UnacceptableProtocol", "IdentifierRejected", "ServerUnavailable", "BadCredentials", "NotAuthorized",
            "NetworkError", "TlsRejected", "Timeout", "ProtocolError",
        };

        private readonly TranscriptWriter _out;
        private readonly ITranscriptFeed _feed;
        private int _nextId = 1;

        public TranscriptMqtt(TranscriptWriter output, ITranscriptFeed feed)
        {
            _out = output;
            _feed = feed;
        }

        public bool IsConnected { get; private set; }

        public MqttConnectResult Connect(MqttConnectOptions options)
        {
            _out.Record("mqtt> connect " + Describe(options));
            string answer = _feed.Connect(options);
            _out.Record("mqtt< connack " + answer);
            IsConnected = answer == "accepted";
            if (IsConnected)
            {
                return new MqttConnectResult(MqttConnectStatus.Accepted, "accepted");
            }

            string name = TranscriptCodec.First(answer);
            int status = (int)MqttConnectStatus.ProtocolError;
            for (int i = 1; i < StatusNames.Length; i++)
            {
                if (StatusNames[i] == name)
                {
                    status = i;
                }
            }

            return new MqttConnectResult((MqttConnectStatus)status, TranscriptCodec.Rest(answer));
        }

        public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain)
        {
            if (!IsConnected)
            {
                return -1;
            }

            int id = 0;
            string line = "mqtt> pub " + topic + (qos == MqttQos.AtLeastOnce ? " q1" : " q0") + (retain ? " retain" : "");
            if (qos == MqttQos.AtLeastOnce)
            {
                id = _nextId;
                _nextId = _nextId == 65535 ? 1 : _nextId + 1;
                line += " #" + id.ToString();
            }

            if (count > 0)
            {
                line += " " + TranscriptCodec.Payload(payload, offset, count);
            }

            _out.Record(line);
            _feed.Published(topic, payload, offset, count, qos, retain, id);
            return id;
        }

        public bool Subscribe(string topicFilter, MqttQos qos)
        {
            _out.Record("mqtt> sub " + topicFilter + (qos == MqttQos.AtLeastOnce ? " q1" : " q0"));
            _feed.Subscribed(topicFilter);
            return IsConnected;
        }

        public bool Poll(MqttEvent into)
        {
            into.Clear();
            string answer = _feed.NextMqttEvent();
            if (answer == null)
            {
                return false;
            }

            _out.Record("mqtt< " + answer);
            string kind = TranscriptCodec.First(answer);
            string rest = TranscriptCodec.Rest(answer);
            if (kind == "ack")
            {
                into.Kind = MqttEventKind.Acknowledged;
                into.MessageId = int.Parse(rest);
            }
            else if (kind == "msg")
            {
                byte[] payload = TranscriptCodec.PayloadBytes(TranscriptCodec.Rest(rest));
                into.Kind = MqttEventKind.Message;
                into.Topic = TranscriptCodec.First(rest);
                into.Payload = payload;
                into.PayloadLength = payload.Length;
            }
            else
            {
                IsConnected = false;
                into.Kind = MqttEventKind.ConnectionLost;
                into.Reason = rest;
            }

            return true;
        }

        public void Disconnect()
        {
            _out.Record("mqtt> disconnect");
            IsConnected = false;
            _feed.Disconnected();
        }

        /// <summary>The connection breaks (a script line): the session knows at once, the loop at its next poll.</summary>
        public void Drop(string reason)
        {
            IsConnected = false;
            _feed.Drop(reason);
        }

        /// <summary>A power-on: no connection, and the client's ids start again.</summary>
        public void Reset()
        {
            IsConnected = false;
            _nextId = 1;
        }

        private static string Describe(MqttConnectOptions o)
        {
            return o.Host + ":" + o.Port.ToString() + (o.UseTls ? " tls" : " plain") + " id=" + o.ClientId
                + (o.Username == null ? "" : " user=" + o.Username) + (o.Password == null ? "" : " password=" + o.Password)
                + (o.CaCertificate == null ? "" : " ca=" + o.CaCertificate.Length.ToString())
                + (o.WillTopic == null ? "" : " will=" + o.WillTopic + (o.WillRetain ? ",retain," : ",") + TranscriptCodec.Payload(o.WillPayload, 0, o.WillPayload.Length))
                + " keepalive=" + o.KeepAliveSeconds.ToString() + (o.CleanSession ? " clean" : "");
        }
    }
}
