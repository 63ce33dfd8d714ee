using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Integration.Tests.Cloud;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.EndToEnd;

/// <summary>
/// <c>energylogger run</c> in custom-MQTT mode on mosquitto, sent a config larger than its MQTT client's packet cap:
/// the cloud gets a 413 under the config's id, and the logger keeps its connection (RELIABILITY C6).
/// </summary>
public sealed class OversizedConfigTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>, IDisposable
{
    private const string Prefix = "el-e2e/oversized";

    private readonly string _dir = Directory.CreateTempSubdirectory("el-oversized-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void C6_ConfigLargerThanThePacketCap_Answered413UnderItsIdAndTheConnectionKept()
    {
        var bus = new TcpListener(IPAddress.Loopback, 0);
        bus.Start();
        try
        {
            string config = Path.Combine(_dir, "logger.json");
            File.WriteAllText(config, $$$"""
                {"bus":{"tcp":"127.0.0.1:{{{((IPEndPoint)bus.LocalEndpoint).Port}}}"},"data":"data","mac":"02:00:00:00:0E:01",
                 "settings":{"cloud.mode":"mqtt","mqtt.host":"localhost","mqtt.port":"{{{broker.PlainPort}}}","mqtt.tls":"off","mqtt.prefix":"{{{Prefix}}}"}}
                """);
            using LoggerProcess logger = LoggerProcess.Start("--config", config);
            logger.WaitFor(l => l.Contains("mqtt=connected", StringComparison.Ordinal), Patience);

            using MqttNetSession cloud = NewClient();
            Assert.True(cloud.Connect(Options(broker, broker.PlainPort, "oversized-cloud", tls: false)).IsAccepted);
            Assert.True(cloud.Subscribe(Prefix + "/config/status", MqttQos.AtLeastOnce));
            Thread.Sleep(300);
            byte[] huge = Encoding.ASCII.GetBytes("{\"configId\":\"huge-1\",\"config\":{\"map\":{\"name\":\"" + new string('x', MqttNetSession.DefaultMaxPacketBytes + 50_000) + "\"}}}");
            Assert.True(cloud.Publish(Prefix + "/config/set", huge, 0, huge.Length, MqttQos.AtLeastOnce, false) > 0);

            MqttEvent? report = WaitFor(cloud, MqttEventKind.Message, Prefix + "/config/status");
            Assert.True(report is not null, logger.Log);
            using JsonDocument status = JsonDocument.Parse(Text(report));
            Assert.Equal(("huge-1", 413), (status.RootElement.GetProperty("configId").GetString(), status.RootElement.GetProperty("statusCode").GetInt32()));
            Assert.Contains($"{huge.Length} bytes", status.RootElement.GetProperty("reasonPhrase").GetString());
            Assert.DoesNotContain(logger.Lines, l => l.Contains("mqtt=failed", StringComparison.Ordinal));
            Assert.Equal(0, logger.Terminate(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            bus.Stop();
        }
    }
}
