using System.Text.Json;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>The Kaa protocol end to end: the logger and a Kaa-like responder on a real mosquitto over TLS.</summary>
public sealed class KaaBrokerTests : IDisposable
{
    private const string Prefix = "kp1/" + LoggerUnderTest.App + "/";
    private readonly MosquittoBroker _broker = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-outbox-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        _broker.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Session_OverTls_ShapesAcceptedTelemetryAcknowledgedConfigAndCommandsAnswered()
    {
        using var kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        using var logger = new LoggerUnderTest(_broker, _broker.TlsPort, _dir);
        logger.Run(TimeSpan.FromSeconds(10), produceEveryMs: 100, until: () => logger.Produced >= 20);
        logger.Run(TimeSpan.FromSeconds(10), until: () => logger.Outbox.Pending == 0);
        Assert.Equal(0, logger.Outbox.Pending);
        Assert.Equal(logger.Produced, logger.Outbox.Counters.Acknowledged);
        Assert.Equal(Enumerable.Range(0, logger.Produced), kaa.Samples.Select(s => s.GetProperty("n").GetInt32()).Distinct().Order());

        // A.4.1 order as the server saw it.
        string[] order = kaa.Requests.Select(r => r.Topic.Split('/')[2]).Distinct().ToArray();
        Assert.Equal(["epmx", "cmx", "cmx_ota", "cex", "dcx"], order);

        string config = "{\"configId\":\"c-1\",\"config\":{\"map\":{\"format\":\"energylogger-map/1\",\"name\":\"x\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],\"points\":[]}}}";
        kaa.Publish(Prefix + "cmx/" + LoggerUnderTest.Token + "/config/json/status", config);
        kaa.Publish(Prefix + "cex/" + LoggerUnderTest.Token + "/command/get_version/status", "[{\"id\":77,\"payload\":{}}]");
        logger.Run(TimeSpan.FromSeconds(10), until: () => kaa.On("cex").Any(r => r.Topic.Contains("/result/")) && kaa.On("cmx").Any(r => r.Topic.Contains("/applied/")));

        Assert.Equal("c-1", Assert.Single(logger.Host.Applied).Id);
        (string _, string applied) = kaa.On("cmx").Single(r => r.Topic.Contains("/applied/json/"));
        Assert.Equal("{\"configId\":\"c-1\",\"statusCode\":200}", applied);
        (string _, string result) = kaa.On("cex").Single(r => r.Topic.Contains("/result/get_version/"));
        JsonElement r = JsonDocument.Parse(result).RootElement[0];
        Assert.Equal((77, 200, "0.1.11"), (r.GetProperty("id").GetInt32(), r.GetProperty("statusCode").GetInt32(), r.GetProperty("payload").GetProperty("fw").GetString()));
        Assert.Empty(kaa.Violations);
    }

    [Fact]
    public void C1_BrokerRestartShortOutage_ZeroSamplesLost()
    {
        using var kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        using var logger = new LoggerUnderTest(_broker, _broker.TlsPort, _dir);
        logger.Run(TimeSpan.FromSeconds(5), produceEveryMs: 50, until: () => logger.Produced >= 20);

        _broker.Stop();
        logger.Run(TimeSpan.FromSeconds(3), produceEveryMs: 50);
        Assert.True(logger.Outbox.Pending > 0);
        _broker.Start();
        Assert.True(WaitUntil(() => kaa.Ready && kaa.Requests.Count >= 0, TimeSpan.FromSeconds(10)));

        logger.Run(TimeSpan.FromSeconds(3), produceEveryMs: 50);
        logger.Run(TimeSpan.FromSeconds(20), until: () => logger.Outbox.Pending == 0);

        Assert.True(logger.Counters.ConnectionsLost >= 1);
        Assert.Equal(0, logger.Outbox.Pending);
        Assert.Equal(0, logger.Outbox.Counters.Dropped);
        Assert.Equal(logger.Produced, logger.Outbox.Counters.Acknowledged);
        // Every sample reached the server at least once (a batch in flight at the cut may arrive twice).
        Assert.Equal(Enumerable.Range(0, logger.Produced), kaa.Samples.Select(s => s.GetProperty("n").GetInt32()).Distinct().Order());
        Assert.Empty(kaa.Violations);
    }

    [Fact]
    public void Outbox_SurvivesLoggerRestart_SamplesProducedOfflineDeliveredByTheNextRun()
    {
        using (var offline = new LoggerUnderTest(_broker, MosquittoBroker.FreePort(), _dir))
        {
            for (int i = 0; i < 30; i++)
            {
                offline.Produce();
            }

            offline.Run(TimeSpan.FromMilliseconds(500));
            Assert.Equal(30, offline.Outbox.Pending);
        }

        using var kaa = new KaaLikeResponder(_broker, _broker.TlsPort);
        using var logger = new LoggerUnderTest(_broker, _broker.TlsPort, _dir);
        Assert.Equal(30, logger.Outbox.Counters.Restored);
        logger.Run(TimeSpan.FromSeconds(10), until: () => logger.Outbox.Pending == 0);
        Assert.Equal(Enumerable.Range(0, 30), kaa.Samples.Select(s => s.GetProperty("n").GetInt32()).Distinct().Order());
        Assert.Empty(Directory.GetFiles(_dir, "ob*.seg"));
    }
}
