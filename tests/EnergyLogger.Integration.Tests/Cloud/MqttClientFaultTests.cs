using System.Diagnostics;
using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>RELIABILITY C2, C3 and C5 for the host client, with a relay that stalls or cuts the real broker and a hostile server.</summary>
public sealed class MqttClientFaultTests : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker;

    public MqttClientFaultTests(MosquittoBroker broker)
    {
        _broker = broker;
    }

    [Fact]
    public void C2_DropAfterPublishBeforePubAck_ResentWithDupAndAcknowledgedOnce()
    {
        using var proxy = new FaultProxy(_broker.TlsPort);
        using MqttNetSession watcher = NewClient();
        Assert.True(watcher.Connect(Options(_broker, _broker.TlsPort, "energy-logger-c2-watch")).IsAccepted);
        Assert.True(watcher.Subscribe("el/test/c2", MqttQos.AtLeastOnce));

        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, proxy.Port, "energy-logger-c2");
        options.CleanSession = false;
        Assert.True(client.Connect(options).IsAccepted);

        proxy.HoldFromBroker = true;
        byte[] payload = Encoding.UTF8.GetBytes("batch-1");
        int id = client.Publish("el/test/c2", payload, 0, payload.Length, MqttQos.AtLeastOnce, false);
        Assert.True(id > 0);
        Thread.Sleep(200);
        proxy.Cut();
        proxy.HoldFromBroker = false;
        Assert.NotNull(WaitFor(client, MqttEventKind.ConnectionLost));
        Assert.Equal(1, client.InFlightCount);

        Assert.True(client.Connect(options).IsAccepted);
        Assert.Equal(1, client.Counters.Resent);
        MqttEvent? ack = WaitFor(client, MqttEventKind.Acknowledged);
        Assert.Equal(id, ack?.MessageId);
        Assert.Equal(0, client.InFlightCount);
        Assert.Null(WaitFor(client, MqttEventKind.Acknowledged, limit: TimeSpan.FromMilliseconds(300)));

        // At least once: the watcher sees the batch (twice is allowed, never zero times).
        MqttEvent? delivered = WaitFor(watcher, MqttEventKind.Message, "el/test/c2");
        Assert.Equal("batch-1", delivered is null ? null : Text(delivered));
    }

    [Fact]
    public void C2_CleanSessionReconnect_DropsInFlightSoTheOwnerResends()
    {
        using var proxy = new FaultProxy(_broker.TlsPort);
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, proxy.Port, "energy-logger-c2-clean");
        Assert.True(client.Connect(options).IsAccepted);
        proxy.HoldFromBroker = true;
        Assert.True(client.Publish("el/test/c2clean", [1], 0, 1, MqttQos.AtLeastOnce, false) > 0);
        proxy.Cut();
        proxy.HoldFromBroker = false;
        Assert.NotNull(WaitFor(client, MqttEventKind.ConnectionLost));

        Assert.True(client.Connect(options).IsAccepted);
        Assert.Equal(0, client.InFlightCount);
        Assert.Equal(0, client.Counters.Resent);
    }

    [Fact]
    public void C3_BrokerSilentHalfOpen_DetectedWithinOneAndAHalfKeepAliveThenReconnects()
    {
        using var proxy = new FaultProxy(_broker.TlsPort);
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, proxy.Port, "energy-logger-c3");
        options.KeepAliveSeconds = 2;
        Assert.True(client.Connect(options).IsAccepted);

        proxy.HoldFromBroker = true;
        proxy.HoldToBroker = true;
        var watch = Stopwatch.StartNew();
        MqttEvent? lost = WaitFor(client, MqttEventKind.ConnectionLost, limit: TimeSpan.FromSeconds(6));
        watch.Stop();
        Assert.NotNull(lost);
        Assert.Contains("PINGREQ", lost.Reason);
        Assert.InRange(watch.ElapsedMilliseconds, 0, 3000);
        Assert.Equal(1, client.Counters.KeepAliveExpired);

        proxy.HoldFromBroker = false;
        proxy.HoldToBroker = false;
        Assert.True(client.Connect(options).IsAccepted);
        Assert.True(client.Publish("el/test/c3", [1], 0, 1, MqttQos.AtLeastOnce, false) > 0);
        Assert.NotNull(WaitFor(client, MqttEventKind.Acknowledged));
    }

    [Fact]
    public void C3_IdleButHealthy_PingsKeepTheConnection()
    {
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, _broker.TlsPort, "energy-logger-c3-idle");
        options.KeepAliveSeconds = 1;
        Assert.True(client.Connect(options).IsAccepted);
        Assert.Null(WaitFor(client, MqttEventKind.ConnectionLost, limit: TimeSpan.FromSeconds(3)));
        Assert.True(client.IsConnected);
        Assert.InRange(client.Counters.Pings, 2, 20);
    }

    [Fact]
    public void C5_PublishOverThePacketCap_DeliveredCutWithItsFullLengthAndTheConnectionKept()
    {
        using var client = new MqttNetSession(new SystemClock(), maxPacketBytes: 4096);
        Assert.True(client.Connect(Options(_broker, _broker.TlsPort, "energy-logger-c5-cut")).IsAccepted);
        Assert.True(client.Subscribe("el/test/cut", MqttQos.AtLeastOnce));
        using MqttNetSession sender = NewClient();
        Assert.True(sender.Connect(Options(_broker, _broker.TlsPort, "energy-logger-c5-sender")).IsAccepted);
        Thread.Sleep(300);

        byte[] big = Encoding.ASCII.GetBytes("{\"configId\":\"big-1\",\"pad\":\"" + new string('x', 20_000) + "\"}");
        byte[] after = Encoding.ASCII.GetBytes("after");
        Assert.True(sender.Publish("el/test/cut", big, 0, big.Length, MqttQos.AtLeastOnce, false) > 0);
        Assert.True(sender.Publish("el/test/cut", after, 0, after.Length, MqttQos.AtLeastOnce, false) > 0);

        MqttEvent? cut = WaitFor(client, MqttEventKind.Message, "el/test/cut");
        Assert.NotNull(cut);
        Assert.True(cut.Truncated);
        Assert.Equal(big.Length, cut.MessageLength);
        Assert.StartsWith("{\"configId\":\"big-1\",", Text(cut));
        MqttEvent? next = WaitFor(client, MqttEventKind.Message, "el/test/cut");
        Assert.Equal(("after", false), (next is null ? null : Text(next), next?.Truncated));
        Assert.True(client.IsConnected);
        Assert.Equal((0, 1, 0), (client.Counters.Malformed, client.Counters.MessagesCut, client.Counters.ConnectionsLost));
    }

    /// <summary>An owner that stops polling costs bounded memory: the queue keeps 512 events and counts the messages past them.</summary>
    [Fact]
    public void C5_OwnerNotPolling_EventQueueBoundedAndTheRestCounted()
    {
        using MqttNetSession client = NewClient();
        Assert.True(client.Connect(Options(_broker, _broker.TlsPort, "energy-logger-c5-queue")).IsAccepted);
        Assert.True(client.Subscribe("el/test/queue", MqttQos.AtMostOnce));
        using MqttNetSession sender = NewClient();
        Assert.True(sender.Connect(Options(_broker, _broker.TlsPort, "energy-logger-c5-queue-sender")).IsAccepted);
        Thread.Sleep(300);

        const int Sent = MqttNetSession.MaxQueuedEvents + 88;
        for (int i = 0; i < Sent; i++)
        {
            byte[] payload = Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, sender.Publish("el/test/queue", payload, 0, payload.Length, MqttQos.AtMostOnce, false));
        }

        var watch = Stopwatch.StartNew();
        while (client.Counters.Received < Sent && watch.Elapsed < Patience)
        {
            Thread.Sleep(20);
        }

        var e = new MqttEvent();
        int messages = 0;
        while (client.Poll(e))
        {
            messages += e.Kind == MqttEventKind.Message ? 1 : 0;
        }

        Assert.Equal((Sent, MqttNetSession.MaxQueuedEvents, 88), (client.Counters.Received, messages, client.Counters.MessagesDropped));
        Assert.True(client.IsConnected);
    }

    public static TheoryData<byte[], string> Hostile => new()
    {
        { [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "Remaining length is invalid" },
        { [0xF0, 0x00], "malformed packet" },
        { [0x30, 0xFF, 0xFF, 0xFF, 0x7F], "packet larger than" },
        { [0x20, 0x02, 0x00, 0x00], "malformed packet" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void C5_MalformedFromBroker_ClosesAndReconnects(byte[] garbage, string reason)
    {
        using var hostile = new HostileBroker { AfterConnAck = garbage };
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, hostile.Port, "energy-logger-c5", tls: false);
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True(client.Connect(options).IsAccepted);
            MqttEvent? lost = WaitFor(client, MqttEventKind.ConnectionLost);
            Assert.NotNull(lost);
            Assert.Contains(reason, lost.Reason);
            Assert.False(client.IsConnected);
            Assert.Equal(attempt, client.Counters.Malformed);
        }

        Assert.Equal(3, hostile.Accepted);
    }

    /// <summary>
    /// A PUBACK one byte too long (the MQTT 5 shape, with a reason code) is read as the PUBACK it names, as MQTTnet reads
    /// it: for an id the logger never sent it acknowledges nothing, and the connection stays.
    /// </summary>
    [Fact]
    public void C5_PubAckWithATrailingByteForAnUnknownId_AcknowledgesNothing()
    {
        using var hostile = new HostileBroker { AfterConnAck = [0x40, 0x03, 0x00, 0x01, 0x00] };
        using MqttNetSession client = NewClient();
        Assert.True(client.Connect(Options(_broker, hostile.Port, "energy-logger-c5-puback", tls: false)).IsAccepted);
        var seen = new List<MqttEvent>();
        Assert.Null(WaitFor(client, MqttEventKind.ConnectionLost, limit: TimeSpan.FromSeconds(1), seen: seen));
        Assert.Empty(seen);
        Assert.True(client.IsConnected);
        Assert.Equal(0, client.Counters.Acknowledged);
    }
}
