using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Device;

namespace EnergyLogger.Host.Local;

/// <summary>
/// The <c>influx</c> member of the virtual device's config (docs/local-access.md, "InfluxDB"): the server's base URL and
/// either an InfluxDB 1.x database (<c>db</c>, optionally <c>user</c> and <c>password</c>), written through <c>/write</c>,
/// or an InfluxDB 2.x <c>org</c>, <c>bucket</c> and <c>token</c>, written through <c>/api/v2/write</c>.
/// </summary>
internal sealed class InfluxConfig
{
    /// <summary>The wait for one post when the config does not say (and for a destination the settings name).</summary>
    public const int DefaultTimeoutMs = 10_000;

    private static readonly string[] Members = ["url", "db", "user", "password", "org", "bucket", "token", "timeoutMs"];

    private InfluxConfig(InfluxEndpoint endpoint, int timeoutMs)
    {
        Endpoint = endpoint;
        TimeoutMs = timeoutMs;
    }

    /// <summary>The write endpoint with its query (database or org and bucket, precision ms) and, for 2.x, the token's header.</summary>
    public InfluxEndpoint Endpoint { get; }

    public int TimeoutMs { get; }

    /// <summary>
    /// The member, checked as the port-4242 settings <c>influx.*</c> and the cloud config's <c>influx</c> are: each text by
    /// its field's rule, then the whole by <see cref="SettingsCheck.Influx"/>.
    /// </summary>
    public static InfluxConfig Read(JsonElement influx)
    {
        HostConfig.Expect(influx, JsonValueKind.Object, "$.influx");
        HostConfig.Known(influx, Members, "$.influx");
        var settings = new DeviceSettings();
        foreach (JsonProperty member in influx.EnumerateObject())
        {
            SettingField? field = SettingFields.Find("influx." + member.Name);
            if (field is not null && settings.Set(field, HostConfig.Text(member.Value, "$.influx." + member.Name)) is { } reason)
            {
                throw new UsageException("$.influx." + member.Name + ": " + reason);
            }
        }

        if (!settings.IsSet(SettingFields.InfluxUrl))
        {
            throw new UsageException("$.influx.url: required (http://HOST:8086)");
        }

        var report = new ValidationReport();
        SettingsCheck.Influx(settings, report);
        if (!report.IsEmpty)
        {
            throw new UsageException("$." + report.Describe());
        }

        return new InfluxConfig(InfluxEndpoint.FromSettings(settings)!, HostConfig.Int(influx, "timeoutMs", DefaultTimeoutMs, 100, 600_000, "$.influx"));
    }
}
