using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>The InfluxDB settings of port 4242: the URL's rule, and the check that a 1.x or a 2.x destination is complete.</summary>
public class InfluxSettingsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8086", null)]
    [InlineData("https://influx.example.net", null)]
    [InlineData("https://influx.example.net/prefix/", null)]
    [InlineData("", null)]
    [InlineData("ftp://influx", "an http:// or https:// URL")]
    [InlineData("influx.local:8086", "an http:// or https:// URL")]
    [InlineData("http://", "host: no host")]
    [InlineData("http://user:pw@influx", "only scheme, host, port and path")]
    [InlineData("http://influx:0", "port: an integer from 1 to 65535")]
    [InlineData("http://influx:99999/", "port: an integer from 1 to 65535")]
    [InlineData("http://300.1.1.1", "host: not a valid IPv4 address")]
    public void UrlRule_Checks(string url, string? reason)
    {
        Assert.Equal(reason, new UrlRule().Check(url));
    }

    public static TheoryData<string[], string> Combinations => new()
    {
        { [], "" },
        { ["influx.url", "http://127.0.0.1:8086", "influx.db", "energy"], "" },
        { ["influx.url", "http://127.0.0.1:8086", "influx.db", "energy", "influx.user", "logger", "influx.password", "pw"], "" },
        { ["influx.url", "https://eu.influx", "influx.org", "home", "influx.bucket", "solar", "influx.token", "t0ken"], "" },
        { ["influx.db", "energy"], "influx.url: required with the other influx settings" },
        { ["influx.url", "http://h:8086"], "influx.db: influx.db (1.x), or influx.org, .bucket and .token (2.x), required with influx.url" },
        { ["influx.url", "http://h:8086", "influx.db", "energy", "influx.password", "pw"], "influx.password: needs influx.user" },
        { ["influx.url", "http://h:8086", "influx.db", "energy", "influx.user", "site:logger", "influx.password", "pw"], "influx.user: cannot hold ':', which separates it from the password in HTTP Basic authentication" },
        { ["influx.url", "http://h:8086", "influx.user", "u"], "influx.db: required for InfluxDB 1.x (or set influx.org, .bucket and .token for 2.x)" },
        { ["influx.url", "http://h:8086", "influx.org", "home"], "influx.bucket: required for InfluxDB 2.x; influx.token: required for InfluxDB 2.x" },
        { ["influx.url", "http://h:8086", "influx.db", "e", "influx.token", "t"], "influx.db: influx.db, .user and .password (1.x) exclude influx.org, .bucket and .token (2.x)" },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Check_InfluxDestination_IsOneWholeVersion(string[] pairs, string expected)
    {
        DeviceSettings settings = SettingsSamples.Complete();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            Assert.Null(settings.Set(SettingFields.Find(pairs[i])!, pairs[i + 1]));
        }

        var report = new ValidationReport();
        SettingsCheck.Run(settings, report);
        Assert.Equal(expected, report.Describe());
    }

    [Fact]
    public void PasswordAndToken_AreSecrets_AndWipedByAFactoryReset()
    {
        Assert.True(SettingFields.InfluxPassword.IsSecret && SettingFields.InfluxPassword.IsCredential);
        Assert.True(SettingFields.InfluxToken.IsSecret && SettingFields.InfluxToken.IsCredential);
        Assert.False(SettingFields.InfluxUrl.IsSecret);
    }
}
