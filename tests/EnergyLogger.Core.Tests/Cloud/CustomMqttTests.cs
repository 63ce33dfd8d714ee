using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>Custom-MQTT mode: the documented topic layout, PUBACK as the outbox acknowledgement, Home Assistant discovery.</summary>
public class CustomMqttTests
{
    private const string P = "energylogger/energy-logger-AABBCCDDEEFF";

    private sealed class Rig
    {
        public Rig(bool discovery = false)
        {
            Clock = new VirtualClock(1_000);
            Session = new FakeMqttSession(Clock);
            Outbox = new Outbox(Store, new OutboxOptions());
            Outbox.Open();
            Uplink = new TelemetryUplink([Outbox], Settings, Outbox.Options.MaxBatchBytes, 1);
            var commands = new CommandCenter([new RebootCommand(), new VersionCommand(Host)], 8, 2048, Counters);
            var ha = discovery ? new HomeAssistantDiscovery(HomeAssistantDiscovery.DefaultPrefix, "energy-logger-AABBCCDDEEFF", P + "/state", P + "/status", Host) : null;
            Protocol = new CloudSession(Session, new CustomMqttDialect(P, ["", "battery1"], ha), Uplink, commands, new ConfigApplier(new ConfigStore(Store), Host, Counters),
                Host, Host, Host, Settings, Counters);
            CustomMqttDialect.ConfigureWill(Settings.Connection, P);
            Link = new CloudLink(Session, Clock, Settings, Protocol, Counters, 3);
        }

        public VirtualClock Clock { get; }

        public MemoryFileStore Store { get; } = new();

        public FakeMqttSession Session { get; }

        public FakeCloudHost Host { get; } = new();

        public CloudSettings Settings { get; } = new();

        public CloudCounters Counters { get; } = new();

        public Outbox Outbox { get; }

        public TelemetryUplink Uplink { get; }

        public CloudSession Protocol { get; }

        public CloudLink Link { get; }

        public void Produce(int n)
        {
            byte[] s = Encoding.ASCII.GetBytes("{\"n\":" + n + "}");
            Outbox.Append(s, 0, s.Length);
        }

        public void Run(int ticks)
        {
            for (int i = 0; i < ticks; i++)
            {
                Clock.Advance(1000);
                Link.Tick();
            }
        }
    }

    [Fact]
    public void OnConnected_SubscribesAndPublishesStatusMetadataAndWill()
    {
        var rig = new Rig();
        rig.Run(1);
        Assert.Equal([P + "/config/set", P + "/command/+", P + "/ota/offer"], rig.Session.Subscriptions);
        Assert.Equal("online", rig.Session.On(P + "/status").Single().Text);
        Assert.StartsWith("{\"fwVersion\":\"1.2.3\"", rig.Session.On(P + "/metadata").Single().Text);
        Assert.Equal((P + "/status", "offline", true), (rig.Settings.Connection.WillTopic, Encoding.UTF8.GetString(rig.Settings.Connection.WillPayload), rig.Settings.Connection.WillRetain));
    }

    [Fact]
    public void Telemetry_PubAckIsTheAcknowledgement()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.Holding = true;
        rig.Produce(1);
        rig.Produce(2);
        rig.Run(1);
        Assert.Equal("[{\"n\":1},{\"n\":2}]", rig.Session.On(P + "/telemetry").Single().Text);
        Assert.Equal(2, rig.Outbox.Pending);

