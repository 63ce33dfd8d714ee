using System.Buffers;
using System.Security.Authentication;
using EnergyLogger.Core.Ports;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// The host's <see cref="IMqttSession"/> on MQTTnet 5: MQTT 3.1.1 over <see cref="BrokerTransport"/> (TCP, or TLS 1.2/1.3
/// checked against the configured CA alone, under a <see cref="PacketGuardStream"/>). MQTTnet is asynchronous and raises
/// events on its own threads; the port is polled from one owner thread, so everything MQTTnet reports (messages,
/// PUBACKs, the end of the connection) goes into a bounded queue that <see cref="Poll"/> drains. Message ids are the
/// session's own, so an <see cref="MqttEventKind.Acknowledged"/> event names what <see cref="Publish"/> returned, also
/// for a publish resent after a reconnect without clean session. The keepalive is checked here as well, on the owner's
/// clock: a PINGREQ after half the interval without traffic, and one unanswered for another half ends the connection,
/// so a silent broker or half-open TCP is noticed within one interval (RELIABILITY C3). MQTTnet calls are never made
/// while the gate is held: its handlers take the gate, and they may run while such a call is waited for.
/// </summary>
public sealed class MqttNetSession : IMqttSession, IDisposable
{
    public const int DefaultMaxPacketBytes = 192 * 1024;
    public const int DefaultMaxInFlight = 32;
    public const int MaxQueuedEvents = 512;

    /// <summary>How far past the cap a PUBLISH is still read (and delivered cut) before its length counts as hostile.</summary>
    public const int MaxSkippedBytes = 4 * 1024 * 1024;

    private static readonly MqttClientFactory Factory = new();

    private readonly IClock _clock;
    private readonly int _maxPacketBytes;
    private readonly int _maxInFlight;
    private readonly object _gate = new();
    private readonly Queue<MqttEvent> _events = new();
    private readonly SortedDictionary<int, MqttApplicationMessage> _inFlight = new();
    private IMqttClient? _client;
    private int _nextPacketId = 1;
    private long _halfKeepAliveMs;
    private long _lastSent;
    private long _lastReceived;
    private long _pingSent = -1;
    private Task? _ping;
    private string? _lostEarly;

    public MqttNetSession(IClock clock, int maxPacketBytes = DefaultMaxPacketBytes, int maxInFlight = DefaultMaxInFlight)
    {
        _clock = clock;
        _maxPacketBytes = maxPacketBytes;
        _maxInFlight = maxInFlight;
    }

    public MqttClientCounters Counters { get; } = new();

    public bool IsConnected { get; private set; }

    /// <summary>The TLS version of the current or last connection (None for plain TCP).</summary>
    public SslProtocols TlsProtocol { get; private set; }

    public int InFlightCount
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    public MqttConnectResult Connect(MqttConnectOptions options)
    {
        Close();
        var transport = new BrokerTransport(options, _maxPacketBytes + MaxSkippedBytes);
        IMqttClient client = Factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessage(client, e);
        client.DisconnectedAsync += e => OnDisconnected(client, e);
        lock (_gate)
        {
            _client = client;
            _lostEarly = null;
        }

        MqttConnectResult result = Open(client, transport, options);
        if (!result.IsAccepted)
        {
            lock (_gate)
            {
                _client = null;
            }

            client.Dispose();
            return result;
        }

        KeyValuePair<int, MqttApplicationMessage>[] resend;
        lock (_gate)
        {
            IsConnected = true;
            TlsProtocol = transport.Protocol;
            _halfKeepAliveMs = options.KeepAliveSeconds * 500L;
            _lastSent = _lastReceived = _clock.MonotonicMs;
            _pingSent = -1;
            _ping = null;
            if (options.CleanSession)
            {
                // 3.1.2.4: a clean session discards the old state; the owner resends from its outbox.
                _inFlight.Clear();
            }

            resend = _inFlight.ToArray();
            if (_lostEarly is not null)
            {
                LoseLocked(_lostEarly);
                resend = [];
            }
        }

        // 4.4: unacknowledged publishes go again, in order and marked DUP; their ids stay the session's.
        foreach (KeyValuePair<int, MqttApplicationMessage> pending in resend)
        {
            pending.Value.Dup = true;
            Counters.Resent++;
            Send(client, pending.Key, pending.Value);
        }

        Counters.Connects++;
        return result;
    }

