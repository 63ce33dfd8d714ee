using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// The host's MQTT 3.1.1 client behind <see cref="IMqttSession"/>: TCP or TLS 1.2 (<see cref="TlsTransport"/>),
/// CONNECT with credentials and will, QoS 0 and 1 with PUBACK tracking, SUBSCRIBE, keepalive with half-open
/// detection (<see cref="KeepAlive"/>) and a clean DISCONNECT. A reader thread decodes what the server sends
/// (<see cref="MqttFrameReader"/>, <see cref="MqttDecoder"/>) and queues events; the owner drains them with
/// <see cref="Poll"/>, which also runs the keepalive. Anything malformed closes the connection (RELIABILITY C5).
/// Unacknowledged QoS 1 publishes are resent with DUP after a reconnect without clean session (MQTT 3.1.1, 4.4).
/// </summary>
public sealed partial class MqttClient : IMqttSession, IDisposable
{
    public const int DefaultMaxPacketBytes = 192 * 1024;
    public const int DefaultMaxInFlight = 32;
    public const int MaxQueuedEvents = 512;

    private readonly IClock _clock;
    private readonly int _maxInFlight;
    private readonly object _gate = new();
    private readonly Queue<MqttEvent> _events = new();
    private readonly Dictionary<int, byte[]> _inFlight = new();
    private readonly MqttFrameReader _frames;
    private byte[] _tx = new byte[4096];
    private TlsTransport.Opened? _link;
    private KeepAlive _keepAlive = new(0);
    private int _generation;
    private int _nextPacketId = 1;

    public MqttClient(IClock clock, int maxPacketBytes = DefaultMaxPacketBytes, int maxInFlight = DefaultMaxInFlight)
    {
        _clock = clock;
        _maxInFlight = maxInFlight;
        _frames = new MqttFrameReader(maxPacketBytes);
    }

    public MqttClientCounters Counters { get; } = new();

    public bool IsConnected { get; private set; }

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
        TlsTransport.Opened? link = TlsTransport.Open(options, out MqttConnectResult? failure);
        if (link is null)
        {
            return failure!;
        }

        MqttConnectResult result = Handshake(link, options);
        if (!result.IsAccepted)
        {
            link.Stream.Dispose();
            link.Tcp.Dispose();
            return result;
        }

        // After CONNACK the reader blocks without a limit; silence is the keepalive's business. Writes keep a
        // bound so that a stalled peer cannot hold the owner's thread for long.
        link.Tcp.ReceiveTimeout = 0;
        int generation;
        lock (_gate)
        {
            _link = link;
            IsConnected = true;
            generation = ++_generation;
            _keepAlive = new KeepAlive(options.KeepAliveSeconds);
            _keepAlive.Start(_clock.MonotonicMs);
            if (options.CleanSession)
            {
                // 3.1.2.4: a clean session discards the old state; the owner resends from its outbox.
                _inFlight.Clear();
            }
            else
            {
                ResendInFlight();
            }
        }

        var reader = new Thread(() => ReadLoop(link, generation)) { IsBackground = true, Name = "mqtt-reader" };
        reader.Start();
        Counters.Connects++;
        return result;
    }

    public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain)
    {
        lock (_gate)
        {
            if (!IsConnected || (qos == MqttQos.AtLeastOnce && _inFlight.Count >= _maxInFlight))
            {
                return -1;
            }

            int id = qos == MqttQos.AtLeastOnce ? NextPacketId() : 0;
            EnsureTx(count + topic.Length * 3 + 16);
            int length = MqttEncoder.Publish(_tx, 0, topic, payload, offset, count, qos, retain, false, id);
            if (length == 0)
            {
                return -1;
            }

            if (qos == MqttQos.AtLeastOnce)
            {
                _inFlight[id] = _tx[..length];
            }

            Counters.Published++;
            // A QoS 1 publish whose write failed stays in flight: it goes again after a reconnect without clean session.
            bool sent = Send(_tx, length);
            return sent || qos == MqttQos.AtLeastOnce ? id : -1;
        }
    }

    public bool Subscribe(string topicFilter, MqttQos qos)
    {
        lock (_gate)
        {
            if (!IsConnected)
            {
                return false;
            }

            EnsureTx(topicFilter.Length * 3 + 16);
            int length = MqttEncoder.Subscribe(_tx, 0, NextPacketId(), topicFilter, qos);
            return length > 0 && Send(_tx, length);
        }
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

            into.Kind = e.Kind;
            into.Topic = e.Topic;
            into.Payload = e.Payload;
            into.PayloadLength = e.PayloadLength;
            into.Truncated = e.Truncated;
            into.MessageLength = e.MessageLength;
            into.MessageId = e.MessageId;
            into.Reason = e.Reason;
            return true;
        }
    }

    public void Disconnect()
    {
        lock (_gate)
        {
            if (IsConnected)
            {
                Send(_tx, MqttEncoder.Disconnect(_tx, 0));
            }
        }

        Close();
    }

    public void Dispose() => Close();

    private void Housekeeping()
    {
        lock (_gate)
        {
            if (!IsConnected)
            {
                return;
            }

            long now = _clock.MonotonicMs;
            switch (_keepAlive.Check(now))
            {
                case KeepAliveAction.SendPing:
                    _keepAlive.OnPingSent(now);
                    Counters.Pings++;
                    Send(_tx, MqttEncoder.PingReq(_tx, 0));
                    break;
                case KeepAliveAction.Expired:
                    Counters.KeepAliveExpired++;
                    LoseLocked("no answer to PINGREQ within the keepalive: the server is silent or the connection half-open");
                    break;
            }
        }
    }

    /// <summary>Writes one packet; a failed write ends the connection. Caller holds the gate.</summary>
    private bool Send(byte[] packet, int length)
    {
        try
        {
            _link!.Stream.Write(packet, 0, length);
            _keepAlive.OnSent(_clock.MonotonicMs);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            LoseLocked("write failed: " + e.Message);
            return false;
        }
    }

    /// <summary>4.4: unacknowledged PUBLISH packets go again, in order, with their ids and DUP set. Caller holds the gate.</summary>
    private void ResendInFlight()
    {
        foreach (int id in _inFlight.Keys.Order().ToArray())
        {
            byte[] packet = _inFlight[id];
            MqttEncoder.MarkDuplicate(packet);
            Counters.Resent++;
            if (!Send(packet, packet.Length))
            {
                return;
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

    private void EnsureTx(int size)
    {
        if (_tx.Length < size)
        {
            _tx = new byte[Math.Max(size, _tx.Length * 2)];
        }
    }

    private void Enqueue(MqttEvent e)
    {
        if (e.Kind == MqttEventKind.Message && _events.Count >= MaxQueuedEvents)
        {
            // An owner that stops polling must not make memory grow; acknowledgements are bounded by the window.
            Counters.MessagesDropped++;
            return;
        }

        _events.Enqueue(e);
    }

    /// <summary>Ends the connection and reports it once. Caller holds the gate.</summary>
    private void LoseLocked(string reason)
    {
        if (!IsConnected)
        {
            return;
        }

        IsConnected = false;
        _generation++;
        Counters.ConnectionsLost++;
        CloseLink();
        Enqueue(new MqttEvent { Kind = MqttEventKind.ConnectionLost, Reason = reason });
    }

    private void Close()
    {
        lock (_gate)
        {
            IsConnected = false;
            _generation++;
            CloseLink();
        }
    }

    private void CloseLink()
    {
        if (_link is null)
        {
            return;
        }

        _link.Stream.Dispose();
        _link.Tcp.Dispose();
        _link = null;
    }
}
