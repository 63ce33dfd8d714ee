using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using Xunit;

namespace EnergyLogger.Core.Tests.Mqtt;

/// <summary>Golden bytes from the examples and tables of MQTT Version 3.1.1 (OASIS Standard, 29 October 2014).</summary>
public class MqttCodecTests
{
    public static TheoryData<int, byte[]> RemainingLengths => new()
    {
        // 2.2.3 table 2.4: the boundaries of one to four bytes.
        { 0, [0x00] },
        { 127, [0x7F] },
        { 128, [0x80, 0x01] },
        { 16_383, [0xFF, 0x7F] },
        { 16_384, [0x80, 0x80, 0x01] },
        { 2_097_151, [0xFF, 0xFF, 0x7F] },
        { 2_097_152, [0x80, 0x80, 0x80, 0x01] },
        { 268_435_455, [0xFF, 0xFF, 0xFF, 0x7F] },
    };

    [Theory]
    [MemberData(nameof(RemainingLengths))]
    public void RemainingLengthEncode_Table24_MatchesSpec(int value, byte[] expected)
    {
        var buf = new byte[4];
        int n = RemainingLength.Encode(value, buf, 0);
        Assert.Equal(expected, buf[..n]);
        Assert.Equal(expected.Length, RemainingLength.Size(value));
    }

    [Theory]
    [MemberData(nameof(RemainingLengths))]
    public void FrameReader_Table24Lengths_DecodesLengthOrRefusesOverCap(int value, byte[] encoded)
    {
        var reader = new MqttFrameReader(1000);
        Assert.Equal(FrameStatus.NeedMore, reader.Feed(0xD0));
        FrameStatus last = FrameStatus.NeedMore;
        foreach (byte b in encoded)
        {
            last = reader.Feed(b);
        }

        Assert.Equal(value == 0 ? FrameStatus.Complete : value > 1000 ? FrameStatus.TooLarge : FrameStatus.NeedMore, last);
    }

    [Fact]
    public void FrameReader_FifthLengthByte_IsMalformedAndStaysFailed()
    {
        var reader = new MqttFrameReader(1000);
        reader.Feed(0x30);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(FrameStatus.NeedMore, reader.Feed(0xFF));
        }

