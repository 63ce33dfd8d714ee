using System.Text.Json;
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
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException("$.influx.url: an http:// or https:// URL");
        }

        string? db = TextOf(influx, "db");
        string? org = TextOf(influx, "org");
        string? bucket = TextOf(influx, "bucket");
        string? token = TextOf(influx, "token");
        int timeoutMs = HostConfig.Int(influx, "timeoutMs", 10_000, 100, 600_000, "$.influx");
        string baseUrl = url.TrimEnd('/');
        if (db is not null)
        {
            if (org is not null || bucket is not null || token is not null)
            {
                throw new UsageException("$.influx: db (InfluxDB 1.x) excludes org, bucket and token (2.x)");
            }

            string query = "db=" + Uri.EscapeDataString(db) + "&precision=ms";
            if (TextOf(influx, "user") is { } user)
            {
                query += "&u=" + Uri.EscapeDataString(user) + "&p=" + Uri.EscapeDataString(TextOf(influx, "password") ?? "");
            }

            return new InfluxConfig(new Uri(baseUrl + "/write?" + query), null, timeoutMs);
        }

        if (org is null || bucket is null || token is null)
        {
            throw new UsageException("$.influx: db (InfluxDB 1.x), or org, bucket and token (2.x), required");
        }

        if (TextOf(influx, "user") is not null || TextOf(influx, "password") is not null)
        {
            throw new UsageException("$.influx: user and password are for db (1.x); 2.x takes a token");
        }

        return new InfluxConfig(
            new Uri(baseUrl + "/api/v2/write?org=" + Uri.EscapeDataString(org) + "&bucket=" + Uri.EscapeDataString(bucket) + "&precision=ms"), token, timeoutMs);
    }

    private static string? TextOf(JsonElement obj, string name) => HostConfig.Member(obj, name) is { } v ? HostConfig.Text(v, "$.influx." + name) : null;
}
