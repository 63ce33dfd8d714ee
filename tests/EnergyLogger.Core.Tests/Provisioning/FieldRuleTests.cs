using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>Every rule of the settings table, one row per case (RELIABILITY P2: SSID, key, port, host).</summary>
public class FieldRuleTests
{
    public static TheoryData<string, string, string?> Cases => new()
    {
        // field, text, expected reason (null = accepted)
        { "wifi.ssid", "Home", null },
        { "wifi.ssid", new string('s', 32), null },
        { "wifi.ssid", new string('s', 33), "longer than 32 bytes" },
        { "wifi.ssid", string.Concat(Enumerable.Repeat("é", 16)), null },
        { "wifi.ssid", string.Concat(Enumerable.Repeat("€", 11)), "longer than 32 bytes" },
        { "wifi.ssid", string.Concat(Enumerable.Repeat("😀", 8)), null },
        { "wifi.ssid", string.Concat(Enumerable.Repeat("😀", 9)), "longer than 32 bytes" },
        { "wifi.ssid", "a\u0001b", "control characters are not allowed" },
        { "wifi.key", "", null },
        { "wifi.key", "1234567", "must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network" },
        { "wifi.key", "12345678", null },
        { "wifi.key", new string('k', 63), null },
        { "wifi.key", new string('k', 64), "must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network" },
        { "wifi.key", new string('a', 32) + new string('F', 32), null },
        { "wifi.key", "päss wörd", "must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network" },
        { "mqtt.host", "mqtt.cloud.kaaiot.com", null },
        { "mqtt.host", "localhost", null },
        { "mqtt.host", "192.168.4.1", null },
        { "mqtt.host", "3com.example", null },
        { "mqtt.host", "256.1.1.1", "not a valid IPv4 address" },
        { "mqtt.host", "1.2.3", "not a valid IPv4 address" },
        { "mqtt.host", "1.2.3.4.5", "not a valid IPv4 address" },
        { "mqtt.host", "01.2.3.4", "not a valid IPv4 address" },
        { "mqtt.host", "-bad.example", "a name part cannot start or end with '-'" },
        { "mqtt.host", "bad-.example", "a name part cannot start or end with '-'" },
        { "mqtt.host", "a..b", "each name part must be 1 to 63 characters" },
        { "mqtt.host", "trailing.", "each name part must be 1 to 63 characters" },
        { "mqtt.host", new string('h', 63) + ".example", null },
        { "mqtt.host", new string('h', 64) + ".example", "each name part must be 1 to 63 characters" },
        { "mqtt.host", string.Join('.', Enumerable.Repeat(new string('h', 50), 5)), "longer than 253 characters" },
        { "mqtt.host", "under_score.example", "only letters, digits, '-' and '.' are allowed in a host name" },
        { "mqtt.host", "my host", "only letters, digits, '-' and '.' are allowed in a host name" },
        { "mqtt.port", "1", null },
        { "mqtt.port", "65535", null },
        { "mqtt.port", "0", "must be a whole number from 1 to 65535" },
        { "mqtt.port", "65536", "must be a whole number from 1 to 65535" },
        { "mqtt.port", "+1", "must be a whole number from 1 to 65535" },
        { "mqtt.port", " 1", "must be a whole number from 1 to 65535" },
        { "mqtt.port", "1e3", "must be a whole number from 1 to 65535" },
        { "mqtt.port", "99999999999", "must be a whole number from 1 to 65535" },
        { "mqtt.tls", "on", null },
        { "mqtt.tls", "ON", "must be on or off" },
        { "mqtt.tls", "yes", "must be on or off" },
        { "mqtt.username", new string('u', 128), null },
        { "mqtt.username", new string('u', 129), "longer than 128 bytes" },
        { "mqtt.password", "tab\there", "control characters are not allowed" },
        { "cloud.mode", "mqtt", null },
        { "cloud.mode", "aws", "must be kaa or mqtt" },
        { "kaa.token", "abc-123_x.y~Z", null },
        { "kaa.token", "a/b", "only printable ASCII without spaces, '/', '+' or '#'" },
        { "kaa.token", "a+b", "only printable ASCII without spaces, '/', '+' or '#'" },
        { "kaa.app", "app#1", "only printable ASCII without spaces, '/', '+' or '#'" },
        { "kaa.app", "my app", "only printable ASCII without spaces, '/', '+' or '#'" },
        { "kaa.app", "ü", "only printable ASCII without spaces, '/', '+' or '#'" },
        { "kaa.app", new string('v', 129), "longer than 128 characters" },
        { "mqtt.prefix", "site/42", null },
        { "mqtt.prefix", "/site", "no empty topic level (leading, trailing or double '/')" },
        { "mqtt.prefix", "site/", "no empty topic level (leading, trailing or double '/')" },
        { "mqtt.prefix", "a//b", "no empty topic level (leading, trailing or double '/')" },
        { "mqtt.prefix", "$SYS/x", "topics starting with '$' belong to the broker" },
        { "mqtt.prefix", "a/+/b", "wildcards '+' and '#' are not allowed in a topic" },
        { "serial.baud", "19200", null },
        { "serial.baud", "14400", "must be 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200" },
        { "serial.parity", "even", null },
        { "serial.parity", "mark", "must be none, even or odd" },
        { "serial.stop", "2", null },
        { "serial.stop", "1.5", "must be 1 or 2" },
        { "serial.slave", "247", null },
        { "serial.slave", "248", "must be a whole number from 1 to 247" },
        { "serial.slave", "0", "must be a whole number from 1 to 247" },
        { "watchdog.gpio", "none", null },
        { "watchdog.gpio", "48", null },
        { "watchdog.gpio", "49", "must be none or a GPIO number from 0 to 48" },
        { "watchdog.gpio", "-1", "must be none or a GPIO number from 0 to 48" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Table_GivesExpectedReason(string field, string text, string? expected)
    {
        Assert.Equal(expected, SettingFields.Find(field)!.Rule.Check(text));
    }

    [Theory]
    [InlineData("mqtt.port", "0080", "80")]
    [InlineData("serial.slave", "007", "7")]
    [InlineData("watchdog.gpio", "05", "5")]
    [InlineData("watchdog.gpio", "none", "none")]
    [InlineData("wifi.ssid", " spaced ", " spaced ")]
    public void Set_AcceptedText_StoresCanonicalForm(string field, string text, string stored)
    {
        var settings = new DeviceSettings();

        Assert.Null(settings.Set(SettingFields.Find(field)!, text));
        Assert.Equal(stored, settings.Get(SettingFields.Find(field)!));
    }

    [Fact]
    public void Set_RefusedText_KeepsPreviousValue()
    {
        var settings = new DeviceSettings();
        SettingsSamples.Set(settings, SettingFields.MqttPort, "1883");

        Assert.NotNull(settings.Set(SettingFields.MqttPort, "70000"));
        Assert.Equal(1883, settings.MqttPort);
    }

    [Fact]
    public void Fields_TagsAndNames_AreUniqueAndIndexed()
    {
        SettingField[] all = SettingFields.All;

        Assert.Equal(all.Length, all.Select(f => f.Tag).Distinct().Count());
        Assert.Equal(all.Length, all.Select(f => f.Name).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, all.Length), all.Select(f => f.Index));
        Assert.All(all, f => Assert.Null(f.Rule.Check(f.DefaultText)));
    }

    [Fact]
    public void Fields_Secrets_AreTheCredentialsThatAuthenticate()
    {
        Assert.Equal(["wifi.key", "mqtt.password", "kaa.token", "influx.password", "influx.token"], SettingFields.All.Where(f => f.IsSecret).Select(f => f.Name));
    }

    [Fact]
    public void TypedAccessors_Defaults_DescribeAFreshDevice()
    {
        var settings = new DeviceSettings();

        Assert.Equal("mqtt.cloud.kaaiot.com", settings.MqttHost);
        Assert.Equal(8883, settings.MqttPort);
        Assert.True(settings.MqttTls);
        Assert.Equal(CloudMode.Kaa, settings.Cloud);
        Assert.Equal(9600, settings.SerialBaud);
        Assert.Equal(SerialParity.None, settings.Parity);
        Assert.Equal(1, settings.StopBits);
        Assert.Equal(1, settings.SlaveId);
        Assert.Equal(-1, settings.WatchdogGpio);
        Assert.Equal("", settings.WifiSsid);
    }

    [Fact]
    public void TypedAccessors_SetValues_AreParsed()
    {
        var settings = new DeviceSettings();
        SettingsSamples.Set(settings, SettingFields.SerialParity, "odd");
        SettingsSamples.Set(settings, SettingFields.SerialStopBits, "2");
        SettingsSamples.Set(settings, SettingFields.SerialBaud, "115200");
        SettingsSamples.Set(settings, SettingFields.WatchdogGpio, "21");
        SettingsSamples.Set(settings, SettingFields.CloudMode, "mqtt");
        SettingsSamples.Set(settings, SettingFields.MqttTls, "off");

        Assert.Equal(SerialParity.Odd, settings.Parity);
        Assert.Equal(2, settings.StopBits);
        Assert.Equal(115200, settings.SerialBaud);
        Assert.Equal(21, settings.WatchdogGpio);
        Assert.Equal(CloudMode.CustomMqtt, settings.Cloud);
        Assert.False(settings.MqttTls);
    }
}
