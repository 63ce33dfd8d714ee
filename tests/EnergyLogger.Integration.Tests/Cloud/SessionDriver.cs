using System.Diagnostics;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Mqtt;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>Helpers to drive a real <see cref="MqttNetSession"/> in tests: options for the broker, and polling until an event arrives.</summary>
internal static class SessionDriver
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static MqttNetSession NewClient() => new(new SystemClock());

    public static MqttConnectOptions Options(MosquittoBroker broker, int port, string clientId, bool tls = true) => new()
    {
        Host = "localhost",
        Port = port,
        UseTls = tls,
        CaCertificate = broker.CaPem,
        ClientId = clientId,
        KeepAliveSeconds = 60,
        ConnectTimeoutMs = 5000,
    };

    /// <summary>Polls until an event of <paramref name="kind"/> (optionally on <paramref name="topic"/>) arrives; other events are kept in <paramref name="seen"/>.</summary>
    public static MqttEvent? WaitFor(IMqttSession session, MqttEventKind kind, string? topic = null, TimeSpan? limit = null, List<MqttEvent>? seen = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (limit ?? Patience))
        {
            var e = new MqttEvent();
            if (!session.Poll(e))
            {
                Thread.Sleep(5);
                continue;
            }

            if (e.Kind == kind && (topic is null || e.Topic == topic))
            {
                return e;
            }

            seen?.Add(e);
        }

        return null;
    }

    public static string Text(MqttEvent e) => System.Text.Encoding.UTF8.GetString(e.Payload, 0, e.PayloadLength);
}
