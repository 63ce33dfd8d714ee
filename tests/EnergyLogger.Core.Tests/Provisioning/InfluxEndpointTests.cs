using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>The write URL and Authorization header both adapters post with, from the settings or from given fields.</summary>
public class InfluxEndpointTests
{
    private static DeviceSettings Settings(params string[] pairs)
    {
        var settings = new DeviceSettings();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            Assert.Null(settings.Set(SettingFields.Find(pairs[i])!, pairs[i + 1]));
        }

        return settings;
    }

    [Fact]
    public void FromSettings_V1WithCredentials_WriteWithDatabaseAndPrecision_CredentialsInABasicHeaderNotTheUrl()
    {
        InfluxEndpoint? to = InfluxEndpoint.FromSettings(Settings("influx.url", "http://192.168.1.20:8086/", "influx.db", "energy",
            "influx.user", "logger", "influx.password", "p&ss w=rd"));

        Assert.NotNull(to);
        Assert.Equal("http://192.168.1.20:8086/write?db=energy&precision=ms", to.WriteUrl);

        // RFC 7617: Base64 of "logger:p&ss w=rd" in UTF-8.
        Assert.Equal("Basic bG9nZ2VyOnAmc3Mgdz1yZA==", to.Authorization);
    }

    [Fact]
    public void FromSettings_V1WithoutUser_NoCredentialsInTheQuery()
    {
        InfluxEndpoint? to = InfluxEndpoint.FromSettings(Settings("influx.url", "http://h:8086", "influx.db", "energy"));

        Assert.Equal("http://h:8086/write?db=energy&precision=ms", to!.WriteUrl);
    }

    [Fact]
    public void FromSettings_V2_ApiV2WriteWithOrgBucketAndTokenHeader()
    {
        InfluxEndpoint? to = InfluxEndpoint.FromSettings(Settings("influx.url", "https://eu.influx.example/base//", "influx.org", "home lab",
            "influx.bucket", "solar/roof", "influx.token", "t0k3n=="));

        Assert.Equal("https://eu.influx.example/base/api/v2/write?org=home%20lab&bucket=solar%2Froof&precision=ms", to!.WriteUrl);
        Assert.Equal("Token t0k3n==", to.Authorization);
    }

    [Fact]
    public void FromSettings_NoUrl_None()
    {
        Assert.Null(InfluxEndpoint.FromSettings(new DeviceSettings()));
    }

    [Theory]
    [InlineData("energy")]
    [InlineData("home lab & garage")]
    [InlineData("a=b?c#d/e+f%g")]
    [InlineData("Zählerstand ~ 3.5_kWh-")]
    [InlineData("日本")]
    public void Encode_AsUriEscapeDataString(string text)
    {
        Assert.Equal(Uri.EscapeDataString(text), InfluxEndpoint.Encode(text));
    }

    [Fact]
    public void SameAs_ComparesUrlAndHeader()
    {
        InfluxEndpoint a = InfluxEndpoint.Of("http://h:8086", "", "", "", "o", "b", "t1");

        Assert.True(a.SameAs(InfluxEndpoint.Of("http://h:8086/", "", "", "", "o", "b", "t1")));
        Assert.False(a.SameAs(InfluxEndpoint.Of("http://h:8086", "", "", "", "o", "b", "t2")));
        Assert.False(a.SameAs(null));
    }
}
