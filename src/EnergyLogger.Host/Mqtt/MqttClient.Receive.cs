using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Mqtt;

public sealed partial class MqttClient
{
    /// <summary>CONNECT, then the first packet back must be a well-formed CONNACK (MQTT 3.1.1, 3.2).</summary>
    private MqttConnectResult Handshake(TlsTransport.Opened link, MqttConnectOptions options)
    {
        var connect = new byte[1024 + (options.WillPayload?.Length ?? 0)];
        int length = MqttEncoder.Connect(connect, 0, options);
        if (length == 0)
        {
            return new MqttConnectResult(MqttConnectStatus.ProtocolError, "connect options out of the protocol's range");
        }

        var packet = new MqttPacket();
        var reader = new MqttFrameReader(16);
        var one = new byte[1];
        try
        {
            link.Stream.Write(connect, 0, length);

            // One byte at a time: whatever follows CONNACK (queued messages of a persistent session)
            // belongs to the reader thread and must not be swallowed here.
            while (true)
            {
                if (link.Stream.Read(one, 0, 1) == 0)
                {
                    return new MqttConnectResult(MqttConnectStatus.ProtocolError, "the server closed the connection before CONNACK");
                }

                FrameStatus status = reader.Feed(one[0]);
                if (status != FrameStatus.NeedMore)
                {
                    return status == FrameStatus.Complete
                        ? ConnAckResult(reader, packet)
                        : new MqttConnectResult(MqttConnectStatus.ProtocolError, "malformed CONNACK: " + status);
                }
            }
        }
        catch (IOException e)
        {
            return new MqttConnectResult(MqttConnectStatus.Timeout, "no CONNACK: " + e.Message);
        }
    }

    private static MqttConnectResult ConnAckResult(MqttFrameReader reader, MqttPacket packet)
    {
        DecodeStatus decoded = MqttDecoder.Decode(reader.Header, reader.Body, reader.BodyLength, packet);
        if (decoded != DecodeStatus.Ok || packet.Type != MqttPacketType.ConnAck)
        {
            return new MqttConnectResult(MqttConnectStatus.ProtocolError, $"expected CONNACK, got {packet.Type} ({decoded})");
        }

        return packet.ReturnCode == 0
            ? new MqttConnectResult(MqttConnectStatus.Accepted, packet.SessionPresent ? "accepted, session present" : "accepted")
            : new MqttConnectResult((MqttConnectStatus)packet.ReturnCode, "refused by the server: " + (MqttConnectStatus)packet.ReturnCode);
    }

    private void ReadLoop(TlsTransport.Opened link, int generation)
    {
        var buf = new byte[8192];
        var packet = new MqttPacket();
        _frames.Reset();
        string reason;
        try
        {
            while (true)
            {
                int n = link.Stream.Read(buf, 0, buf.Length);
                if (n == 0)
                {
                    reason = "the server closed the connection";
                    break;
                }

                string? failure = Consume(buf, n, packet);
                if (failure is not null)
                {
                    reason = failure;
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            reason = "read failed: " + e.Message;
        }

        lock (_gate)
        {
            if (generation == _generation)
            {
                LoseLocked(reason);
            }
        }
    }

    /// <summary>Feeds received bytes to the framer; returns why the connection must close, or null.</summary>
    private string? Consume(byte[] buf, int count, MqttPacket packet)
    {
        for (int i = 0; i < count; i++)
        {
            FrameStatus status = _frames.Feed(buf[i]);
            if (status == FrameStatus.NeedMore)
            {
                continue;
            }

            if (status != FrameStatus.Complete && status != FrameStatus.Cut)
            {
                Counters.Malformed++;
                return status == FrameStatus.TooLarge
                    ? $"packet larger than {_frames.MaxBodyBytes} bytes"
                    : "malformed remaining length";
            }

            DecodeStatus decoded = MqttDecoder.Decode(_frames.Header, _frames.Body, _frames.BodyLength, packet);
            if (decoded != DecodeStatus.Ok)
            {
                Counters.Malformed++;
                return $"malformed packet 0x{_frames.Header:X2}: {decoded}";
            }

            // A cut PUBLISH keeps only the start of its payload; the session learns its full length and refuses it.
            int messageLength = status == FrameStatus.Cut ? _frames.DeclaredLength - packet.PayloadOffset : packet.PayloadLength;
            string? failure = Handle(packet, messageLength);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private string? Handle(MqttPacket packet, int messageLength)
    {
        lock (_gate)
        {
            if (!IsConnected)
            {
                return null;
            }

            _keepAlive.OnReceived(_clock.MonotonicMs);
            switch (packet.Type)
            {
                case MqttPacketType.Publish:
                    return Deliver(packet, messageLength);
                case MqttPacketType.PubAck:
                    if (_inFlight.Remove(packet.PacketId))
                    {
                        Counters.Acknowledged++;
                        Enqueue(new MqttEvent { Kind = MqttEventKind.Acknowledged, MessageId = packet.PacketId });
                    }

                    return null;
                case MqttPacketType.SubAck:
                    if (packet.ReturnCode == 0x80)
                    {
                        Counters.SubscriptionsRefused++;
                    }

                    return null;
                case MqttPacketType.PingResp:
                case MqttPacketType.UnsubAck:
                    return null;
                default:
                    // A second CONNACK is a protocol violation (3.2).
                    Counters.Malformed++;
                    return "unexpected " + packet.Type;
            }
        }
    }

    /// <summary>
    /// Queues a message; QoS 1 is acknowledged at once (4.3.2: the receiver owns it after PUBACK). A message longer
    /// than <paramref name="packet"/> holds was cut at the packet cap and goes out marked so.
    /// </summary>
    private string? Deliver(MqttPacket packet, int messageLength)
    {
        var payload = new byte[packet.PayloadLength];
        Buffer.BlockCopy(_frames.Body, packet.PayloadOffset, payload, 0, packet.PayloadLength);
        Counters.Received++;
        bool cut = messageLength > payload.Length;
        Counters.MessagesCut += cut ? 1 : 0;
        Enqueue(new MqttEvent
        {
            Kind = MqttEventKind.Message,
            Topic = packet.Topic,
            Payload = payload,
            PayloadLength = payload.Length,
            Truncated = cut,
            MessageLength = messageLength,
        });
        if (packet.Qos == MqttQos.AtLeastOnce)
        {
            Send(_tx, MqttEncoder.PubAck(_tx, 0, packet.PacketId));
        }

        return null;
    }
}
