using System.Text.Json;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>What the cloud asks of the loop: commands on the bus between cycles, metadata with diagnostics, a reboot after its result is delivered.</summary>
public class LoopCommandTests
{
    [Fact]
    public void Command_RegsRead_RunsOnTheLoopThreadBetweenCycles()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Command("regs_read", 41, """{"unit":1,"fc":3,"addr":100,"count":2}""");
        rig.Run(1_000);

        JsonElement result = rig.Result("regs_read");
        Assert.Equal((41, 200), (result.GetProperty("id").GetInt32(), result.GetProperty("statusCode").GetInt32()));
        Assert.Equal([0x534E, 0x3432], result.GetProperty("payload").GetProperty("values").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void Command_GetVersionAndDiagnostics_Answered()
    {
        var rig = new LoopRig();
        rig.Run(6_000);
        rig.Command("get_version", 1);
        rig.Command("get_diagnostics", 2);
        rig.Run(1_000);

        JsonElement version = rig.Result("get_version").GetProperty("payload");
        Assert.Equal(("1.2.3", "20260201.4"), (version.GetProperty("fw").GetString(), version.GetProperty("build").GetString()));
        JsonElement d = rig.Result("get_diagnostics").GetProperty("payload");
        Assert.Equal("normal", d.GetProperty("mode").GetString());
        Assert.Equal("first-start", d.GetProperty("reset_reason").GetString());
        Assert.Equal(2, d.GetProperty("samples").GetInt32());
        Assert.Equal(d.GetProperty("samples").GetInt32(),
            d.GetProperty("outbox_acknowledged").GetInt32() + d.GetProperty("outbox_depth").GetInt32() + d.GetProperty("outbox_dropped").GetInt32());
        Assert.Equal(123456, d.GetProperty("free_mem").GetInt64());
        Assert.Equal(-63, d.GetProperty("rssi_dbm").GetInt32());
        Assert.True(d.GetProperty("modbus_requests").GetInt32() >= 2);
    }

    [Fact]
    public void Metadata_OnConnect_CarriesFirmwareMapMetadataPointsAndDiagnostics()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Session.Drop();
        rig.Run(10_000);

        Sent last = rig.Session.On("/epmx/").Last();
        JsonElement keys = JsonDocument.Parse(last.Payload).RootElement;
        Assert.Equal("246F28ABCDEF", keys.GetProperty("mac").GetString());
        Assert.Equal("SN42", keys.GetProperty("serial_number").GetString());
        Assert.Equal(1, keys.GetProperty("boots").GetInt32());
        Assert.Equal(1, keys.GetProperty("cloud_lost").GetInt32());
        Assert.True(keys.EnumerateObject().All(p => System.Text.RegularExpressions.Regex.IsMatch(p.Name, "^[a-zA-Z0-9_]+$")));
    }

    [Fact]
    public void Command_Reboot_RestartsOnlyAfterTheResultIsAcknowledged_ReasonStored()
    {
        var rig = new LoopRig();
        rig.Run(1_000);
        rig.Session.Holding = true;
        rig.Command("reboot", 5);
        rig.Session.Release();
        rig.Session.Holding = true;
        rig.Run(2_000);
        Assert.Equal(0, rig.Reboots.Count);

        rig.Session.Holding = false;
        rig.Session.Release();
        rig.Run(2_000);

        Assert.Equal(1, rig.Reboots.Count);
        Assert.False(rig.Loop.RunOnce());
        Assert.False(rig.Session.IsConnected);
        LoopRig next = rig.Reboot();
        Assert.Equal((ResetReason.Command, 0), (next.Boot.Journal.PreviousReason, next.Boot.Journal.FailedBootsBefore));
    }
}
