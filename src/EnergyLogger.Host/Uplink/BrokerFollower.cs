using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Uplink;

/// <summary>One message a <see cref="BrokerFollower"/> took: its topic and its bytes.</summary>
internal sealed record BrokerMessage(string Topic, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// Follows topics on a broker the way <c>mosquitto_sub</c> does, through the host's <see cref="IMqttSession"/>
/// (whichever client stands behind it): connects, subscribes, hands over each message, and after a lost
/// connection connects and subscribes again, telling why through <see cref="Notice"/>.
/// </summary>
internal sealed class BrokerFollower(Func<IMqttSession> sessions, BrokerTarget broker, string[] filters) : IDisposable
{
    private const int RetryMs = 2000;

    private readonly MqttEvent _event = new();
    private IMqttSession? _session;

    /// <summary>The connection's changes and failures, as lines for the user.</summary>
    public Action<string> Notice { get; init; } = _ => { };

    /// <summary>The next message, or null when <paramref name="stop"/> was set or <paramref name="waitMs"/> passed without one.</summary>
    public BrokerMessage? Next(int waitMs, CancellationToken stop)
    {
        long end = Environment.TickCount64 + waitMs;
        while (!stop.IsCancellationRequested)
        {
            if (!EnsureConnected(stop))
            {
                return null;
            }

            if (_session!.Poll(_event))
            {
                if (_event.Kind == MqttEventKind.Message)
                {
                    return new BrokerMessage(_event.Topic, _event.Payload.AsSpan(0, _event.PayloadLength).ToArray());
                }

                if (_event.Kind == MqttEventKind.ConnectionLost)
                {
                    Notice($"connection to {broker.Describe()} lost: {_event.Reason}; connecting again");
                }

                continue;
            }

            if (Environment.TickCount64 >= end)
            {
                return null;
            }

            stop.WaitHandle.WaitOne(20);
        }

        return null;
    }

    private bool EnsureConnected(CancellationToken stop)
    {
        while (_session is not { IsConnected: true })
        {
            _session ??= sessions();
            MqttConnectResult result = _session.Connect(broker.ConnectOptions($"energylogger-sub-{Environment.ProcessId}", 60));
            if (result.IsAccepted && Array.TrueForAll(filters, f => _session.Subscribe(f, MqttQos.AtLeastOnce)))
            {
                Notice($"following {string.Join(", ", filters)} on {broker.Describe()}");
                return true;
            }

            Notice($"cannot connect to {broker.Describe()}: {result.Reason}; trying again in {RetryMs / 1000} s");
            if (stop.WaitHandle.WaitOne(RetryMs))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (_session is { IsConnected: true })
        {
            _session.Disconnect();
        }

        (_session as IDisposable)?.Dispose();
    }
}
