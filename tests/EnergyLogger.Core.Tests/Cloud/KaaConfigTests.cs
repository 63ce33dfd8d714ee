using System.Text.Json;
using EnergyLogger.Core.Cloud;
using JsonLimits = EnergyLogger.Core.Json.JsonLimits;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>CMX configuration: validation in full, atomic storage, applied reports; RELIABILITY C6.</summary>
public class KaaConfigTests
{
    private const string Push = "kp1/" + KaaRig.App + "/cmx/" + KaaRig.Token + "/config/json/status";

    private static readonly string GoodMap = MapText.With(MapText.List(
        """{"name":"grid_power","address":625,"type":"int16","target":"grid.power"}"""));

    private static string Envelope(string id, string config) => "{\"configId\":\"" + id + "\",\"config\":" + config + "}";

    private static string Config(string map, string poll = "") => "{\"map\":" + map + (poll.Length > 0 ? ",\"poll\":" + poll : "") + "}";

    private static (int Status, string? Reason, string Id) Applied(KaaRig rig)
    {
        Sent sent = rig.Session.On("/cmx/" + KaaRig.Token + "/applied/json/").Last();
        using JsonDocument doc = JsonDocument.Parse(sent.Payload);
        JsonElement root = doc.RootElement;
        return (root.GetProperty("statusCode").GetInt32(),
            root.TryGetProperty("reasonPhrase", out JsonElement r) ? r.GetString() : null,
            root.GetProperty("configId").GetString()!);
    }

    [Fact]
    public void Push_ValidConfig_StoredAppliedAndReported200()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        string message = Envelope("cfg-1", Config(GoodMap, "{\"fastMs\":5000,\"normalMs\":30000,\"slowMs\":300000}"));
        rig.Session.Push(Push, message);
        rig.Run(1000);

        CloudConfig applied = Assert.Single(rig.Host.Applied);
        Assert.Equal(("cfg-1", 5000, 30000, 300000), (applied.Id, applied.FastIntervalMs, applied.NormalIntervalMs, applied.SlowIntervalMs));
        Assert.Equal("test", applied.Map.Name);
        Assert.Equal((200, (string?)null, "cfg-1"), Applied(rig));
        Assert.Equal(message, System.Text.Encoding.UTF8.GetString(rig.Store.Files[ConfigStore.FileName]));
        Assert.Equal("cfg-1", rig.Host.ConfigId);
        Assert.Equal(1, rig.Counters.ConfigsApplied);

