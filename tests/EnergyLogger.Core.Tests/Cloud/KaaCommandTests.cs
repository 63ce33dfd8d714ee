using System.Text.Json;
using EnergyLogger.Core.Tests.Modbus;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>CEX commands: results as arrays, remote register reads and guarded writes (C7), flood and duplicates (C8), reboot.</summary>
public class KaaCommandTests
{
    private const string Cex = "kp1/" + KaaRig.App + "/cex/" + KaaRig.Token + "/";

    // export_limit (holding 142, %, 0..100), charge_current (holding 200, 0.1 A, 0..50 A), a float pair, and an input register.
    private static readonly string Map = MapText.With(MapText.List(
        """{"name":"export_limit","address":142,"type":"uint16","writable":true,"writeMin":0,"writeMax":100}""",
        """{"name":"charge_current","address":150,"type":"uint16","scale":0.1,"writable":true,"writeMin":0,"writeMax":50}""",
        """{"name":"pv_power","function":"input","address":10,"type":"uint16"}""",
        """{"name":"grid_power","address":160,"type":"int16"}"""));

    private static (KaaRig Rig, Bus Bus) Rig()
    {
        var rig = new KaaRig();
        Bus bus = Bus.Rtu().WithInverter(1);
        bus.Link.Slave(1).SetInput(10, 4321);
        rig.Host.Map = MapText.Load(Map);
        rig.Host.Buses[1] = bus.Master;
        rig.Run(1000);
        return (rig, bus);
    }

    private static JsonElement Result(KaaRig rig, string type, int index = -1)
    {
        Sent[] results = rig.Session.On("/cex/" + KaaRig.Token + "/result/" + type + "/").ToArray();
        Sent sent = index < 0 ? results.Last() : results[index];
        JsonElement array = JsonDocument.Parse(sent.Payload).RootElement;
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        return Assert.Single(array.EnumerateArray());
    }

    private static void Command(KaaRig rig, string type, string items) => rig.Session.Push(Cex + "command/" + type + "/status", items);

    [Fact]
    public void GetVersion_ResultArrayWithFirmware()
    {
        (KaaRig rig, _) = Rig();
        Command(rig, "get_version", "[{\"id\":5,\"payload\":{}}]");
        rig.Run(2000);
        JsonElement r = Result(rig, "get_version");
        Assert.Equal(5, r.GetProperty("id").GetInt32());
        Assert.Equal(200, r.GetProperty("statusCode").GetInt32());
        Assert.Equal("OK", r.GetProperty("reasonPhrase").GetString());
        Assert.Equal("1.2.3", r.GetProperty("payload").GetProperty("fw").GetString());
    }

