using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>The state of the link, for LEDs and diagnostics.</summary>
    public enum LinkState
    {
        /// <summary>Waiting out the backoff before the next attempt.</summary>
        Waiting,
        Online,
    }

    /// <summary>
    /// Keeps one MQTT session up: connects, hands it to the <see cref="CloudSession"/>, reconnects after a loss with
    /// exponential backoff and jitter (<see cref="Backoff"/>), and pumps the session's events. Driven by
    /// <see cref="Tick"/> from one thread; it never blocks longer than one connect attempt.
    /// </summary>
    public sealed class CloudLink
    {
        private readonly IMqttSession _mqtt;
        private readonly IClock _clock;
        private readonly CloudSettings _settings;
        private readonly CloudSession _session;
        private readonly Backoff _backoff;
        private readonly MqttEvent _event = new MqttEvent();
        private long _nextAttemptMs;

        public CloudLink(IMqttSession mqtt, IClock clock, CloudSettings settings, CloudSession session, CloudCounters counters, uint jitterSeed)
        {
            _mqtt = mqtt;
            _clock = clock;
            _settings = settings;
            _session = session;
            Counters = counters;
            _backoff = new Backoff(settings.BackoffBaseMs, settings.BackoffMaxMs, jitterSeed);
            _nextAttemptMs = clock.MonotonicMs;
        }

        public CloudCounters Counters { get; }

        public LinkState State { get; private set; } = LinkState.Waiting;

        public void Tick()
        {
            long now = _clock.MonotonicMs;
            if (State == LinkState.Online)
            {
                Pump(now);
            }

            if (State == LinkState.Waiting && now >= _nextAttemptMs)
            {
                Attempt(now);
            }

            if (State == LinkState.Online)
            {
                _session.Tick(_clock.MonotonicMs);
            }

            if (_session.TakeReconnect())
            {
                Reconnect();
            }
        }

        /// <summary>
        /// Drops the session, if it is up, and connects again at the next tick without waiting out the backoff: the
        /// reconnect command, or a Wi-Fi network just joined. What was in flight goes again on the new session.
        /// </summary>
        public void Reconnect()
        {
            Close();
            _backoff.Reset();
            _nextAttemptMs = _clock.MonotonicMs;
        }

        /// <summary>Ends the session on purpose (shutdown, reboot); the will is not published.</summary>
        public void Close()
        {
            if (State == LinkState.Online)
            {
                _mqtt.Disconnect();
                _session.OnConnectionLost();
            }

            State = LinkState.Waiting;
        }

        private void Attempt(long now)
        {
            Counters.ConnectAttempts++;
            MqttConnectResult result = _mqtt.Connect(_settings.Connection);
            if (!result.IsAccepted)
            {
                Counters.ConnectFailures++;
                Counters.LastError = "connect: " + result.Reason;
                _nextAttemptMs = _clock.MonotonicMs + _backoff.NextDelayMs();
                return;
            }

            Counters.Connects++;
            _backoff.Reset();
            State = LinkState.Online;
            _session.OnConnected(_clock.MonotonicMs);
        }

        private void Pump(long now)
        {
            while (_mqtt.Poll(_event))
            {
                switch (_event.Kind)
                {
                    case MqttEventKind.Message:
                        _session.OnMessage(_event.Topic, _event.Payload, _event.PayloadLength, _event.Truncated ? _event.MessageLength : _event.PayloadLength, now);
                        break;
                    case MqttEventKind.Acknowledged:
                        _session.OnAcknowledged(_event.MessageId, now);
                        break;
                    case MqttEventKind.ConnectionLost:
                        Lost(now, _event.Reason);
                        return;
                }
            }

            if (!_mqtt.IsConnected)
            {
                Lost(now, "session closed");
            }
        }

        private void Lost(long now, string reason)
        {
            Counters.ConnectionsLost++;
            Counters.LastError = "connection lost: " + reason;
            State = LinkState.Waiting;
            _session.OnConnectionLost();
            _nextAttemptMs = now + _backoff.NextDelayMs();
        }
    }
}
