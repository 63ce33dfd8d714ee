using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;
using EnergyLogger.Host.Storage;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.SessionDriver;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>Custom-MQTT mode on a real mosquitto, with TLS and without: PUBACK empties the outbox, retained status and will, results.</summary>
public sealed class CustomBrokerTests : IClassFixture<MosquittoBroker>, IDisposable
{
    private const string Prefix = "el/energy-logger-020000ABCDEF";
    private readonly MosquittoBroker _broker;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-custom-" + Guid.NewGuid().ToString("N")[..12]);

    public CustomBrokerTests(MosquittoBroker broker)
    {
        _broker = broker;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Telemetry_DeliveredToSubscriberAndOutboxEmptiedByPubAck(bool tls)
    {
        using MqttNetSession watcher = NewClient();
        Assert.True(watcher.Connect(Options(_broker, tls ? _broker.TlsPort : _broker.PlainPort, "watcher-" + tls, tls)).IsAccepted);
        watcher.Subscribe(Prefix + "/#", MqttQos.AtLeastOnce);
        Assert.True(watcher.Publish(Prefix + "/probe", [1], 0, 1, MqttQos.AtLeastOnce, false) > 0);
        Assert.NotNull(WaitFor(watcher, MqttEventKind.Message, Prefix + "/probe"));

        var clock = new SystemClock();
        var store = new DirectoryFileStore(_dir);
        var outbox = new Outbox(store, new OutboxOptions());
        outbox.Open();
        var counters = new CloudCounters();
        var host = new IntegrationHost();
        var settings = new CloudSettings { Connection = Options(_broker, tls ? _broker.TlsPort : _broker.PlainPort, "energy-logger-020000ABCDEF", tls) };
        CustomMqttDialect.ConfigureWill(settings.Connection, Prefix);
        using var client = new MqttNetSession(clock);
        var uplink = new TelemetryUplink([outbox], settings, outbox.Options.MaxBatchBytes, 1);
        var commands = new CommandCenter([new VersionCommand(host)], 8, 2048, counters);
        var protocol = new CloudSession(client, new CustomMqttDialect(Prefix, [""], null), uplink, commands, new ConfigApplier(new ConfigStore(store), host, counters),
            host, host, host, settings, counters);
        var link = new CloudLink(client, clock, settings, protocol, counters, 5);

        for (int i = 0; i < 5; i++)
        {
            byte[] s = Encoding.ASCII.GetBytes("{\"n\":" + i + "}");
            outbox.Append(s, 0, s.Length);
        }

        var seen = new List<MqttEvent>();
        DateTime end = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < end && (outbox.Pending > 0 || !seen.Any(e => e.Topic == Prefix + "/telemetry")))
        {
            link.Tick();
            var e = new MqttEvent();
            while (watcher.Poll(e))
            {
                seen.Add(e);
                e = new MqttEvent();
            }

            Thread.Sleep(10);
        }

        Assert.Equal(0, outbox.Pending);
        Assert.Equal("[{\"n\":0},{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4}]", Text(seen.First(e => e.Topic == Prefix + "/telemetry")));
        Assert.Equal("online", Text(seen.First(e => e.Topic == Prefix + "/status")));

        // The will marks the logger offline when it vanishes without DISCONNECT.
        client.Dispose();
        MqttEvent? offline = WaitFor(watcher, MqttEventKind.Message, Prefix + "/status");
        Assert.Equal("offline", offline is null ? null : Text(offline));
    }
}