        rig.Session.Holding = false;
        rig.Session.Release();
        rig.Run(1);
        Assert.Equal(0, rig.Outbox.Pending);
        Assert.Equal(1, rig.Counters.BatchesAcknowledged);
    }

    /// <summary>IMqttSession.Publish fails only with a negative result: 0 is a message id like any other.</summary>
    [Fact]
    public void Telemetry_MessageIdZero_SentOnceAndDeletedByItsPubAck()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.NextMessageId = 0;
        rig.Produce(1);
        rig.Run(2);
        Sent batch = Assert.Single(rig.Session.On(P + "/telemetry"));
        Assert.Equal(0, batch.MessageId);
        Assert.Equal((0, 0, 1), (rig.Counters.PublishFailures, rig.Outbox.Pending, rig.Counters.BatchesAcknowledged));
    }

    [Fact]
    public void C2_DropBeforePubAck_BatchResentAfterReconnect()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.Holding = true;
        rig.Produce(1);
        rig.Run(1);
        rig.Session.Drop();
        rig.Session.Holding = false;
        rig.Run(10);
        Assert.Equal(2, rig.Session.On(P + "/telemetry").Count());
        Assert.Equal(0, rig.Outbox.Pending);
        Assert.Equal(1, rig.Outbox.Counters.Acknowledged);
    }

    [Fact]
    public void Config_SetTopic_ValidatedAndReportedRetained()
    {
        var rig = new Rig();
        rig.Run(1);
        string map = MapText.With(MapText.List("""{"name":"p","address":1,"type":"int16","target":"grid.power"}"""));
        rig.Session.Push(P + "/config/set", "{\"configId\":\"a\",\"config\":{\"map\":" + map + "}}");
        rig.Session.Push(P + "/config/set", "{\"configId\":\"b\",\"config\":{\"map\":{}}}");
        rig.Run(1);
        Sent[] reports = rig.Session.On(P + "/config/status").ToArray();
        Assert.Equal("{\"configId\":\"a\",\"statusCode\":200}", reports[0].Text);
        Assert.StartsWith("{\"configId\":\"b\",\"statusCode\":400,\"reasonPhrase\":\"config.map", reports[1].Text);
        Assert.Equal("a", Assert.Single(rig.Host.Applied).Id);
    }

    [Fact]
    public void C6_ConfigLargerThanThePacketCap_Answered413UnderItsIdAndTheConnectionKept()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.PushCut(P + "/config/set", "{\"configId\":\"big-1\",\"config\":{\"map\":{\"format\":\"energylogger-map/1\",\"points\":[", 300_000);
        rig.Run(1);

        Sent report = Assert.Single(rig.Session.On(P + "/config/status"));
        Assert.Equal($"{{\"configId\":\"big-1\",\"statusCode\":413,\"reasonPhrase\":\"config message too large: 300000 bytes, the limit is {ConfigApplier.Limits.MaxBytes}\"}}", report.Text);
        Assert.True(rig.Session.IsConnected);
        Assert.Equal(1, rig.Counters.Connects);
        Assert.Empty(rig.Host.Applied);
    }

    [Theory]
    [InlineData("{\"configId\":\"cut-2\",\"config\":{\"map\":{\"format\":", "cut-2", "config message: unexpected end of document")]
    [InlineData("\uFEFF{ \"configId\" : \"cut-3\", \"config\":{,}}", "cut-3", "config message: expected a member name")]
    [InlineData("{\"config\":{\"configId\":\"inner\"},\"configId\":\"outer\",", "outer", "config message: unexpected end of document")]
    [InlineData("{\"configId\":\"cut-\", \"config\"", "cut-", "config message: unexpected end of document")]
    [InlineData("{\"configId\":\"cut-", "", "config message: unexpected end of document")]
    [InlineData("{\"configId\":7,", "", "config message: unexpected end of document")]
    public void C6_ConfigThatDoesNotParse_ReportedUnderTheIdItStartsWith(string message, string id, string reason)
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.Push(P + "/config/set", message);
        rig.Run(1);

        using JsonDocument report = JsonDocument.Parse(Assert.Single(rig.Session.On(P + "/config/status")).Payload);
        Assert.Equal((id, 400, reason), (report.RootElement.GetProperty("configId").GetString(), report.RootElement.GetProperty("statusCode").GetInt32(),
            report.RootElement.GetProperty("reasonPhrase").GetString()));
    }

    [Theory]
    [InlineData("[{\"id\":7,\"payload\":{\"unit\":1,}}]", new[] { 7 }, 400, "command message: expected a member name at byte 29")]
    [InlineData("{\"id\":8,\"payload\":{\"unit\":1}", new[] { 8 }, 400, "command message: unexpected end of document at byte 28")]
    [InlineData("[{\"id\":9,\"payload\":{}},{\"id\":10,\"payload\":[}]", new[] { 9, 10 }, 400, "command message: expected a value at byte 43")]
    public void Command_PayloadThatDoesNotParse_AnsweredWithAnErrorUnderEachIdItShows(string message, int[] ids, int status, string reason)
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.Push(P + "/command/get_version", message);
        rig.Session.Push(P + "/command/get_version", message);
        rig.Run(3);

        JsonElement[] answers = rig.Session.On(P + "/result/get_version").Select(r => JsonDocument.Parse(r.Payload).RootElement[0]).ToArray();
        Assert.Equal(ids, answers.Select(a => a.GetProperty("id").GetInt32()));
        Assert.All(answers, a => Assert.Equal((status, reason), (a.GetProperty("statusCode").GetInt32(), a.GetProperty("reasonPhrase").GetString())));
        Assert.Equal(2, rig.Counters.CommandsRefused);
    }

    [Fact]
    public void Command_LargerThanThePacketCap_Answered413UnderItsId()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.PushCut(P + "/command/get_version", "[{\"id\":11,\"payload\":{\"pad\":\"xxxxxxxx", 250_000);
        rig.Run(2);

        JsonElement answer = JsonDocument.Parse(Assert.Single(rig.Session.On(P + "/result/get_version")).Payload).RootElement[0];
        Assert.Equal((11, 413, $"command message too large: 250000 bytes, the limit is {CommandCenter.MaxCommandBytes}"),
            (answer.GetProperty("id").GetInt32(), answer.GetProperty("statusCode").GetInt32(), answer.GetProperty("reasonPhrase").GetString()));
        Assert.True(rig.Session.IsConnected);
    }

    [Fact]
    public void Command_SingleObjectOrArray_AnsweredOnResultTopic()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Session.Push(P + "/command/get_version", "{\"id\":1}");
        rig.Session.Push(P + "/command/get_version", "[{\"id\":2}]");
        rig.Run(3);
        Sent[] results = rig.Session.On(P + "/result/get_version").ToArray();
        Assert.Equal([1, 2], results.Select(r => JsonDocument.Parse(r.Payload).RootElement[0].GetProperty("id").GetInt32()));
    }

    [Fact]
    public void PublishLatest_LatestSampleRetainedQos0()
    {
        var rig = new Rig();
        rig.Run(1);
        rig.Protocol.PublishLatest([(byte)'{', (byte)'}'], 0, 2);
        Sent state = rig.Session.On(P + "/state").Single();
        Assert.Equal(("{}", EnergyLogger.Core.Ports.MqttQos.AtMostOnce), (state.Text, state.Qos));
    }

    [Fact]
    public void Metadata_DeviceEndpoint_UnderDevicePrefix()
    {
        var rig = new Rig();
        rig.Host.FactsByEndpoint = [rig.Host.FactsByEndpoint[0], new DeviceFacts()];
        rig.Host.FactsByEndpoint[1]!.Set("serial_number", "B1");
        rig.Run(1);
        Assert.Equal("{\"serial_number\":\"B1\"}", rig.Session.On(P + "/device/battery1/metadata").Single().Text);
    }

    [Fact]
    public void Discovery_FedMetrics_RetainedConfigsWithClasses()
    {
        var rig = new Rig(discovery: true);
        rig.Host.Map = MapText.Load(MapText.With(MapText.List(
            """{"name":"gp","address":1,"type":"int16","target":"grid.power"}""",
            """{"name":"soc","address":2,"type":"uint16","target":"battery.soc"}""",
            """{"name":"et","address":3,"type":"uint32","scale":0.1,"target":"pv.energy_total"}""")));
        rig.Run(2);
        Sent[] configs = rig.Session.On("homeassistant/sensor/").ToArray();
        Assert.Equal(3, configs.Length);
        Assert.All(configs, c => Assert.EndsWith("/config", c.Topic));
        JsonElement energy = JsonDocument.Parse(configs.Single(c => c.Topic.Contains("pv_energy_total")).Payload).RootElement;
        Assert.Equal(("energy", "total_increasing", "kWh"), (energy.GetProperty("device_class").GetString(), energy.GetProperty("state_class").GetString(), energy.GetProperty("unit_of_measurement").GetString()));
        Assert.Equal("{{ value_json.pv.energy_total }}", energy.GetProperty("value_template").GetString());
        Assert.Equal(P + "/state", energy.GetProperty("state_topic").GetString());
        JsonElement soc = JsonDocument.Parse(configs.Single(c => c.Topic.Contains("battery_soc")).Payload).RootElement;
        Assert.Equal(("battery", "measurement"), (soc.GetProperty("device_class").GetString(), soc.GetProperty("state_class").GetString()));
    }
}
