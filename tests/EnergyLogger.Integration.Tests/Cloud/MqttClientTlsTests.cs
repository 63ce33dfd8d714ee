using System.Security.Authentication;
using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>The host MQTT client against a real mosquitto over TLS (1.3 where offered, never below 1.2) with certificates made by the test.</summary>
public sealed class MqttClientTlsTests : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker;

    public MqttClientTlsTests(MosquittoBroker broker)
    {
        _broker = broker;
    }

    [Fact]
    public void Connect_GoodCertificate_PublishesQos1AndGetsPubAckAndOwnMessage()
    {
        using MqttNetSession client = NewClient();
        MqttConnectResult result = client.Connect(Options(_broker, _broker.TlsPort, "energy-logger-AABBCCDDEEFF"));
        Assert.True(result.IsAccepted, result.Reason + _broker.Log);
        // mosquitto's tls_version is a minimum (1.2, what the device speaks); it offers 1.3, and the host takes it.
        Assert.Equal(SslProtocols.Tls13, client.TlsProtocol);
        Assert.True(client.Subscribe("el/test/roundtrip", MqttQos.AtLeastOnce));

        byte[] payload = Encoding.UTF8.GetBytes("[{\"v\":1}]");
        int id = client.Publish("el/test/roundtrip", payload, 0, payload.Length, MqttQos.AtLeastOnce, false);
        Assert.True(id > 0);
        var seen = new List<MqttEvent>();
        MqttEvent? message = WaitFor(client, MqttEventKind.Message, "el/test/roundtrip", seen: seen);
        Assert.NotNull(message);
        Assert.Equal("[{\"v\":1}]", Text(message));
        if (!seen.Any(e => e.Kind == MqttEventKind.Acknowledged && e.MessageId == id))
        {
            Assert.Equal(id, WaitFor(client, MqttEventKind.Acknowledged)?.MessageId);
        }

        Assert.Equal(0, client.InFlightCount);
        client.Disconnect();
        Assert.False(client.IsConnected);
    }

    [Theory]
    [InlineData("expired", "expired certificate")]
    [InlineData("wronghost", "wrong host name")]
    [InlineData("unknownca", "unknown CA")]
    public void C4_BadServerCertificate_RefusedWithReasonAndNoPlaintext(string which, string reason)
    {
        int port = which switch
        {
            "expired" => _broker.ExpiredPort,
            "wronghost" => _broker.WrongHostPort,
            _ => _broker.UnknownCaPort,
        };
        using MqttNetSession client = NewClient();
        MqttConnectResult result = client.Connect(Options(_broker, port, "energy-logger-C4"));
        Assert.Equal(MqttConnectStatus.TlsRejected, result.Status);
        Assert.Contains(reason, result.Reason);
        Assert.False(client.IsConnected);
        Assert.Equal(-1, client.Publish("el/test/c4", [1], 0, 1, MqttQos.AtMostOnce, false));
    }

    [Fact]
    public void C4_TlsClientAgainstPlainListener_FailsInsteadOfSpeakingPlaintext()
    {
        using MqttNetSession client = NewClient();
        MqttConnectResult result = client.Connect(Options(_broker, _broker.PlainPort, "energy-logger-C4-plain"));
        Assert.Equal(MqttConnectStatus.TlsRejected, result.Status);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void C4_NoCaConfigured_Refused()
    {
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, _broker.TlsPort, "energy-logger-C4-noca");
        options.CaCertificate = null;
        MqttConnectResult result = client.Connect(options);
        Assert.Equal(MqttConnectStatus.TlsRejected, result.Status);
    }

    [Theory]
    [InlineData(MosquittoBroker.Password, MqttConnectStatus.Accepted)]
    [InlineData("wrong", MqttConnectStatus.NotAuthorized)]
    public void Connect_Credentials_AcceptedOrRefusedByConnAck(string password, MqttConnectStatus expected)
    {
        using MqttNetSession client = NewClient();
        MqttConnectOptions options = Options(_broker, _broker.AuthPort, "energy-logger-auth");
        options.Username = MosquittoBroker.User;
        options.Password = password;
        MqttConnectResult result = client.Connect(options);
        // mosquitto answers a bad password with 5 (not authorised); some brokers use 4 (bad user name or password).
        Assert.True(result.Status == expected || (expected == MqttConnectStatus.NotAuthorized && result.Status == MqttConnectStatus.BadCredentials), result.Reason);
    }

    [Fact]
    public void Connect_UnreachablePort_NetworkError()
    {
        using MqttNetSession client = NewClient();
        MqttConnectResult result = client.Connect(Options(_broker, MosquittoBroker.FreePort(), "energy-logger-down"));
        Assert.Equal(MqttConnectStatus.NetworkError, result.Status);
    }

    [Fact]
    public void Will_ConnectionCut_BrokerPublishesWill()
    {
        using var proxy = new FaultProxy(_broker.TlsPort);
        using MqttNetSession watcher = NewClient();
        Assert.True(watcher.Connect(Options(_broker, _broker.TlsPort, "energy-logger-watcher")).IsAccepted);
        Assert.True(watcher.Subscribe("el/test/will/status", MqttQos.AtLeastOnce));

        using MqttNetSession logger = NewClient();
        MqttConnectOptions options = Options(_broker, proxy.Port, "energy-logger-will");
        options.WillTopic = "el/test/will/status";
        options.WillPayload = Encoding.UTF8.GetBytes("offline");
        options.WillQos = MqttQos.AtLeastOnce;
        Assert.True(logger.Connect(options).IsAccepted);
        // A round trip through the watcher proves its subscription is in place before the cut.
        Assert.True(watcher.Publish("el/test/will/status", "online"u8.ToArray(), 0, 6, MqttQos.AtLeastOnce, false) > 0);
        Assert.NotNull(WaitFor(watcher, MqttEventKind.Message, "el/test/will/status"));

        proxy.Cut();
        MqttEvent? will = WaitFor(watcher, MqttEventKind.Message, "el/test/will/status");
        Assert.NotNull(will);
        Assert.Equal("offline", Text(will));
    }
}