    public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain)
    {
        IMqttClient client;
        int id;
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            // The caller reuses its buffer as soon as this returns, and a QoS 1 message may be sent again.
            Payload = new ReadOnlySequence<byte>(payload.AsSpan(offset, count).ToArray()),
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
            Retain = retain,
        };
        lock (_gate)
        {
            if (!IsConnected || _client is null || (qos == MqttQos.AtLeastOnce && _inFlight.Count >= _maxInFlight))
            {
                return -1;
            }

            client = _client;
            id = qos == MqttQos.AtLeastOnce ? NextPacketId() : 0;
            if (id > 0)
            {
                _inFlight[id] = message;
            }

            _lastSent = _clock.MonotonicMs;
            Counters.Published++;
        }

        Task sent = Send(client, id, message);
        // A QoS 1 publish whose write failed stays in flight: it goes again after a reconnect without clean session.
        return sent.IsFaulted && id == 0 ? -1 : id;
    }

    public bool Subscribe(string topicFilter, MqttQos qos)
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = IsConnected ? _client : null;
            _lastSent = _clock.MonotonicMs;
        }

        if (client is null)
        {
            return false;
        }

        // Not waited for: SUBSCRIBE goes out before anything published after it, and the broker answers in order.
        Task<MqttClientSubscribeResult> subscribed = client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)qos).Build());
        subscribed.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.Items.Any(i => (int)i.ResultCode >= 0x80))
            {
                Interlocked.Increment(ref Counters.SubscriptionsRefused);
            }

            Alive(client);
        }, TaskScheduler.Default);
        return !subscribed.IsFaulted;
    }

    public bool Poll(MqttEvent into)
    {
        Housekeeping();
        lock (_gate)
        {
            if (!_events.TryDequeue(out MqttEvent? e))
            {
                into.Clear();
                return false;
            }

            into.CopyFrom(e);
            return true;
        }
    }

    public void Disconnect()
    {
        IMqttClient? client;
        lock (_gate)
        {
            client = IsConnected ? _client : null;
            IsConnected = false;
        }

        if (client is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(2000);
                client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                // The connection is going anyway; the server publishes the will, as it should for a connection that broke.
            }
        }

        Close();
    }

    public void Dispose() => Close();

    private MqttConnectResult Open(IMqttClient client, BrokerTransport transport, MqttConnectOptions o)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTcpServer(o.Host, o.Port)
            .WithStreamProvider(transport)
            .WithClientId(o.ClientId)
            .WithCleanSession(o.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(o.KeepAliveSeconds))
            // MQTTnet's wait for an answer (CONNACK, PUBACK, PINGRESP); the keepalive here notices silence sooner.
            .WithTimeout(TimeSpan.FromMilliseconds(Math.Max(o.ConnectTimeoutMs, o.KeepAliveSeconds * 2000L)));
        if (o.Username is not null)
        {
            builder.WithCredentials(o.Username, o.Password);
        }

        if (o.WillTopic is not null)
        {
            builder.WithWillTopic(o.WillTopic)
                .WithWillPayload(o.WillPayload ?? [])
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)o.WillQos)
                .WithWillRetain(o.WillRetain);
        }

        try
        {
            using var timeout = new CancellationTokenSource(o.ConnectTimeoutMs);
            MqttClientConnectResult connected = client.ConnectAsync(builder.Build(), timeout.Token).GetAwaiter().GetResult();
            return Result(connected.ResultCode, connected.IsSessionPresent);
        }
        catch (MqttConnectingFailedException e)
        {
            return transport.Failure ?? RefusalIn(e);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or IOException or InvalidOperationException)
        {
            return transport.Failure ?? (e is OperationCanceledException or MqttCommunicationTimedOutException
                ? new MqttConnectResult(MqttConnectStatus.Timeout, $"no CONNACK within {o.ConnectTimeoutMs} ms")
                : new MqttConnectResult(MqttConnectStatus.ProtocolError, "no CONNACK: " + Why(e)));
        }
    }

    /// <summary>The CONNACK's answer in the port's terms: MQTTnet names the 3.1.1 return codes (3.2.2.3) by their MQTT 5 reasons.</summary>
    private static MqttConnectResult Result(MqttClientConnectResultCode code, bool sessionPresent)
    {
        MqttConnectStatus status = code switch
        {
            MqttClientConnectResultCode.Success => MqttConnectStatus.Accepted,
            MqttClientConnectResultCode.UnsupportedProtocolVersion => MqttConnectStatus.UnacceptableProtocol,
            MqttClientConnectResultCode.ClientIdentifierNotValid => MqttConnectStatus.IdentifierRejected,
            MqttClientConnectResultCode.ServerUnavailable => MqttConnectStatus.ServerUnavailable,
            MqttClientConnectResultCode.BadUserNameOrPassword => MqttConnectStatus.BadCredentials,
            MqttClientConnectResultCode.NotAuthorized => MqttConnectStatus.NotAuthorized,
            _ => MqttConnectStatus.ProtocolError,
        };
        return status == MqttConnectStatus.Accepted
            ? new MqttConnectResult(status, sessionPresent ? "accepted, session present" : "accepted")
            : new MqttConnectResult(status, "refused by the server: " + status);
    }

    /// <summary>A refused CONNECT that MQTTnet reports as an exception naming the CONNACK's code.</summary>
    private static MqttConnectResult RefusalIn(MqttConnectingFailedException e)
    {
        foreach (MqttClientConnectResultCode code in Enum.GetValues<MqttClientConnectResultCode>())
        {
            if (code != MqttClientConnectResultCode.Success && e.Message.Contains($"({code})", StringComparison.Ordinal))
            {
                return Result(code, false);
            }
        }

        return new MqttConnectResult(MqttConnectStatus.ProtocolError, "no CONNACK: " + Why(e));
    }

    /// <summary>Publishes through MQTTnet; a QoS 1 message's PUBACK becomes an event naming <paramref name="id"/>.</summary>
    private Task Send(IMqttClient client, int id, MqttApplicationMessage message)
    {
        Task<MqttClientPublishResult> publish;
        try
        {
            publish = client.PublishAsync(message);
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            return Task.FromException(e);
        }

        if (id == 0)
        {
            return publish;
        }

        return publish.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                // No PUBACK on this connection: the message stays in flight until a reconnect resends or clears it.
                return;
            }

            lock (_gate)
            {
                if (client == _client && _inFlight.Remove(id))
                {
                    Counters.Acknowledged++;
                    _lastReceived = _clock.MonotonicMs;
                    _events.Enqueue(new MqttEvent { Kind = MqttEventKind.Acknowledged, MessageId = id });
                }
            }
        }, TaskScheduler.Default);
    }

    private Task OnMessage(IMqttClient client, MqttApplicationMessageReceivedEventArgs e)
    {
        ReadOnlySequence<byte> body = e.ApplicationMessage.Payload;
        int length = (int)body.Length;
        // A message over the cap keeps only its start; the session learns its full length and answers it as too large.
        var payload = new byte[Math.Min(length, _maxPacketBytes)];
        body.Slice(0, payload.Length).CopyTo(payload);
        lock (_gate)
        {
            if (client != _client)
            {
                return Task.CompletedTask;
            }

            _lastReceived = _clock.MonotonicMs;
            Counters.Received++;
            bool cut = length > payload.Length;
            Counters.MessagesCut += cut ? 1 : 0;
            if (_events.Count >= MaxQueuedEvents)
            {
                // An owner that stops polling must not make memory grow; acknowledgements are bounded by the window.
                Counters.MessagesDropped++;
                return Task.CompletedTask;
            }

            _events.Enqueue(new MqttEvent
            {
                Kind = MqttEventKind.Message,
                Topic = e.ApplicationMessage.Topic,
                Payload = payload,
                PayloadLength = payload.Length,
                Truncated = cut,
                MessageLength = length,
            });
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnected(IMqttClient client, MqttClientDisconnectedEventArgs e)
    {
        Exception? cause = e.Exception?.GetBaseException();
        bool malformed = cause is MqttProtocolViolationException or MalformedStreamException;
        lock (_gate)
        {
            if (client == _client)
            {
                Counters.Malformed += malformed ? 1 : 0;
                string reason = cause is null ? $"the server closed the connection ({e.Reason})" : (malformed ? "malformed packet: " : "read failed: ") + cause.Message;
                if (IsConnected)
                {
                    LoseLocked(reason);
                }
                else
                {
                    // Lost right after CONNACK, before Connect returned: reported as soon as it has.
                    _lostEarly = reason;
                }
            }
        }

        return Task.CompletedTask;
    }

    private void Alive(IMqttClient client)
    {
        lock (_gate)
        {
            if (client == _client)
            {
                _lastReceived = _clock.MonotonicMs;
                _pingSent = -1;
            }
        }
    }

    /// <summary>The keepalive (MQTT 3.1.1, 3.1.2.10) on the owner's clock; a keepalive of zero turns it off.</summary>
    private void Housekeeping()
    {
        IMqttClient? pingWith = null;
        lock (_gate)
        {
            if (!IsConnected || _client is null || _halfKeepAliveMs == 0)
            {
                return;
            }

            long now = _clock.MonotonicMs;
            if (_pingSent >= 0)
            {
                if (_ping is { IsCompletedSuccessfully: true })
                {
                    _lastReceived = now;
                    _pingSent = -1;
                    _ping = null;
                }
                else if (now - _pingSent >= _halfKeepAliveMs)
                {
                    Counters.KeepAliveExpired++;
                    LoseLocked("no answer to PINGREQ within the keepalive: the server is silent or the connection half-open");
                }
            }
            else if (now - _lastReceived >= _halfKeepAliveMs || now - _lastSent >= _halfKeepAliveMs)
            {
                _pingSent = _lastSent = now;
                Counters.Pings++;
                pingWith = _client;
            }
        }

        if (pingWith is not null)
        {
            Task ping = pingWith.PingAsync();
            ping.ContinueWith(_ => { }, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            lock (_gate)
            {
                _ping = ping;
            }
        }
    }

    private int NextPacketId()
    {
        // 2.3.1: ids 1..65535, not reused while a publish with that id is unacknowledged.
        while (true)
        {
            int id = _nextPacketId;
            _nextPacketId = id == 65_535 ? 1 : id + 1;
            if (!_inFlight.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Ends the connection and reports it once. Caller holds the gate; the client is closed off the gate.</summary>
    private void LoseLocked(string reason)
    {
        if (!IsConnected)
        {
            return;
        }

        IsConnected = false;
        Counters.ConnectionsLost++;
        IMqttClient? client = _client;
        _client = null;
        _events.Enqueue(new MqttEvent { Kind = MqttEventKind.ConnectionLost, Reason = reason });
        if (client is not null)
        {
            ThreadPool.QueueUserWorkItem(_ => client.Dispose());
        }
    }

    private void Close()
    {
        IMqttClient? client;
        lock (_gate)
        {
            IsConnected = false;
            client = _client;
            _client = null;
        }

        client?.Dispose();
    }

    private static string Why(Exception e) => e.GetBaseException().Message;
}