        // The stored copy validates again after a restart.
        CloudConfig? reloaded = new ConfigStore(rig.Store).Load(new JsonLimits { MaxBytes = 200_000, MaxValues = 20_000, MaxDepth = 12 });
        Assert.Equal("cfg-1", reloaded?.Id);
    }

    [Fact]
    public void Answer_ToThePull_AppliedToo()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push("kp1/" + KaaRig.App + "/cmx/" + KaaRig.Token + "/config/json/2/status", Envelope("cfg-2", Config(GoodMap)));
        rig.Run(1000);
        Assert.Equal("cfg-2", Assert.Single(rig.Host.Applied).Id);
        Assert.Equal(0, Assert.Single(rig.Host.Applied).FastIntervalMs);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"configId\":\"\",\"config\":null}")]
    public void Answer_UnchangedOrNone_NothingAppliedNothingReported(string message)
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, message);
        rig.Run(1000);
        Assert.Empty(rig.Host.Applied);
        Assert.Empty(rig.Session.On("/applied/json/"));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "{\"configId\":\"bad-1\",\"config\":{\"map\":", "config message: unexpected end of document" },
        { Envelope("bad-2", "[1,2]"), "config: expected an object" },
        { Envelope("bad-3", "{\"map\":" + GoodMap + ",\"colour\":\"red\"}"), "config.colour: unknown member" },
        { Envelope("bad-4", "{\"poll\":{\"fastMs\":5000}}"), "config.map: required" },
        { Envelope("bad-5", Config(GoodMap.Replace("\"target\":\"grid.power\"", "\"target\":\"grid.nonsense\""))), "config.map.points[0].target" },
        { Envelope("bad-6", Config(GoodMap.Replace("\"address\":625", "\"address\":70000"))), "config.map.points[0].address" },
        { Envelope("bad-7", Config(GoodMap, "{\"fastMs\":10}")), "config.poll.fastMs: an integer from 1000 to 86400000" },
        { Envelope("bad-8", Config(GoodMap, "{\"fastMs\":60000,\"normalMs\":5000}")), "config.poll: fastMs <= normalMs <= slowMs" },
        { Envelope("bad-9", Config("{\"format\":\"energylogger-map/9\"}")), "config.map.format" },
        { Envelope("bad-10", "{\"map\":" + GoodMap + ",\"local\":{\"modbus\":true}}"), "config.local.modbus: \"on\" or \"off\"" },
        { Envelope("bad-11", "{\"map\":" + GoodMap + ",\"local\":{\"modbus\":\"on\",\"port\":0}}"), "config.local.port: an integer from 1 to 65535" },
        { Envelope("bad-12", "{\"map\":" + GoodMap + ",\"local\":{\"unit\":248}}"), "config.local.unit: an integer from 1 to 247" },
        { Envelope("bad-13", "{\"map\":" + GoodMap + ",\"local\":{\"influx\":1}}"), "config.local.influx: unknown member" },
        { Envelope("bad-14", "{\"map\":" + GoodMap + ",\"local\":\"on\"}"), "config.local: expected an object" },
        { Envelope("bad-15", "{\"map\":" + GoodMap + ",\"local\":{\"gateway\":1}}"), "config.local.gateway: \"on\" or \"off\"" },
        { Envelope("bad-16", "{\"map\":" + GoodMap + ",\"local\":{\"http\":\"yes\"}}"), "config.local.http: \"on\" or \"off\"" },
        { Envelope("bad-17", WithInflux("\"http://h:8086\"")), "config.influx: expected an object" },
        { Envelope("bad-18", WithInflux("{}")), "config.influx.url: required" },
        { Envelope("bad-19", WithInflux("{\"url\":\"ftp://h\",\"db\":\"e\"}")), "config.influx.url: an http:// or https:// URL" },
        { Envelope("bad-20", WithInflux("{\"url\":\"http://user:pw@h\",\"db\":\"e\"}")), "config.influx.url: only scheme, host, port and path" },
        { Envelope("bad-21", WithInflux("{\"url\":\"http://h:8086\"}")), "config.influx.db: influx.db (1.x), or influx.org, .bucket and .token (2.x), required with influx.url" },
        { Envelope("bad-22", WithInflux("{\"db\":\"e\"}")), "config.influx.url: required with the other influx settings" },
        { Envelope("bad-23", WithInflux("{\"url\":\"http://h\",\"db\":\"e\",\"colour\":\"red\"}")), "config.influx.colour: unknown member" },
        { Envelope("bad-24", WithInflux("{\"url\":\"http://h\",\"db\":1}")), "config.influx.db: expected a string" },
        { Envelope("bad-25", WithInflux("{\"url\":\"http://h\",\"org\":\"o\",\"bucket\":\"b\"}")), "config.influx.token: required for InfluxDB 2.x" },
        { Envelope("bad-26", WithInflux("{\"url\":\"http://h\",\"db\":\"e\",\"password\":\"hunter2-secret\"}")), "config.influx.password: needs influx.user" },
        { Envelope("bad-27", WithInflux("{\"url\":\"http://h\",\"db\":\"e\",\"token\":\"s3cr3t-t0ken\"}")), "config.influx.db: influx.db, .user and .password (1.x) exclude" },
        { Envelope("bad-28", WithInflux("{\"url\":\"http://h\",\"db\":\"" + new string('d', 129) + "\"}")), "config.influx.db: longer than 128 bytes" },
    };

    private static string WithInflux(string influx) => "{\"map\":" + GoodMap + ",\"influx\":" + influx + "}";

    [Theory]
    [InlineData("bad-26", "hunter2-secret")]
    [InlineData("bad-27", "s3cr3t-t0ken")]
    public void C6_RejectedInfluxMember_StatusNeverCarriesItsSecret(string id, string secret)
    {
        var rig = new KaaRig();
        rig.Run(1000);
        object[] row = Malformed.First(r => ((string)r[0]).Contains("\"" + id + "\"", StringComparison.Ordinal));
        rig.Session.Push(Push, (string)row[0]);
        rig.Run(1000);

        (int status, string? why, string _) = Applied(rig);
        Assert.Equal(400, status);
        Assert.DoesNotContain(secret, why, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Session.Sent, s => System.Text.Encoding.UTF8.GetString(s.Payload).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Push_InfluxMember_CheckedLikeTheSettingsAndKeptWhole()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, Envelope("cfg-influx", WithInflux("{\"url\":\"https://eu.influx.example\",\"org\":\"home\",\"bucket\":\"solar\",\"token\":\"t0k3n==\"}")));
        rig.Run(1000);

        CloudConfig applied = Assert.Single(rig.Host.Applied);
        Assert.NotNull(applied.Influx);
        Assert.Equal("t0k3n==", applied.Influx.InfluxToken);
        var to = EnergyLogger.Core.Provisioning.InfluxEndpoint.FromSettings(applied.Influx)!;
        Assert.Equal("https://eu.influx.example/api/v2/write?org=home&bucket=solar&precision=ms", to.WriteUrl);
        Assert.Equal("Token t0k3n==", to.Authorization);
        Assert.Equal((200, (string?)null, "cfg-influx"), Applied(rig));
    }

    [Fact]
    public void Push_NoInfluxMember_NoneSoTheSettingsDecide()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, Envelope("cfg-plain", Config(GoodMap)));
        rig.Run(1000);

        Assert.Null(Assert.Single(rig.Host.Applied).Influx);
    }

    public static TheoryData<string, int, int, int, int, int> LocalMembers => new()
    {
        { "", -1, 0, 0, -1, -1 },
        { ",\"local\":{}", -1, 0, 0, -1, -1 },
        { ",\"local\":{\"modbus\":\"on\"}", 1, 0, 0, -1, -1 },
        { ",\"local\":{\"modbus\":\"off\",\"port\":1502,\"unit\":7}", 0, 1502, 7, -1, -1 },
        { ",\"local\":{\"gateway\":\"on\"}", -1, 0, 0, 1, -1 },
        { ",\"local\":{\"modbus\":\"on\",\"gateway\":\"off\"}", 1, 0, 0, 0, -1 },
        { ",\"local\":{\"http\":\"on\"}", -1, 0, 0, -1, 1 },
        { ",\"local\":{\"modbus\":\"on\",\"http\":\"off\"}", 1, 0, 0, -1, 0 },
    };

    [Theory]
    [MemberData(nameof(LocalMembers))]
    public void Push_LocalServerMember_ParsedAsGiven(string local, int modbus, int port, int unit, int gateway, int http)
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, Envelope("cfg-local", "{\"map\":" + GoodMap + local + "}"));
        rig.Run(1000);

        CloudConfig applied = Assert.Single(rig.Host.Applied);
        Assert.Equal((modbus, port, unit, gateway, http), (applied.LocalModbus, applied.LocalModbusPort, applied.LocalModbusUnit, applied.LocalGateway, applied.LocalHttp));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void C6_MalformedConfig_RejectedWith400LastGoodStaysAndStored(string message, string reason)
    {
        var rig = new KaaRig();
        rig.Run(1000);
        string good = Envelope("good", Config(GoodMap));
        rig.Session.Push(Push, good);
        rig.Run(1000);

        rig.Session.Push(Push, message);
        rig.Run(1000);
        (int status, string? why, string _) = Applied(rig);
        Assert.Equal(400, status);
        Assert.Contains(reason, why);
        Assert.Single(rig.Host.Applied);
        Assert.Equal("good", rig.Host.ConfigId);
        Assert.Equal(good, System.Text.Encoding.UTF8.GetString(rig.Store.Files[ConfigStore.FileName]));
        Assert.Equal(1, rig.Counters.ConfigsRejected);
    }

    [Fact]
    public void C6_TruncatedConfig_ReportedUnderTheIdItStartsWith()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, "{\"configId\":\"cut-1\",\"config\":{\"map\":{\"format\":\"energylogger-map/1\"");
        rig.Run(1000);

        Assert.Equal((400, "config message: unexpected end of document", "cut-1"), Applied(rig));
    }

    [Fact]
    public void C6_StoreFails_NotAppliedReported500()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Store.Failing = true;
        rig.Session.Push(Push, Envelope("cfg-x", Config(GoodMap)));
        rig.Run(1000);
        Assert.Empty(rig.Host.Applied);
        Assert.Equal(500, Applied(rig).Status);
        Assert.Null(rig.Host.ConfigId);
    }

    [Fact]
    public void C6_CorruptStoredConfig_LoadReturnsNull()
    {
        var store = new MemoryFileStore();
        store.Files[ConfigStore.FileName] = System.Text.Encoding.UTF8.GetBytes(Envelope("c", Config(GoodMap))[..40]);
        Assert.Null(new ConfigStore(store).Load(new JsonLimits()));
    }

    [Fact]
    public void Push_SameIdAgain_NotAppliedTwice()
    {
        var rig = new KaaRig();
        rig.Run(1000);
        rig.Session.Push(Push, Envelope("same", Config(GoodMap)));
        rig.Session.Push(Push, Envelope("same", Config(GoodMap)));
        rig.Run(1000);
        Assert.Single(rig.Host.Applied);
    }
}
