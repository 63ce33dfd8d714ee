using System.Text;
using EnergyLogger.Host.Sub;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

public sealed class TopicPrinterTests
{
    private const string P = "energylogger/energy-logger-02454C000001";

    private static string One(string topic, string payload) =>
        Assert.Single(TopicPrinter.Describe(topic, Encoding.UTF8.GetBytes(payload), TimeZoneInfo.Utc));

    [Theory]
    [InlineData(P + "/status", "online", "energy-logger-02454C000001  status     online")]
    [InlineData(P + "/command/ping", "[{\"id\":7,\"payload\":{}}]", "energy-logger-02454C000001  command    ping #7 {}")]
    [InlineData(P + "/result/ping", "[{\"id\":7,\"statusCode\":200,\"reasonPhrase\":\"pong\",\"payload\":{\"uptime\":42}}]",
        "energy-logger-02454C000001  result     ping #7: 200 pong {\"uptime\":42}")]
    [InlineData(P + "/config/set", "{\"configId\":\"c-12\",\"config\":{}}", "energy-logger-02454C000001  config     offered c-12 (31 bytes)")]
    [InlineData(P + "/config/status", "{\"configId\":\"c-12\",\"statusCode\":400,\"reasonPhrase\":\"points[3]: no address\"}",
        "energy-logger-02454C000001  config     c-12: 400 points[3]: no address")]
    [InlineData(P + "/metadata", "{\"model\":\"Deye\",\"fw\":{\"version\":\"1.0.0\"}}", "energy-logger-02454C000001  metadata   model=Deye, fw.version=1.0.0")]
    [InlineData("other/topic", "hello", "other/topic hello")]
    public void Describe_ALoggersMessage_OneDecodedLine(string topic, string payload, string expected) =>
        Assert.Equal(expected, One(topic, payload));

    [Fact]
    public void Describe_ATelemetryBatch_OneLinePerSampleInWords()
    {
        string batch = "[" + ToolSamples.Json(1000000001, ToolSamples.Day.AddHours(12), 2400, 500, 1500, 77, 400, 1, 0, 0) + ","
            + ToolSamples.Json(1000000002, ToolSamples.Day.AddHours(12.25), 2400, 500, 0, 77, 1900, 1, 0, 0, ",\"q\":{\"grid.frequency\":\"stale\"}") + "]";
        List<string> lines = TopicPrinter.Describe(P + "/telemetry", Encoding.UTF8.GetBytes(batch), TimeZoneInfo.Utc);
        Assert.Equal(
        [
            "energy-logger-02454C000001  sample     12:00:00 seq 1000000001: solar producing 2.4 kW, battery charging 1.5 kW at 77%, house using 0.5 kW, grid exporting 0.4 kW",
            "energy-logger-02454C000001  sample     12:15:00 seq 1000000002: solar producing 2.4 kW, battery idle at 77%, house using 0.5 kW, grid exporting 1.9 kW; not trusted: grid.frequency stale",
        ], lines);
    }

    [Fact]
    public void Describe_AnUnreadableSample_SaysSoAndKeepsGoing() =>
        Assert.StartsWith("energy-logger-02454C000001  sample     unreadable: not JSON", One(P + "/telemetry", "{\"v\":1,"));
}
