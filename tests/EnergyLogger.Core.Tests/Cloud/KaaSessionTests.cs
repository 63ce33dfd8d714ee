using System.Text.Json;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>The Kaa 1/KP session: topics, the order of reference A.4.1 on every connect, payload shapes, OTA and metadata.</summary>
public class KaaSessionTests
{
    private const string P = "kp1/" + KaaRig.App + "/";
    private const string T = KaaRig.Token;

    [Fact]
    public void OnConnected_Order_FollowsReferenceA41()
    {
        var rig = new KaaRig();
        rig.Produce();
        rig.Run(1000);

        Assert.Equal("energy-logger-AABBCCDDEEFF", rig.Session.LastOptions!.ClientId);
        Assert.Equal([P + "+/" + T + "/#"], rig.Session.Subscriptions);
        string[] topics = rig.Session.Sent.Select(s => s.Topic).ToArray();
        Assert.Equal(
        [
            P + "epmx/" + T + "/update/keys/1",
            P + "cmx/" + T + "/config/json/2",
            P + "cmx_ota/" + T + "/applied/json",
            P + "cmx_ota/" + T + "/config/json/3",
            P + "cex/" + T + "/command/reboot/4",
            P + "cex/" + T + "/command/get_version/5",
            P + "cex/" + T + "/command/regs_read/6",
            P + "cex/" + T + "/command/regs_write/7",
            P + "dcx/" + T + "/json/8",
        ], topics);
        Assert.All(rig.Session.Sent, s => Assert.Equal(MqttQos.AtLeastOnce, s.Qos));
    }

    [Fact]
    public void OnConnected_Payloads_HaveTheReferenceShapes()
    {
        var rig = new KaaRig();
        rig.Host.FactsByEndpoint[0]!.Set("serial_number", "2305123456");
        rig.Host.FactsByEndpoint[0]!.Set("rated_power", 8000.0);
        rig.Produce();
        rig.Run(1000);
        Dictionary<string, string> body = rig.Session.Sent.ToDictionary(s => s.Topic, s => s.Text);

        Assert.Equal("{\"fwVersion\":\"1.2.3\",\"fwBuild\":\"20260117.1\",\"mac\":\"AABBCCDDEEFF\",\"ip\":\"192.168.1.50\",\"rssi\":-61,\"serial_number\":\"2305123456\",\"rated_power\":8000}",
            body[P + "epmx/" + T + "/update/keys/1"]);
        Assert.Equal("{\"observe\":true}", body[P + "cmx/" + T + "/config/json/2"]);
        Assert.Equal("{\"configId\":\"1.2.3\"}", body[P + "cmx_ota/" + T + "/applied/json"]);
        Assert.Equal("{\"observe\":true}", body[P + "cmx_ota/" + T + "/config/json/3"]);
        Assert.Equal("{\"observe\":true}", body[P + "cex/" + T + "/command/reboot/4"]);
        using JsonDocument batch = JsonDocument.Parse(body[P + "dcx/" + T + "/json/8"]);
        Assert.Equal(JsonValueKind.Array, batch.RootElement.ValueKind);
        Assert.Equal(0, batch.RootElement[0].GetProperty("n").GetInt32());
    }

    [Fact]
    public void Reconnect_RepeatsTheOrderAndPullsWithTheAppliedConfigId()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Host.ConfigId = "cfg-7";
        rig.Session.Drop();
        rig.Session.Sent.Clear();
        rig.Run(10_000);
        Assert.Equal(2, rig.Session.ConnectAttempts.Count);
        Sent pull = Assert.Single(rig.Session.On("/cmx/" + T + "/config/json/"));
        Assert.Equal("{\"configId\":\"cfg-7\",\"observe\":true}", pull.Text);
        Assert.StartsWith(P + "epmx/", rig.Session.Sent[0].Topic);
    }

    [Fact]
    public void Tokens_TwoEndpoints_EachGetsItsOwnTelemetryAndMetadata()
    {
        var rig = new KaaRig(tokens: ["loggerTok", "batteryTok"]);
        rig.Host.FactsByEndpoint = [rig.Host.FactsByEndpoint[0], new DeviceFacts { ConfigId = null }];
        rig.Host.FactsByEndpoint[1]!.Set("serial_number", "BMS-1");
        rig.Produce(0);
        rig.Produce(1);
        rig.Run(2000);
        Assert.Contains(P + "+/loggerTok/#", rig.Session.Subscriptions);
        Assert.Contains(P + "+/batteryTok/#", rig.Session.Subscriptions);
        Assert.Equal([0], KaaRig.Numbers(Assert.Single(rig.Session.On("/dcx/loggerTok/json/"))));
        Assert.Equal([1], KaaRig.Numbers(Assert.Single(rig.Session.On("/dcx/batteryTok/json/"))));
        Assert.Equal("{\"serial_number\":\"BMS-1\"}", Assert.Single(rig.Session.On("/epmx/batteryTok/update/keys/")).Text);
        Assert.All(rig.Outboxes, o => Assert.Equal(0, o.Pending));
        Assert.Empty(rig.Session.On("/cmx/batteryTok/"));
    }

    [Fact]
    public void CmxOta_PushedOffer_HandedToTheUpdater()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        const string offer = "{\"configId\":\"1.3.0\",\"config\":{\"link\":\"https://example.invalid/fw.bin\",\"sha256\":\"00\"}}";
        rig.Session.Push(P + "cmx_ota/" + T + "/config/json/status", offer);
        rig.Run(1000);
        Assert.Equal([offer], rig.Host.Offers);
    }

    [Fact]
    public void Errors_OnMetadata_CountedAndLoggedWithTheReason()
    {
        var rig = new KaaRig();
        rig.Responder.Silent = true;
        rig.Run(1000);
        rig.Session.Push(P + "epmx/" + T + "/update/keys/1/error", "{\"statusCode\":403,\"reasonPhrase\":\"key is read-only\"}");
        rig.Run(1000);
        Assert.Equal(1, rig.Counters.RequestErrors);
        Assert.Equal("metadata: 403 key is read-only", rig.Counters.LastError);
    }

    [Fact]
    public void Messages_ForOtherTokensOrApps_Ignored()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push("kp1/" + KaaRig.App + "/cex/otherToken/command/reboot/status", "[{\"id\":1}]");
        rig.Session.Push("kp1/otherApp/cex/" + T + "/command/reboot/status", "[{\"id\":2}]");
        rig.Run(3000);
        Assert.Empty(rig.Session.On("/result/"));
        Assert.Equal(0, rig.Host.Reboots);
    }
}
