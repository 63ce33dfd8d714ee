namespace EnergyLogger.Core.Ports
{
    /// <summary>The delivery levels the logger uses. MQTT 3.1.1, 4.3; QoS 2 is never needed (the cloud deduplicates).</summary>
    public enum MqttQos : byte
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
    }

    /// <summary>How a connection attempt ended. Refusals 1 to 5 are the CONNACK return codes of MQTT 3.1.1, 3.2.2.3.</summary>
    public enum MqttConnectStatus
    {
        Accepted = 0,
        UnacceptableProtocol = 1,
        IdentifierRejected = 2,
        ServerUnavailable = 3,
        BadCredentials = 4,
        NotAuthorized = 5,
        /// <summary>Name lookup or TCP connect failed; nothing was sent.</summary>
        NetworkError,
        /// <summary>The server's certificate was refused (unknown CA, wrong host name, expired) or the handshake failed.</summary>
        TlsRejected,
        /// <summary>No CONNACK in time.</summary>
        Timeout,
        /// <summary>The server answered with something that is not a CONNACK.</summary>
        ProtocolError,
    }

    /// <summary>What <see cref="IMqttSession.Poll"/> took from the session.</summary>
    public enum MqttEventKind
    {
        None,
        /// <summary>A PUBLISH arrived on a subscribed topic.</summary>
        Message,
        /// <summary>The server acknowledged a QoS 1 publish (PUBACK); <see cref="MqttEvent.MessageId"/> names it.</summary>
        Acknowledged,
        /// <summary>The connection is gone (reset, keepalive expired, malformed packet); <see cref="MqttEvent.Reason"/> says why.</summary>
        ConnectionLost,
    }

    /// <summary>Everything needed to open a session. TLS is never downgraded: with <see cref="UseTls"/> a refused certificate fails the connect.</summary>
    public sealed class MqttConnectOptions
    {
        public string Host;
        public int Port = 8883;
        public bool UseTls = true;

        /// <summary>The CA certificate (PEM or DER) the server's chain must end in.</summary>
        public byte[] CaCertificate;

        /// <summary><c>energy-logger-{MAC}</c> (datasheet, MQTT / TLS).</summary>
        public string ClientId;

        public string Username;
        public string Password;

        /// <summary>Published by the server if the logger vanishes without DISCONNECT (MQTT 3.1.1, 3.1.2.5); null for none.</summary>
        public string WillTopic;
        public byte[] WillPayload;
        public MqttQos WillQos;
        public bool WillRetain;

        /// <summary>MQTT 3.1.1, 3.1.2.10; the datasheet fixes 60 s.</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>MQTT 3.1.1, 3.1.2.4. With false, unacknowledged QoS 1 publishes are resent with DUP after a reconnect.</summary>
        public bool CleanSession = true;

        public int ConnectTimeoutMs = 15000;
    }

    /// <summary>The outcome of <see cref="IMqttSession.Connect"/>; <see cref="Reason"/> is for logs and diagnostics.</summary>
    public sealed class MqttConnectResult
    {
        public MqttConnectResult(MqttConnectStatus status, string reason)
        {
            Status = status;
            Reason = reason;
        }

        public MqttConnectStatus Status { get; }

        public string Reason { get; }

        public bool IsAccepted => Status == MqttConnectStatus.Accepted;
    }

    /// <summary>One thing that happened on the session, filled by <see cref="IMqttSession.Poll"/>. Reused by the caller.</summary>
    public sealed class MqttEvent
    {
        public MqttEventKind Kind;
        public string Topic;

        /// <summary>The message bytes; owned by the event until the next poll.</summary>
        public byte[] Payload;
        public int PayloadLength;

        /// <summary>
        /// The message was longer than the transport takes (its packet cap): <see cref="Payload"/> holds only its first
        /// <see cref="PayloadLength"/> bytes and <see cref="MessageLength"/> its full length. The connection goes on,
        /// and the session answers the message as too large rather than losing it without a word.
        /// </summary>
        public bool Truncated;

        /// <summary>The message's full length when <see cref="Truncated"/>.</summary>
        public int MessageLength;

        /// <summary>The id <see cref="IMqttSession.Publish"/> returned, for <see cref="MqttEventKind.Acknowledged"/>.</summary>
        public int MessageId;

        public string Reason;

        /// <summary>Takes every field of <paramref name="other"/>, so a session hands a queued event to the caller's reused one.</summary>
        public void CopyFrom(MqttEvent other)
        {
            Kind = other.Kind;
            Topic = other.Topic;
            Payload = other.Payload;
            PayloadLength = other.PayloadLength;
            Truncated = other.Truncated;
            MessageLength = other.MessageLength;
            MessageId = other.MessageId;
            Reason = other.Reason;
        }

        public void Clear()
        {
            Kind = MqttEventKind.None;
            Topic = null;
            Payload = null;
            PayloadLength = 0;
            Truncated = false;
            MessageLength = 0;
            MessageId = 0;
            Reason = null;
        }
    }
}
