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

    public static InfluxConfig Read(JsonElement influx)
    {
        HostConfig.Expect(influx, JsonValueKind.Object, "$.influx");
        HostConfig.Known(influx, Members, "$.influx");
        string url = TextOf(influx, "url") ?? throw new UsageException("$.influx.url: required (http://HOST:8086)");
        return Build(url, TextOf(influx, "db"), TextOf(influx, "user"), TextOf(influx, "password"), TextOf(influx, "org"), TextOf(influx, "bucket"),
            TextOf(influx, "token"), HostConfig.Int(influx, "timeoutMs", DefaultTimeoutMs, 100, 600_000, "$.influx"), "$.influx");
    }

    private static InfluxConfig Build(string url, string? db, string? user, string? password, string? org, string? bucket, string? token, int timeoutMs,
        string where)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException(where + ".url: an http:// or https:// URL");
        }

        if (db is not null)
        {
            if (db.Length == 0)
            {
                throw new UsageException(where + ".db: a database name");
            }

            if (org is not null || bucket is not null || token is not null)
            {
                throw new UsageException(where + ": db (InfluxDB 1.x) excludes org, bucket and token (2.x)");
            }

            return new InfluxConfig(InfluxEndpoint.Of(url, db, user ?? "", password ?? "", "", "", ""), timeoutMs);
        }

        if (org is null || bucket is null || token is null)
        {
            throw new UsageException(where + ": db (InfluxDB 1.x), or org, bucket and token (2.x), required");
        }

        if (user is not null || password is not null)
        {
            throw new UsageException(where + ": user and password are for db (1.x); 2.x takes a token");
        }

        return new InfluxConfig(InfluxEndpoint.Of(url, "", "", "", org, bucket, token), timeoutMs);
    }

    private static string? TextOf(JsonElement obj, string name) => HostConfig.Member(obj, name) is { } v ? HostConfig.Text(v, "$.influx." + name) : null;
}