    [Fact]
    public void RegsRead_HoldingAndInput_ValuesFromTheBus()
    {
        (KaaRig rig, _) = Rig();
        Command(rig, "regs_read", "[{\"id\":1,\"payload\":{\"unit\":1,\"addr\":142,\"count\":3}},{\"id\":2,\"payload\":{\"unit\":1,\"fc\":4,\"addr\":10}}]");
        rig.Run(3000);
        JsonElement holding = Result(rig, "regs_read", 0);
        Assert.Equal([1142, 1143, 1144], holding.GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
        JsonElement input = Result(rig, "regs_read", 1);
        Assert.Equal([4321], input.GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Theory]
    [InlineData("{\"unit\":9,\"addr\":1}", 404)]
    [InlineData("{\"unit\":1,\"addr\":1,\"count\":126}", 400)]
    [InlineData("{\"addr\":1}", 400)]
    [InlineData("{\"unit\":1,\"addr\":65535,\"count\":2}", 400)]
    public void RegsRead_BadRequest_StatusAndNoBusTraffic(string payload, int status)
    {
        (KaaRig rig, Bus bus) = Rig();
        Command(rig, "regs_read", "[{\"id\":1,\"payload\":" + payload + "}]");
        rig.Run(2000);
        Assert.Equal(status, Result(rig, "regs_read").GetProperty("statusCode").GetInt32());
        Assert.Empty(bus.Link.Written);
    }

    [Fact]
    public void RegsWrite_WritablePointInRange_WrittenVerifiedAndPreviousReturned()
    {
        (KaaRig rig, Bus bus) = Rig();
        Command(rig, "regs_write", "[{\"id\":3,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[80]}}]");
        rig.Run(2000);
        JsonElement r = Result(rig, "regs_write");
        Assert.Equal(200, r.GetProperty("statusCode").GetInt32());
        Assert.Equal(1142, r.GetProperty("payload").GetProperty("previous")[0].GetInt32());
        Assert.Equal(80, bus.Link.Slave(1).Holding[142]);
    }

    public static TheoryData<string, int, string> Refused => new()
    {
        // Not a point of the map, not writable, only part of a point, an input register, another unit.
        { "{\"unit\":1,\"addr\":143,\"values\":[1]}", 403, "not a writable point" },
        { "{\"unit\":1,\"addr\":160,\"values\":[1]}", 403, "not a writable point" },
        { "{\"unit\":1,\"addr\":142,\"values\":[1,2]}", 403, "not a writable point" },
        { "{\"unit\":1,\"addr\":10,\"values\":[1]}", 403, "not a writable point" },
        { "{\"unit\":2,\"addr\":142,\"values\":[1]}", 403, "not a writable point" },
        // Out of writeMin..writeMax: 101 %; 51.0 A (510 x 0.1).
        { "{\"unit\":1,\"addr\":142,\"values\":[101]}", 422, "export_limit: value outside 0..100" },
        { "{\"unit\":1,\"addr\":150,\"values\":[510]}", 422, "charge_current: value outside 0..50" },
        // Malformed.
        { "{\"unit\":1,\"addr\":142,\"values\":[70000]}", 400, "values[0]" },
        { "{\"unit\":1,\"addr\":142,\"values\":[]}", 400, "values" },
        { "{\"unit\":1,\"addr\":142}", 400, "values" },
        { "{\"unit\":1,\"addr\":142,\"values\":[1],\"fc\":5}", 400, "fc" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void C7_RegsWriteOutsideTheWritableSetOrRange_RefusedWithZeroBytesOnTheBus(string payload, int status, string reason)
    {
        (KaaRig rig, Bus bus) = Rig();
        Command(rig, "regs_write", "[{\"id\":9,\"payload\":" + payload + "}]");
        rig.Run(2000);
        JsonElement r = Result(rig, "regs_write");
        Assert.Equal(status, r.GetProperty("statusCode").GetInt32());
        Assert.Contains(reason, r.GetProperty("reasonPhrase").GetString());
        Assert.Empty(bus.Link.Written);
        Assert.Equal(1142, bus.Link.Slave(1).Holding[142]);
    }

    [Fact]
    public void C7_NoMap_RefusedWithZeroBytes()
    {
        (KaaRig rig, Bus bus) = Rig();
        rig.Host.Map = null;
        Command(rig, "regs_write", "[{\"id\":9,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[1]}}]");
        rig.Run(2000);
        Assert.Equal(503, Result(rig, "regs_write").GetProperty("statusCode").GetInt32());
        Assert.Empty(bus.Link.Written);
    }

    [Fact]
    public void RegsWrite_ReadBackDiffers_PreviousValueRestored409()
    {
        (KaaRig rig, Bus bus) = Rig();
        // Old value read, write echoed, then a read-back that shows something else, then the restore.
        bus.Link.Then(Reply.Normal, Reply.Normal, new Reply { EditPdu = pdu => [pdu[0], pdu[1], 0x00, 0x07] }, Reply.Normal);
        Command(rig, "regs_write", "[{\"id\":4,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[55]}}]");
        rig.Run(2000);
        JsonElement r = Result(rig, "regs_write");
        Assert.Equal(409, r.GetProperty("statusCode").GetInt32());
        Assert.Equal(1142, bus.Link.Slave(1).Holding[142]);
        Assert.Equal(4, bus.Link.Writes.Count);
    }

    [Fact]
    public void C8_FloodOf100Commands_QueueBoundedExcessRefused429OnePerTick()
    {
        (KaaRig rig, _) = Rig();
        string items = "[" + string.Join(",", Enumerable.Range(1, 100).Select(i => "{\"id\":" + i + ",\"payload\":{}}")) + "]";
        Command(rig, "get_version", items);
        rig.Run(1000);
        Sent[] after1 = rig.Session.On("/result/get_version/").ToArray();
        int[] statuses = after1.Select(s => JsonDocument.Parse(s.Payload).RootElement[0].GetProperty("statusCode").GetInt32()).ToArray();
        Assert.Equal(92, statuses.Count(s => s == 429));
        // One queued command runs per tick, so the loop keeps its cadence.
        Assert.Equal(1, statuses.Count(s => s == 200));
        Assert.Equal(92, rig.Counters.CommandsOverflow);

        rig.Run(10_000);
        Sent[] all = rig.Session.On("/result/get_version/").ToArray();
        Assert.Equal(100, all.Length);
        Assert.Equal(8, all.Count(s => JsonDocument.Parse(s.Payload).RootElement[0].GetProperty("statusCode").GetInt32() == 200));
        Assert.Equal(Enumerable.Range(1, 100), all.Select(s => JsonDocument.Parse(s.Payload).RootElement[0].GetProperty("id").GetInt32()).Order());
    }

    [Fact]
    public void C8_DuplicateIds_RunAndAnsweredOnce()
    {
        (KaaRig rig, Bus bus) = Rig();
        Command(rig, "regs_write", "[{\"id\":7,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[10]}},{\"id\":7,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[10]}}]");
        rig.Run(2000);
        Command(rig, "regs_write", "[{\"id\":7,\"payload\":{\"unit\":1,\"addr\":142,\"values\":[10]}}]");
        rig.Run(3000);
        Assert.Single(rig.Session.On("/result/regs_write/"));
        Assert.Equal(3, bus.Link.Writes.Count);
        Assert.Equal(2, rig.Counters.CommandsDuplicate);
    }

    [Fact]
    public void UnknownType_Answered404Once()
    {
        (KaaRig rig, _) = Rig();
        Command(rig, "self_destruct", "[{\"id\":1}]");
        Command(rig, "self_destruct", "[{\"id\":1}]");
        rig.Run(2000);
        Assert.Equal(404, Result(rig, "self_destruct").GetProperty("statusCode").GetInt32());
        Assert.Single(rig.Session.On("/result/self_destruct/"));
    }

    [Theory]
    [InlineData("[{\"payload\":{}}]")]
    [InlineData("[{\"id\":\"x\"}]")]
    [InlineData("not json")]
    [InlineData("[{\"payload\":{,}}]")]
    public void MalformedCommandWithoutAnId_CountedNothingRunNothingToAnswer(string items)
    {
        (KaaRig rig, _) = Rig();
        Command(rig, "get_version", items);
        rig.Run(2000);
        Assert.Empty(rig.Session.On("/result/"));
        Assert.Equal(1, rig.Counters.CommandsRefused);
    }

    [Fact]
    public void MalformedCommandWithAnId_AnsweredWith400OnItsResultTopic()
    {
        (KaaRig rig, Bus bus) = Rig();
        Command(rig, "regs_read", "[{\"id\":5,\"payload\":{\"unit\":1,\"addr\":}}]");
        rig.Run(2000);

        JsonElement result = Result(rig, "regs_read");
        Assert.Equal((5, 400), (result.GetProperty("id").GetInt32(), result.GetProperty("statusCode").GetInt32()));
        Assert.StartsWith("command message: expected a value", result.GetProperty("reasonPhrase").GetString());
        Assert.Empty(bus.Link.Written);
    }

    [Fact]
    public void Reboot_ResultPublishedAndAcknowledgedBeforeTheRestart()
    {
        (KaaRig rig, _) = Rig();
        rig.Session.Holding = true;
        Command(rig, "reboot", "[{\"id\":11}]");
        rig.Session.Holding = false;
        rig.Session.Release();
        rig.Session.Holding = true;
        rig.Run(1000);
        Assert.Single(rig.Session.On("/result/reboot/"));
        Assert.Equal(0, rig.Host.Reboots);

        // The connection drops before the PUBACK: the result goes again after the reconnect, then the restart.
        rig.Session.Drop();
        rig.Session.Holding = false;
        rig.Run(10_000);
        Assert.Equal(2, rig.Session.On("/result/reboot/").Count());
        Assert.Equal(1, rig.Host.Reboots);
        Assert.Equal(200, Result(rig, "reboot").GetProperty("statusCode").GetInt32());
    }
}
