using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Mqtt;

/// <summary>Why a packet from the server was refused. Any status but Ok closes the connection (MQTT 3.1.1, 4.8; RELIABILITY C5).</summary>
public enum DecodeStatus
{
    Ok,
    /// <summary>A type a server never sends to this client (CONNECT, SUBSCRIBE, ...), a QoS 2 flow we never asked for, or type 0/15.</summary>
    UnexpectedType,
    /// <summary>Reserved fixed-header flags not as 2.2.2 requires, or PUBLISH with QoS 3 (3.3.1.2).</summary>
    BadFlags,
    /// <summary>The body is shorter or longer than the packet type allows.</summary>
    BadLength,
    /// <summary>A topic that is not well-formed UTF-8, is empty, or holds a wildcard (1.5.3, 4.7.1).</summary>
    BadTopic,
    /// <summary>Packet identifier 0 where one is required (2.3.1).</summary>
    BadPacketId,
    /// <summary>A field outside its defined values (CONNACK flags or code, SUBACK return code).</summary>
    BadField,
}

/// <summary>A decoded packet from the server. The payload stays in the frame reader's body buffer.</summary>
public sealed class MqttPacket
{
    public MqttPacketType Type;
    public bool Dup;
    public MqttQos Qos;
    public bool Retain;
    public int PacketId;
    public string? Topic;
    public int PayloadOffset;
    public int PayloadLength;
    public bool SessionPresent;

    /// <summary>CONNACK return code (3.2.2.3) or SUBACK return code (3.9.3).</summary>
    public byte ReturnCode;
}

/// <summary>Strict decoding of what a server may send a client: CONNACK, PUBLISH (QoS 0/1), PUBACK, SUBACK, UNSUBACK, PINGRESP.</summary>
public static class MqttDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static DecodeStatus Decode(byte header, byte[] body, int length, MqttPacket into)
    {
        var type = (MqttPacketType)(header >> 4);
        int flags = header & 0x0F;
        into.Type = type;
        into.Topic = null;
        into.PayloadLength = 0;
        switch (type)
        {
            case MqttPacketType.ConnAck:
                return Fixed(flags, length, 2) ?? ConnAck(body, into);
            case MqttPacketType.Publish:
                return Publish(flags, body, length, into);
            case MqttPacketType.PubAck:
            case MqttPacketType.UnsubAck:
                return Fixed(flags, length, 2) ?? PacketId(body, 0, into);
            case MqttPacketType.SubAck:
                return SubAck(flags, body, length, into);
            case MqttPacketType.PingResp:
                return Fixed(flags, length, 0) ?? DecodeStatus.Ok;
            default:
                return DecodeStatus.UnexpectedType;
        }
    }

    /// <summary>A packet whose flags are all reserved 0 and whose body has one fixed size (2.2.2 table 2.2).</summary>
    private static DecodeStatus? Fixed(int flags, int length, int expected)
    {
        if (flags != 0)
        {
            return DecodeStatus.BadFlags;
        }

        return length == expected ? null : DecodeStatus.BadLength;
    }

    private static DecodeStatus ConnAck(byte[] body, MqttPacket into)
    {
        // 3.2.2.1: bits 7-1 of the acknowledge flags are reserved 0; 3.2.2.3: codes above 5 are reserved.
        if ((body[0] & 0xFE) != 0 || body[1] > 5)
        {
            return DecodeStatus.BadField;
        }

        into.SessionPresent = (body[0] & 1) != 0;
        into.ReturnCode = body[1];
        return DecodeStatus.Ok;
    }

    private static DecodeStatus Publish(int flags, byte[] body, int length, MqttPacket into)
    {
        int qos = (flags >> 1) & 3;
        if (qos == 3)
        {
            return DecodeStatus.BadFlags;
        }

        if (qos == 2)
        {
            // The logger subscribes with QoS 1 at most, so a server must not send QoS 2 (3.8.4 downgrade rule).
            return DecodeStatus.UnexpectedType;
        }

        into.Qos = (MqttQos)qos;
        into.Dup = (flags & 0x08) != 0;
        into.Retain = (flags & 0x01) != 0;
        if (qos == 0 && into.Dup)
        {
            // 3.3.1.1: DUP must be 0 for QoS 0.
            return DecodeStatus.BadFlags;
        }

        if (length < 2)
        {
            return DecodeStatus.BadLength;
        }

        int topicLength = (body[0] << 8) | body[1];
        int pos = 2 + topicLength;
        int idBytes = qos > 0 ? 2 : 0;
        if (pos + idBytes > length)
        {
            return DecodeStatus.BadLength;
        }

        DecodeStatus topic = Topic(body, 2, topicLength, into);
        if (topic != DecodeStatus.Ok)
        {
            return topic;
        }

        into.PacketId = 0;
        if (qos > 0)
        {
            DecodeStatus id = PacketId(body, pos, into);
            if (id != DecodeStatus.Ok)
            {
                return id;
            }

            pos += 2;
        }

        into.PayloadOffset = pos;
        into.PayloadLength = length - pos;
        return DecodeStatus.Ok;
    }

    private static DecodeStatus SubAck(int flags, byte[] body, int length, MqttPacket into)
    {
        if (flags != 0)
        {
            return DecodeStatus.BadFlags;
        }

        if (length < 3)
        {
            return DecodeStatus.BadLength;
        }

        for (int i = 2; i < length; i++)
        {
            // 3.9.3: 0x00, 0x01, 0x02 granted, 0x80 failure; everything else is reserved.
            if (body[i] > 2 && body[i] != 0x80)
            {
                return DecodeStatus.BadField;
            }
        }

        into.ReturnCode = body[2];
        return PacketId(body, 0, into);
    }

    private static DecodeStatus PacketId(byte[] body, int pos, MqttPacket into)
    {
        into.PacketId = (body[pos] << 8) | body[pos + 1];
        return into.PacketId == 0 ? DecodeStatus.BadPacketId : DecodeStatus.Ok;
    }

    private static DecodeStatus Topic(byte[] body, int offset, int length, MqttPacket into)
    {
        if (length == 0)
        {
            return DecodeStatus.BadTopic;
        }

        string topic;
        try
        {
            topic = StrictUtf8.GetString(body, offset, length);
        }
        catch (DecoderFallbackException)
        {
            return DecodeStatus.BadTopic;
        }

        // 1.5.3: no U+0000; 4.7.1: a topic name never holds the wildcards.
        if (topic.Contains('\0') || topic.Contains('#') || topic.Contains('+'))
        {
            return DecodeStatus.BadTopic;
        }

        into.Topic = topic;
        return DecodeStatus.Ok;
    }
}
