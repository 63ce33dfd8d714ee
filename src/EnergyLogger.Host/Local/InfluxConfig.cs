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
    private static readonly string[] Members = ["url", "db", "user", "password", "org", "bucket", "token", "timeoutMs"];

    private InfluxConfig(Uri writeUri, string? token, int timeoutMs)
    {
        WriteUri = writeUri;
        Token = token;
        TimeoutMs = timeoutMs;
    }

    /// <summary>The write endpoint with its query: database or org and bucket, precision ms.</summary>
    public Uri WriteUri { get; }

    /// <summary>The 2.x API token, sent as <c>Authorization: Token ...</c>; null for 1.x.</summary>
    public string? Token { get; }

    public int TimeoutMs { get; }

    public static InfluxConfig Read(JsonElement influx)
    {
        HostConfig.Expect(influx, JsonValueKind.Object, "$.influx");
        HostConfig.Known(influx, Members, "$.influx");
        string url = TextOf(influx, "url") ?? throw new UsageException("$.influx.url: required (http://HOST:8086)");
        return Build(url, TextOf(influx, "db"), TextOf(influx, "user"), TextOf(influx, "password"), TextOf(influx, "org"), TextOf(influx, "bucket"),
            TextOf(influx, "token"), HostConfig.Int(influx, "timeoutMs", 10_000, 100, 600_000, "$.influx"), "$.influx");
    }

    /// <summary>
    /// From the port-4242 settings <c>influx.*</c> (docs/local-access.md), when the config file has no <c>influx</c> member;
    /// null when <c>influx.url</c> is not set. The settings' own check has already matched 1.x or 2.x members.
    /// </summary>
    public static InfluxConfig? FromSettings(DeviceSettings settings)
    {
        if (settings.InfluxUrl.Length == 0)
        {
            return null;
        }

        string? Of(SettingField field) => settings.IsSet(field) ? settings.Get(field) : null;
        return Build(settings.InfluxUrl, Of(SettingFields.InfluxDb), Of(SettingFields.InfluxUser), Of(SettingFields.InfluxPassword), Of(SettingFields.InfluxOrg),
            Of(SettingFields.InfluxBucket), Of(SettingFields.InfluxToken), 10_000, "influx settings");
    }

    private static InfluxConfig Build(string url, string? db, string? user, string? password, string? org, string? bucket, string? token, int timeoutMs,
        string where)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException(where + ".url: an http:// or https:// URL");
        }

        string baseUrl = url.TrimEnd('/');
        if (db is not null)
        {
            if (org is not null || bucket is not null || token is not null)
            {
                throw new UsageException(where + ": db (InfluxDB 1.x) excludes org, bucket and token (2.x)");
            }

            string query = "db=" + Uri.EscapeDataString(db) + "&precision=ms";
            if (user is not null)
            {
                query += "&u=" + Uri.EscapeDataString(user) + "&p=" + Uri.EscapeDataString(password ?? "");
            }

            return new InfluxConfig(new Uri(baseUrl + "/write?" + query), null, timeoutMs);
        }

        if (org is null || bucket is null || token is null)
        {
            throw new UsageException(where + ": db (InfluxDB 1.x), or org, bucket and token (2.x), required");
        }

        if (user is not null || password is not null)
        {
            throw new UsageException(where + ": user and password are for db (1.x); 2.x takes a token");
        }

        return new InfluxConfig(
            new Uri(baseUrl + "/api/v2/write?org=" + Uri.EscapeDataString(org) + "&bucket=" + Uri.EscapeDataString(bucket) + "&precision=ms"), token, timeoutMs);
    }

    private static string? TextOf(JsonElement obj, string name) => HostConfig.Member(obj, name) is { } v ? HostConfig.Text(v, "$.influx." + name) : null;
}
