using System.CommandLine;
using EnergyLogger.Host.Uplink;

namespace EnergyLogger.Host.Cli;

/// <summary>The broker options the virtual dongles share: <c>--broker mqtt[s]://HOST[:PORT]</c> and its TLS and credentials.</summary>
internal sealed class BrokerOptions
{
    public const string DefaultTopicRoot = "energylogger";

    private readonly Option<string> _broker = CliOption.Text("--broker", "URL", "mqtts://HOST[:PORT] (TLS 1.2 or 1.3, default port 8883) or mqtt://HOST[:PORT] (default 1883)");
    private readonly Option<string> _caFile = CliOption.Text("--ca-file", "FILE", "the broker's CA certificate (PEM or DER); required for mqtts, the only trust anchor");
    private readonly Option<string> _username = CliOption.Text("--username", "NAME", "MQTT user name");
    private readonly Option<string> _password = CliOption.Text("--password", "TEXT", "MQTT password");
    private readonly Option<string> _topicRoot = CliOption.Text("--topic-root", "ROOT", $"topics go under ROOT/energy-logger-MAC/ [default: {DefaultTopicRoot}]");

    public Option[] All => [_broker, _caFile, _username, _password, _topicRoot];

    /// <summary>True when <c>--broker</c> or one of its options is given.</summary>
    public bool IsGiven(ParseResult result) => Array.Exists(All, result.IsGiven);

    /// <summary>The broker, or null when <c>--broker</c> is not given (and then none of its options may be).</summary>
    public BrokerTarget? Parse(ParseResult result)
    {
        string? url = result.GetValue(_broker);
        string? caFile = result.GetValue(_caFile);
        string? username = result.GetValue(_username);
        string? password = result.GetValue(_password);
        string root = result.GetValue(_topicRoot) ?? DefaultTopicRoot;
        if (url is null)
        {
            return caFile is null && username is null && password is null && !result.IsGiven(_topicRoot)
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
