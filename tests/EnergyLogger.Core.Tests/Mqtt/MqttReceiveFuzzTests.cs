using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using Xunit;

namespace EnergyLogger.Core.Tests.Mqtt;

/// <summary>The seeded mutation loop over the MQTT receive path (RELIABILITY, Fuzzing; C5).</summary>
public class MqttReceiveFuzzTests
{
    private const int Cap = 2048;

    private static readonly byte[][] Seeds =
    [
        [0x20, 0x02, 0x00, 0x00],
        [0x40, 0x02, 0x00, 0x0A],
        [0x90, 0x03, 0x00, 0x0A, 0x01],
        [0xD0, 0x00],
        [0x32, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A, (byte)'[', (byte)'1', (byte)']'],
        [0x30, 0x80, 0x01, .. new byte[128]],
        [0x30, 0xFF, 0xFF, 0xFF, 0x7F],
        [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
    ];

    [Fact]
    public void Fuzz_MutatedServerStreams_OnlyDocumentedOutcomesAndBoundedBuffer()
    {
        var random = new Random(20260117);
        var statuses = new HashSet<string>();
        for (int round = 0; round < 20_000; round++)
        {
            byte[] stream = Mutate(random, Concat(random));
            var reader = new MqttFrameReader(Cap);
            var packet = new MqttPacket();
            foreach (byte b in stream)
            {
                FrameStatus status = reader.Feed(b);
                Assert.True(Enum.IsDefined(status));
                Assert.InRange(reader.BodyLength, 0, RemainingLength.Max);
                if (status is FrameStatus.MalformedLength or FrameStatus.TooLarge)
                {
                    statuses.Add(status.ToString());
                    break;
                }

                if (status == FrameStatus.Complete)
                {
                    Assert.InRange(reader.BodyLength, 0, Cap);
                    DecodeStatus decoded = MqttDecoder.Decode(reader.Header, reader.Body, reader.BodyLength, packet);
                    Assert.True(Enum.IsDefined(decoded));
                    statuses.Add(decoded.ToString());
                    if (decoded == DecodeStatus.Ok && packet.Type == MqttPacketType.Publish)
                    {
                        Assert.InRange(packet.PayloadOffset + packet.PayloadLength, 0, reader.BodyLength);
                        Assert.NotNull(packet.Topic);
                        Assert.True(packet.Qos is MqttQos.AtMostOnce or MqttQos.AtLeastOnce);
                    }

                    if (decoded != DecodeStatus.Ok)
                    {
                        break;
                    }
                }
            }

            Assert.Equal(Cap, reader.Body.Length);
        }

        // The loop must reach the failure paths, not only the happy ones.
        foreach (string expected in new[] { "Ok", "TooLarge", "MalformedLength", "BadLength", "UnexpectedType", "BadFlags" })
        {
            Assert.Contains(expected, statuses);
        }
    }

    private static byte[] Concat(Random random)
    {
        var stream = new List<byte>();
        int count = random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            stream.AddRange(Seeds[random.Next(Seeds.Length)]);
        }

        return stream.ToArray();
    }

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        int edits = random.Next(0, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
