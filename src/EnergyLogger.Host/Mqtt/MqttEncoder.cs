using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// The packets a client sends, encoded into a caller's buffer (MQTT 3.1.1, 3). Each method returns the
/// packet length, or 0 when it does not fit or a field is out of the protocol's range; nothing is allocated
/// beyond the UTF-8 of strings.
/// </summary>
public static class MqttEncoder
{
    public const byte FlagDup = 0x08;
    public const byte FlagRetain = 0x01;
    public const int MaxString = 65_535;

    private static readonly byte[] ProtocolName = "MQTT"u8.ToArray();

    /// <summary>CONNECT, 3.1: protocol name "MQTT", level 4, flags, keepalive, then the payload fields in the order of 3.1.3.</summary>
    public static int Connect(byte[] buf, int offset, MqttConnectOptions o)
    {
        byte[] clientId = Utf8(o.ClientId ?? "");
        byte[]? willTopic = o.WillTopic is null ? null : Utf8(o.WillTopic);
        byte[]? user = o.Username is null ? null : Utf8(o.Username);
        byte[]? password = o.Password is null ? null : Utf8(o.Password);
        byte[] willPayload = o.WillPayload ?? [];

        // 3.1.2.9: a password without a user name is not allowed.
        if (password is not null && user is null || o.KeepAliveSeconds is < 0 or > 65_535)
        {
            return 0;
        }

        int body = 2 + ProtocolName.Length + 1 + 1 + 2 + 2 + clientId.Length;
        if (willTopic is not null)
        {
            body += 2 + willTopic.Length + 2 + willPayload.Length;
        }

        body += user is null ? 0 : 2 + user.Length;
        body += password is null ? 0 : 2 + password.Length;
        int pos = Header(buf, offset, (byte)MqttPacketType.Connect << 4, body);
        if (pos < 0 || TooLong(clientId) || TooLong(willTopic) || TooLong(willPayload) || TooLong(user) || TooLong(password))
        {
            return 0;
        }

        pos = Field(buf, pos, ProtocolName);
        buf[pos++] = 4;
        buf[pos++] = ConnectFlags(o, willTopic is not null, user is not null, password is not null);
        pos = UInt16(buf, pos, o.KeepAliveSeconds);
        pos = Field(buf, pos, clientId);
        if (willTopic is not null)
        {
            pos = Field(buf, pos, willTopic);
            pos = Field(buf, pos, willPayload);
        }

        if (user is not null)
        {
            pos = Field(buf, pos, user);
        }

        if (password is not null)
        {
            pos = Field(buf, pos, password);
        }

        return pos - offset;
    }

    /// <summary>PUBLISH, 3.3: topic, packet id for QoS 1, payload. A packet id is 1..65535 (2.3.1).</summary>
    public static int Publish(byte[] buf, int offset, string topic, byte[] payload, int payloadOffset, int count, MqttQos qos, bool retain, bool dup, int packetId)
    {
        byte[] name = Utf8(topic);
        bool needsId = qos != MqttQos.AtMostOnce;
        if (name.Length == 0 || name.Length > MaxString || (needsId && packetId is < 1 or > 65_535) || (dup && !needsId))
        {
            return 0;
        }

        int flags = ((byte)MqttPacketType.Publish << 4) | ((int)qos << 1) | (retain ? FlagRetain : 0) | (dup ? FlagDup : 0);
        int pos = Header(buf, offset, flags, 2 + name.Length + (needsId ? 2 : 0) + count);
        if (pos < 0)
        {
            return 0;
        }

        pos = Field(buf, pos, name);
        if (needsId)
        {
            pos = UInt16(buf, pos, packetId);
        }

        Buffer.BlockCopy(payload, payloadOffset, buf, pos, count);
        return pos + count - offset;
    }

    /// <summary>PUBACK, 3.4: the answer to a QoS 1 PUBLISH from the server.</summary>
    public static int PubAck(byte[] buf, int offset, int packetId)
    {
        int pos = Header(buf, offset, (byte)MqttPacketType.PubAck << 4, 2);
        return pos < 0 ? 0 : UInt16(buf, pos, packetId) - offset;
    }

    /// <summary>SUBSCRIBE, 3.8: fixed-header flags 0010 (3.8.1), one filter with its requested QoS.</summary>
    public static int Subscribe(byte[] buf, int offset, int packetId, string filter, MqttQos qos)
    {
        byte[] name = Utf8(filter);
        if (name.Length == 0 || name.Length > MaxString || packetId is < 1 or > 65_535)
        {
            return 0;
        }

        int pos = Header(buf, offset, ((byte)MqttPacketType.Subscribe << 4) | 0x02, 2 + 2 + name.Length + 1);
        if (pos < 0)
        {
            return 0;
        }

        pos = UInt16(buf, pos, packetId);
        pos = Field(buf, pos, name);
        buf[pos++] = (byte)qos;
        return pos - offset;
    }

    /// <summary>PINGREQ, 3.12.</summary>
    public static int PingReq(byte[] buf, int offset) => Empty(buf, offset, MqttPacketType.PingReq);

    /// <summary>DISCONNECT, 3.14.</summary>
    public static int Disconnect(byte[] buf, int offset) => Empty(buf, offset, MqttPacketType.Disconnect);

    /// <summary>Sets the DUP flag on an encoded PUBLISH before it is sent again (3.3.1.1).</summary>
    public static void MarkDuplicate(byte[] packet) => packet[0] |= FlagDup;

    private static int Empty(byte[] buf, int offset, MqttPacketType type)
    {
        int pos = Header(buf, offset, (byte)type << 4, 0);
        return pos < 0 ? 0 : pos - offset;
    }

    private static bool TooLong(byte[]? field) => field is not null && field.Length > MaxString;

    private static byte ConnectFlags(MqttConnectOptions o, bool will, bool user, bool password)
    {
        // 3.1.2.3: bit 7 user name, 6 password, 5 will retain, 4-3 will QoS, 2 will flag, 1 clean session, 0 reserved.
        int flags = o.CleanSession ? 0x02 : 0;
        if (will)
        {
            flags |= 0x04 | ((int)o.WillQos << 3) | (o.WillRetain ? 0x20 : 0);
        }

        flags |= password ? 0x40 : 0;
        flags |= user ? 0x80 : 0;
        return (byte)flags;
    }

    /// <summary>The fixed header; returns the body's offset, or -1 when the packet does not fit.</summary>
    private static int Header(byte[] buf, int offset, int first, int body)
    {
        if (body > RemainingLength.Max || offset + 1 + RemainingLength.Size(body) + body > buf.Length)
        {
            return -1;
        }

        buf[offset] = (byte)first;
        return offset + 1 + RemainingLength.Encode(body, buf, offset + 1);
    }

    /// <summary>A two-byte length and the bytes (1.5.3 for strings, 3.1.3.3 for the will message).</summary>
    private static int Field(byte[] buf, int pos, byte[] bytes)
    {
        pos = UInt16(buf, pos, bytes.Length);
        Buffer.BlockCopy(bytes, 0, buf, pos, bytes.Length);
        return pos + bytes.Length;
    }

    private static int UInt16(byte[] buf, int pos, int value)
    {
        buf[pos] = (byte)(value >> 8);
        buf[pos + 1] = (byte)value;
        return pos + 2;
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
