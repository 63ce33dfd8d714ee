using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Uplink;

/// <summary>
/// A broker a virtual dongle publishes to in custom-MQTT mode (docs/cloud.md, "Custom MQTT"): where it is,
/// whether TLS is on (then <see cref="CaCertificate"/> is the only trust anchor), the credentials, and the
/// root under which each dongle gets its prefix <c>{root}/{client id}</c>.
/// </summary>
internal sealed record BrokerTarget(string Host, int Port, bool UseTls, byte[]? CaCertificate, string? Username, string? Password, string TopicRoot)
{
    public string Describe() => $"{(UseTls ? "mqtts" : "mqtt")}://{Host}:{Port}";

    public string PrefixFor(string clientId) => $"{TopicRoot}/{clientId}";

    public MqttConnectOptions ConnectOptions(string clientId, int keepAliveSeconds) => new()
    {
        Host = Host,
        Port = Port,
        UseTls = UseTls,
        CaCertificate = CaCertificate,
        ClientId = clientId,
        Username = Username,
        Password = Password,
        KeepAliveSeconds = keepAliveSeconds,
        ConnectTimeoutMs = 10_000,
    };
}
