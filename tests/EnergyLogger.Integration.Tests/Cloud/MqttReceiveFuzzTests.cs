using System.Diagnostics;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>
/// The seeded mutation loop over the host's MQTT receive path (RELIABILITY, Fuzzing; C5): mutated streams of server
/// packets sent after a CONNACK by a hostile server to the real session (MQTTnet under the packet guard). Each must end
/// in a documented outcome, in bounded time: the connection lost with a reason, or kept with only well-formed events.
/// </summary>
public sealed class MqttReceiveFuzzTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private static readonly byte[][] Seeds =
    [
        [0x40, 0x02, 0x00, 0x0A],
        [0x90, 0x03, 0x00, 0x0A, 0x01],
        [0xD0, 0x00],
        [0x30, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', (byte)'[', (byte)'1', (byte)']', (byte)'x', (byte)'y'],
        [0x32, 0x0A, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A, (byte)'[', (byte)'1', (byte)']'],
        [0x30, 0xFF, 0xFF, 0xFF, 0x7F],
        [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
    ];

    [Fact]
    public void Fuzz_MutatedServerStreams_LostWithAReasonOrKeptWithWellFormedEvents()
    {
        var random = new Random(20261207);
        using var hostile = new HostileBroker();
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(broker, hostile.Port, "energy-logger-fuzz", tls: false);
        int lost = 0;
        int kept = 0;
        for (int round = 0; round < 60; round++)
        {
            hostile.AfterConnAck = Mutate(random, Concat(random));
            var watch = Stopwatch.StartNew();
            MqttConnectResult result = client.Connect(options);
            if (!result.IsAccepted)
            {
                // The stream cut the CONNACK's moment short: a refusal with a reason is a documented outcome too.
                Assert.False(string.IsNullOrEmpty(result.Reason));
                continue;
            }

            var seen = new List<MqttEvent>();
            MqttEvent? gone = WaitFor(client, MqttEventKind.ConnectionLost, limit: TimeSpan.FromMilliseconds(300), seen: seen);
            Assert.InRange(watch.ElapsedMilliseconds, 0, 5000);
            foreach (MqttEvent e in seen)
            {
                Assert.True(e.Kind is MqttEventKind.Message or MqttEventKind.Acknowledged, e.Kind.ToString());
                if (e.Kind == MqttEventKind.Message)
                {
                    Assert.NotNull(e.Topic);
                    Assert.InRange(e.PayloadLength, 0, MqttNetSession.DefaultMaxPacketBytes);
                }
            }

            if (gone is null)
            {
                kept++;
                Assert.True(client.IsConnected);
            }
            else
            {
                lost++;
                Assert.False(string.IsNullOrEmpty(gone.Reason));
                Assert.False(client.IsConnected);
            }
        }

        // The loop must reach both outcomes, not only the happy one.
        Assert.True(lost > 0 && kept > 0, $"lost {lost}, kept {kept}");
    }

    private static byte[] Concat(Random random)
    {
        var stream = new List<byte>();
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            stream.AddRange(Seeds[random.Next(Seeds.Length)]);
        }

        return stream.ToArray();
    }

    private static byte[] Mutate(Random random, byte[] stream)
    {
        byte[] mutated = (byte[])stream.Clone();
        int flips = random.Next(0, 3);
        for (int i = 0; i < flips && mutated.Length > 0; i++)
        {
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
        }

        return random.Next(4) == 0 && mutated.Length > 1 ? mutated[..random.Next(1, mutated.Length)] : mutated;
    }
}