        Assert.Equal(FrameStatus.MalformedLength, reader.Feed(0xFF));
        Assert.Equal(FrameStatus.MalformedLength, reader.Feed(0xD0));
    }

    [Fact]
    public void Connect_Spec3111Example_HasVariableHeaderOfFigure36()
    {
        // 3.1.2.11: user name, password, will QoS 1, will flag, clean session -> flags 0xCE; keepalive 10 s.
        var o = new MqttConnectOptions
        {
            ClientId = "id", Username = "u", Password = "p", WillTopic = "w", WillPayload = [0x2A],
            WillQos = MqttQos.AtLeastOnce, KeepAliveSeconds = 10, CleanSession = true,
        };
        var buf = new byte[64];
        int n = MqttEncoder.Connect(buf, 0, o);
        byte[] expected =
        [
            0x10, 26,
            0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0xCE, 0x00, 0x0A,
            0x00, 0x02, (byte)'i', (byte)'d',
            0x00, 0x01, (byte)'w', 0x00, 0x01, 0x2A,
            0x00, 0x01, (byte)'u',
            0x00, 0x01, (byte)'p',
        ];
        Assert.Equal(expected, buf[..n]);
    }

    [Fact]
    public void Connect_NoWillNoCredentialsPersistentSession_FlagsZero()
    {
        var buf = new byte[64];
        int n = MqttEncoder.Connect(buf, 0, new MqttConnectOptions { ClientId = "c", KeepAliveSeconds = 60, CleanSession = false });
        Assert.Equal(new byte[] { 0x10, 13, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x00, 0x00, 0x3C, 0, 1, (byte)'c' }, buf[..n]);
    }

    [Theory]
    [InlineData("p", null, 60)]
    [InlineData(null, null, 70_000)]
    public void Connect_OutOfRange_ReturnsZero(string? password, string? user, int keepAlive)
    {
        var o = new MqttConnectOptions { ClientId = "c", Password = password, Username = user, KeepAliveSeconds = keepAlive };
        Assert.Equal(0, MqttEncoder.Connect(new byte[64], 0, o));
    }

    [Fact]
    public void Publish_Spec3323Example_TopicAndPacketId()
    {
        // 3.3.2.3: topic "a/b", packet identifier 10.
        var buf = new byte[32];
        int n = MqttEncoder.Publish(buf, 0, "a/b", [0x01, 0x02], 0, 2, MqttQos.AtLeastOnce, retain: false, dup: false, packetId: 10);
        Assert.Equal(new byte[] { 0x32, 9, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A, 0x01, 0x02 }, buf[..n]);
        MqttEncoder.MarkDuplicate(buf);
        Assert.Equal(0x3A, buf[0]);
    }

    [Fact]
    public void Publish_QosZeroRetained_HasNoPacketId()
    {
        var buf = new byte[32];
        int n = MqttEncoder.Publish(buf, 0, "t", [0x41], 0, 1, MqttQos.AtMostOnce, retain: true, dup: false, packetId: 0);
        Assert.Equal(new byte[] { 0x31, 4, 0, 1, (byte)'t', 0x41 }, buf[..n]);
    }

    [Theory]
    [InlineData("", 1, MqttQos.AtMostOnce, false)]
    [InlineData("t", 0, MqttQos.AtLeastOnce, false)]
    [InlineData("t", 1, MqttQos.AtMostOnce, true)]
    public void Publish_InvalidFields_ReturnsZero(string topic, int id, MqttQos qos, bool dup)
    {
        Assert.Equal(0, MqttEncoder.Publish(new byte[32], 0, topic, [], 0, 0, qos, false, dup, id));
    }

    [Fact]
    public void Publish_DoesNotFit_ReturnsZero()
    {
        Assert.Equal(0, MqttEncoder.Publish(new byte[8], 0, "topic", new byte[10], 0, 10, MqttQos.AtMostOnce, false, false, 0));
    }

    [Fact]
    public void Subscribe_Spec383Example_FirstFilter()
    {
        // 3.8.3: packet identifier 10, "a/b" with QoS 1; fixed-header flags 0010 (3.8.1).
        var buf = new byte[32];
        int n = MqttEncoder.Subscribe(buf, 0, 10, "a/b", MqttQos.AtLeastOnce);
        Assert.Equal(new byte[] { 0x82, 8, 0x00, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x01 }, buf[..n]);
    }

    [Fact]
    public void FixedPackets_PingReqDisconnectPubAck_MatchSpec()
    {
        var buf = new byte[8];
        Assert.Equal(new byte[] { 0xC0, 0x00 }, buf[..MqttEncoder.PingReq(buf, 0)]);
        Assert.Equal(new byte[] { 0xE0, 0x00 }, buf[..MqttEncoder.Disconnect(buf, 0)]);
        Assert.Equal(new byte[] { 0x40, 0x02, 0x12, 0x34 }, buf[..MqttEncoder.PubAck(buf, 0, 0x1234)]);
    }

    public static TheoryData<byte[], DecodeStatus, MqttPacketType> Received => new()
    {
        { [0x20, 0x02, 0x00, 0x00], DecodeStatus.Ok, MqttPacketType.ConnAck },
        { [0x20, 0x02, 0x01, 0x05], DecodeStatus.Ok, MqttPacketType.ConnAck },
        { [0x20, 0x02, 0x02, 0x00], DecodeStatus.BadField, MqttPacketType.ConnAck },
        { [0x20, 0x02, 0x00, 0x06], DecodeStatus.BadField, MqttPacketType.ConnAck },
        { [0x20, 0x03, 0x00, 0x00, 0x00], DecodeStatus.BadLength, MqttPacketType.ConnAck },
        { [0x21, 0x02, 0x00, 0x00], DecodeStatus.BadFlags, MqttPacketType.ConnAck },
        { [0x40, 0x02, 0x00, 0x0A], DecodeStatus.Ok, MqttPacketType.PubAck },
        { [0x40, 0x02, 0x00, 0x00], DecodeStatus.BadPacketId, MqttPacketType.PubAck },
        { [0xD0, 0x00], DecodeStatus.Ok, MqttPacketType.PingResp },
        { [0xD0, 0x01, 0x00], DecodeStatus.BadLength, MqttPacketType.PingResp },
        // 3.9.3 example: return codes 0x00, 0x01, 0x02 and 0x80 are all defined.
        { [0x90, 0x06, 0x00, 0x0A, 0x00, 0x01, 0x02, 0x80], DecodeStatus.Ok, MqttPacketType.SubAck },
        { [0x90, 0x03, 0x00, 0x0A, 0x03], DecodeStatus.BadField, MqttPacketType.SubAck },
        { [0x30, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b'], DecodeStatus.Ok, MqttPacketType.Publish },
        { [0x34, 0x07, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x01], DecodeStatus.UnexpectedType, MqttPacketType.Publish },
        { [0x38, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b'], DecodeStatus.BadFlags, MqttPacketType.Publish },
        { [0x3E, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b'], DecodeStatus.BadFlags, MqttPacketType.Publish },
        { [0x32, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b'], DecodeStatus.BadLength, MqttPacketType.Publish },
        { [0x32, 0x07, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x00], DecodeStatus.BadPacketId, MqttPacketType.Publish },
        { [0x30, 0x05, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'#'], DecodeStatus.BadTopic, MqttPacketType.Publish },
        { [0x30, 0x04, 0x00, 0x02, 0xC3, 0x28], DecodeStatus.BadTopic, MqttPacketType.Publish },
        { [0x30, 0x02, 0x00, 0x00], DecodeStatus.BadTopic, MqttPacketType.Publish },
        { [0x30, 0x01, 0x00], DecodeStatus.BadLength, MqttPacketType.Publish },
        { [0x10, 0x00], DecodeStatus.UnexpectedType, MqttPacketType.Connect },
        { [0x00, 0x00], DecodeStatus.UnexpectedType, 0 },
        { [0xF0, 0x00], DecodeStatus.UnexpectedType, (MqttPacketType)15 },
    };

    [Theory]
    [MemberData(nameof(Received))]
    public void Decode_ServerPackets_StrictStatus(byte[] packet, DecodeStatus expected, MqttPacketType type)
    {
        var into = new MqttPacket();
        Assert.Equal(expected, MqttDecoder.Decode(packet[0], packet[2..], packet.Length - 2, into));
        Assert.Equal(type, into.Type);
    }

    [Fact]
    public void Decode_QosOnePublish_ExposesTopicIdAndPayload()
    {
        byte[] packet = [0x3B, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A, (byte)'h', (byte)'i', (byte)'!'];
        var into = new MqttPacket();
        Assert.Equal(DecodeStatus.Ok, MqttDecoder.Decode(packet[0], packet[2..], 10, into));
        Assert.Equal(("a/b", 10, MqttQos.AtLeastOnce, true, true), (into.Topic, into.PacketId, into.Qos, into.Dup, into.Retain));
        Assert.Equal("hi!", Encoding.ASCII.GetString(packet, 2 + into.PayloadOffset, into.PayloadLength));
    }

    [Fact]
    public void EncodeThenFrame_Publish_RoundTrips()
    {
        var buf = new byte[400];
        byte[] payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        int n = MqttEncoder.Publish(buf, 0, "kp1/app/dcx/tok/json/7", payload, 0, 300, MqttQos.AtLeastOnce, false, false, 77);
        var reader = new MqttFrameReader(1024);
        FrameStatus status = FrameStatus.NeedMore;
        for (int i = 0; i < n; i++)
        {
            status = reader.Feed(buf[i]);
        }

        var into = new MqttPacket();
        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(DecodeStatus.Ok, MqttDecoder.Decode(reader.Header, reader.Body, reader.BodyLength, into));
        Assert.Equal(payload, reader.Body[into.PayloadOffset..(into.PayloadOffset + into.PayloadLength)]);
        Assert.Equal(77, into.PacketId);
    }

    [Fact]
    public void FrameReader_PublishOverTheCap_ReadPastAsCutAndTheNextPacketFramesWhole()
    {
        var buf = new byte[400];
        byte[] payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        int n = MqttEncoder.Publish(buf, 0, "site/config/set", payload, 0, 300, MqttQos.AtLeastOnce, false, false, 9);
        n += MqttEncoder.PubAck(buf, n, 4);
        var reader = new MqttFrameReader(64);
        var statuses = new List<FrameStatus>();
        var into = new MqttPacket();
        for (int i = 0; i < n; i++)
        {
            FrameStatus status = reader.Feed(buf[i]);
            if (status == FrameStatus.Cut)
            {
                Assert.Equal((64, 2 + 15 + 2 + 300), (reader.BodyLength, reader.DeclaredLength));
                Assert.Equal(DecodeStatus.Ok, MqttDecoder.Decode(reader.Header, reader.Body, reader.BodyLength, into));
                Assert.Equal(("site/config/set", 9, 64 - 19), (into.Topic, into.PacketId, into.PayloadLength));
                Assert.Equal(payload[..into.PayloadLength], reader.Body[into.PayloadOffset..64]);
            }

            if (status != FrameStatus.NeedMore)
            {
                statuses.Add(status);
            }
        }

        Assert.Equal([FrameStatus.Cut, FrameStatus.Complete], statuses);
        Assert.Equal(DecodeStatus.Ok, MqttDecoder.Decode(reader.Header, reader.Body, reader.BodyLength, into));
        Assert.Equal((MqttPacketType.PubAck, 4), (into.Type, into.PacketId));
    }

    [Theory]
    [InlineData(0xD0, 65, 4096)]
    [InlineData(0x90, 65, 4096)]
    [InlineData(0x30, 64 + 4096 + 1, 4096)]
    public void FrameReader_OtherPacketOverTheCapOrPublishPastTheSkipAllowance_IsTooLarge(byte header, int length, int skipped)
    {
        var reader = new MqttFrameReader(64, skipped);
        var encoded = new byte[4];
        reader.Feed(header);
        FrameStatus last = FrameStatus.NeedMore;
        for (int i = 0, k = RemainingLength.Encode(length, encoded, 0); i < k; i++)
        {
            last = reader.Feed(encoded[i]);
        }

        Assert.Equal(FrameStatus.TooLarge, last);
    }
}
