using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Cli;

/// <summary>The broker options the virtual dongles share: <c>--broker mqtt[s]://HOST[:PORT]</c> and its TLS and credentials.</summary>
internal static class BrokerOptions
{
    public const string DefaultTopicRoot = "energylogger";

    public static readonly string[] HelpLines =
    [
        "  --broker URL              mqtts://HOST[:PORT] (TLS 1.2, default port 8883) or mqtt://HOST[:PORT] (default 1883)",
        "    --ca-file FILE          the broker's CA certificate (PEM or DER); required for mqtts, the only trust anchor",
        "    --username NAME         MQTT user name",
        "    --password TEXT         MQTT password",
        $"    --topic-root ROOT       topics go under ROOT/energy-logger-MAC/ (default {DefaultTopicRoot})",
    ];

    /// <summary>The broker, or null when <c>--broker</c> is not given (and then none of its options may be).</summary>
    public static BrokerTarget? Parse(CommandLine cli)
    {
        string? url = cli.Text("broker");
        string? caFile = cli.Text("ca-file");
        string? username = cli.Text("username");
        string? password = cli.Text("password");
        string root = cli.Text("topic-root") ?? DefaultTopicRoot;
        if (url is null)
        {
            return caFile is null && username is null && password is null && !cli.Has("topic-root")
                ? null
                : throw new UsageException("--ca-file, --username, --password and --topic-root need --broker");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("mqtt" or "mqtts") || uri.Host.Length == 0
            || uri.AbsolutePath is not ("" or "/") || uri.UserInfo.Length > 0)
        {
            throw new UsageException($"--broker must be mqtts://HOST[:PORT] or mqtt://HOST[:PORT], not '{url}'");
        }

        bool tls = uri.Scheme == "mqtts";
        if (tls != (caFile is not null))
        {
            throw new UsageException(tls ? "mqtts needs --ca-file: the logger trusts only the CA it is given" : "--ca-file applies to mqtts:// only");
        }

        if (root.Length == 0 || root.EndsWith('/') || root.IndexOfAny(['+', '#']) >= 0)
        {
            throw new UsageException($"--topic-root must be a topic without wildcards or a trailing '/', not '{root}'");
        }

        int port = uri.IsDefaultPort ? (tls ? 8883 : 1883) : uri.Port;
        return new BrokerTarget(uri.IdnHost, port, tls, caFile is null ? null : ReadCa(caFile), username, password, root);
    }

    private static byte[] ReadCa(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--ca-file: cannot read {path}: {e.Message}");
        }
    }
}
