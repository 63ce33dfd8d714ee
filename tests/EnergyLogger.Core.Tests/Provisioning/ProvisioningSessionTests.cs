using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class ProvisioningSessionTests
{
    private readonly SessionDriver _client = new();

    [Fact]
    public void Greeting_IsAnOkLine()
    {
        Assert.StartsWith("ok energy-logger provisioning", ProvisioningSession.Greeting);
    }

    [Fact]
    public void Help_ListsEveryVerbAndField()
    {
        string reply = _client.Line("help");

        Assert.StartsWith("ok verbs: help status get set clear ca check apply discard quit; fields: wifi.ssid wifi.key", reply);
        Assert.All(SettingFields.All, f => Assert.Contains(" " + f.Name, reply));
    }

    [Fact]
    public void Status_FreshDevice_ShowsDefaultsAndNothingStored()
    {
        Assert.Equal(
            "ok stored=none changed=no wifi.ssid=(not set) wifi.key=(not set) mqtt.host=\"mqtt.cloud.kaaiot.com\" mqtt.port=8883 " +
            "mqtt.tls=on mqtt.username=(not set) mqtt.password=(not set) mqtt.ca=(not set) cloud.mode=kaa kaa.token=(not set) " +
            "kaa.app=(not set) mqtt.prefix=(not set) serial.baud=9600 serial.parity=none serial.stop=1 serial.slave=1 watchdog.gpio=none mqtt.discovery=off local.modbus=off local.modbus.port=502 local.modbus.unit=1 local.http=off local.http.port=80 local.gateway=off " +
            "influx.url=(not set) influx.db=(not set) influx.user=(not set) influx.password=(not set) influx.org=(not set) influx.bucket=(not set) influx.token=(not set)",
            _client.Line("status"));
    }

    [Theory]
    [InlineData("set wifi.ssid My \"Home\" Net", "ok wifi.ssid set", "get wifi.ssid", "ok wifi.ssid \"My \\\"Home\\\" Net\"")]
    [InlineData("set wifi.ssid  lead and trail ", "ok wifi.ssid set", "get wifi.ssid", "ok wifi.ssid \" lead and trail \"")]
    [InlineData("SET MQTT.PORT 1883", "ok mqtt.port set", "get mqtt.port", "ok mqtt.port 1883")]
    [InlineData("set serial.slave 007", "ok serial.slave set", "get serial.slave", "ok serial.slave 7")]
    [InlineData("set wifi.key " + SettingsSamples.WifiKey, "ok wifi.key set", "get wifi.key", "ok wifi.key (set)")]
    [InlineData("clear mqtt.port", "ok mqtt.port back to 8883", "get mqtt.port", "ok mqtt.port 8883")]
    [InlineData("set local.modbus on", "ok local.modbus set", "get local.modbus", "ok local.modbus on")]
    [InlineData("set local.modbus.port 1502", "ok local.modbus.port set", "get local.modbus.port", "ok local.modbus.port 1502")]
    [InlineData("set local.modbus.unit 10", "ok local.modbus.unit set", "get local.modbus.unit", "ok local.modbus.unit 10")]
    public void Set_ThenGet_ShowsTheValueOrOnlyThatASecretIsSet(string set, string setReply, string get, string getReply)
    {
        Assert.Equal(setReply, _client.Line(set));
        Assert.Equal(getReply, _client.Line(get));
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "set wifi.ssid " + new string('s', 33), "error wifi.ssid: longer than 32 bytes" },
        { "set wifi.key short", "error wifi.key: must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network" },
        { "set wifi.key " + new string('z', 64), "error wifi.key: must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network" },
        { "set mqtt.port 0", "error mqtt.port: must be a whole number from 1 to 65535" },
        { "set mqtt.port 65536", "error mqtt.port: must be a whole number from 1 to 65535" },
        { "set local.modbus yes", "error local.modbus: must be on or off" },
        { "set local.modbus.port 0", "error local.modbus.port: must be a whole number from 1 to 65535" },
        { "set local.modbus.unit 248", "error local.modbus.unit: must be a whole number from 1 to 247" },
        { "set mqtt.host bad host", "error mqtt.host: only letters, digits, '-' and '.' are allowed in a host name" },
        { "set wifi.ssid", "error wifi.ssid: needs a value; clear removes one" },
        { "set mqtt.ca MIIB", "error mqtt.ca: send it as a block: ca begin, the PEM lines, ca end" },
        { "set wifi.pasword hunter22", "error field: unknown name; help lists the fields" },
        { "get hunter22", "error field: unknown name; help lists the fields" },
        { "hunter22 x", "error verb: unknown; help lists the verbs" },
        { "status now", "error status: takes nothing after it" },
        { "ca start", "error ca: send ca begin, then the PEM lines, then ca end" },
        { "ca end", "error ca: send ca begin, then the PEM lines, then ca end" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void P2_BadLine_OneErrorNamingTheFieldNothingStored(string line, string expected)
    {
        Assert.Equal(expected, _client.Line(line));
        Assert.True(_client.Session.IsOpen);
        Assert.Empty(_client.Store.Names);
    }

    [Theory]
    [InlineData(new byte[] { 0x73, 0x65, 0x74, 0x20, 0xC3, 0x28, 0x0A }, "error line: not valid UTF-8")]
    [InlineData(new byte[] { 0x73, 0x65, 0x74, 0x09, 0x0A }, "error line: control characters are not allowed")]
    public void P2_MalformedLine_ErrorAndSessionStaysOpen(byte[] bytes, string expected)
    {
        Assert.Equal([expected], _client.SendBytes(bytes));
        Assert.True(_client.Session.IsOpen);
    }

    [Fact]
    public void P2_BatchWithOneBadValue_ApplyStoresNothingAndStoredSettingsStayUnchanged()
    {
        new SettingsRepository(_client.Store).Save(SettingsSamples.Complete());
        var client = new SessionDriver(_client.Store);
        var before = client.Store.Snapshot();

        client.Line("set wifi.ssid Other Net");
        Assert.Equal("error mqtt.port: must be a whole number from 1 to 65535", client.Line("set mqtt.port 99999"));
        client.Line("set serial.baud 19200");
        string apply = client.Line("apply");

        Assert.Equal("error mqtt.port: last value refused: must be a whole number from 1 to 65535", apply);
        Assert.True(client.Session.IsOpen);
        Assert.Equal(before, client.Store.Snapshot());
    }

    [Fact]
    public void P2_RefusedValueSetAgainCorrectly_ClearsTheRefusal()
    {
        _client.SendComplete();
        _client.Line("set mqtt.port 99999");

        _client.Line("set mqtt.port 1883");

        Assert.Equal("ok ready to apply", _client.Line("check"));
    }

    [Fact]
    public void Check_FreshDeviceWithRefusals_ListsEveryProblemOncePerField()
    {
        _client.Line("set wifi.ssid " + new string('s', 40));
        _client.Line("set mqtt.password secret-pw");

        Assert.Equal(
            "error wifi.ssid: last value refused: longer than 32 bytes; mqtt.password: needs mqtt.username (MQTT 3.1.1, 3.1.2.9); " +
            "kaa.token: required when cloud.mode is kaa; kaa.app: required when cloud.mode is kaa",
            _client.Line("check"));
    }

    [Fact]
    public void Apply_CompleteSettings_StoresThemAndEndsForReboot()
    {
        _client.SendComplete();
        Assert.Equal("ok mqtt.ca set, 1 certificate", _client.SendCa(SettingsSamples.CaPem));

        Assert.Equal("ok applied as record 1; rebooting into station mode", _client.Line("apply"));

        Assert.Equal(SessionEnd.Applied, _client.Session.End);
        Assert.Equal(SettingsSource.Current, new SettingsRepository(_client.Store).Load(out DeviceSettings stored));
        DeviceSettings expected = SettingsSamples.Complete();
        SettingsSamples.Set(expected, SettingFields.MqttCa, SettingsSamples.CaPem);
        Assert.True(stored.SameAs(expected));
    }

    [Fact]
    public void Apply_StorageFails_ReportsStorageAndStaysOpen()
    {
        _client.SendComplete();
        _client.Store.RefuseEverything = true;

        Assert.Equal("error storage: the settings could not be stored; nothing was applied", _client.Line("apply"));
        Assert.True(_client.Session.IsOpen);
    }

    [Fact]
    public void Status_AfterEditsOnStoredSettings_ShowsSourceAndChange()
    {
        new SettingsRepository(_client.Store).Save(SettingsSamples.Complete());
        var client = new SessionDriver(_client.Store);

        Assert.StartsWith("ok stored=current#1 changed=no wifi.ssid=\"Home Net\" wifi.key=(set)", client.Line("status"));
        client.Line("set serial.parity even");
        Assert.StartsWith("ok stored=current#1 changed=yes", client.Line("status"));
        Assert.Equal("ok pending changes discarded", client.Line("discard"));
        Assert.StartsWith("ok stored=current#1 changed=no", client.Line("status"));
    }

    [Fact]
    public void Status_AfterFallback_SaysLastGoodAndCountsTheBadRecord()
    {
        var repository = new SettingsRepository(_client.Store);
        repository.Save(SettingsSamples.Complete());
        repository.Save(SettingsSamples.Complete());
        _client.Store.Put(SettingsRepository.CurrentName, [0xFF]);

        Assert.StartsWith("ok stored=last-good#1 changed=no bad-records=1 ", new SessionDriver(_client.Store).Line("status"));
    }

    [Fact]
    public void Secrets_NeverInAnyReply()
    {
        _client.SendComplete();
        _client.Line("status");
        _client.Line("get wifi.key");
        _client.Line("get mqtt.password");
        _client.Line("get kaa.token");
        _client.Line("set wifi.key " + SettingsSamples.WifiKey + "x\u00e9");
        _client.Line("set " + SettingsSamples.KaaToken);
        _client.Line(SettingsSamples.WifiKey);
        _client.Line("check");
        _client.Line("apply");

        Assert.Equal(15, _client.Replies.Count);
        foreach (string secret in new[] { SettingsSamples.WifiKey, SettingsSamples.MqttPassword, SettingsSamples.KaaToken })
        {
            Assert.DoesNotContain(_client.Replies, reply => reply.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Quit_EndsTheSession()
    {
        Assert.Equal("ok bye", _client.Line("quit"));
        Assert.Equal(SessionEnd.Quit, _client.Session.End);
        Assert.Empty(_client.Send("status\n"));
    }

    [Fact]
    public void Receive_TwoLinesInOneBuffer_AnswersThemOneAtATime()
    {
        byte[] data = Encoding.ASCII.GetBytes("quit\nstatus\n");

        Assert.Equal(5, _client.Session.Receive(data, 0, data.Length));
        Assert.Equal("ok bye", _client.Session.Reply);
    }

    [Fact]
    public void Receive_BlankAndCommentLines_GetNoReply()
    {
        Assert.Equal(["ok bye"], _client.Send("\n   \r\n# installer notes\nquit\n"));
    }

    [Fact]
    public void P1_OneMegabyteWithoutNewline_ErrorAtTheCapAndClosed()
    {
        byte[] megabyte = Encoding.ASCII.GetBytes(new string('x', 1 << 20));

        int used = _client.Session.Receive(megabyte, 0, megabyte.Length);

        Assert.Equal(SettingsLimits.LineBytes + 1, used);
        Assert.Equal("error line: longer than 4096 bytes; closing", _client.Session.Reply);
        Assert.Equal(SessionEnd.LineTooLong, _client.Session.End);
        Assert.True(_client.Session.Buffered <= SettingsLimits.LineBytes);
    }

    [Fact]
    public void P3_SlowClientOneBytePerTenSeconds_IsClosedAtTheIdleTimeout()
    {
        for (int second = 10; second < 60; second += 10)
        {
            _client.Clock.Advance(10_000);
            _client.Send("s");
            Assert.False(_client.Session.CheckIdle());
        }

        _client.Clock.Advance(10_000);

        Assert.True(_client.Session.CheckIdle());
        Assert.Equal("error idle: no command for 60 s; closing", _client.Session.Reply);
        Assert.Equal(SessionEnd.IdleTimeout, _client.Session.End);
    }

    [Fact]
    public void P3_CompleteLine_RestartsTheIdleClock()
    {
        _client.Clock.Advance(50_000);
        _client.Line("status");
        _client.Clock.Advance(50_000);

        Assert.False(_client.Session.CheckIdle());
        Assert.Null(_client.Session.Reply);
    }
}
