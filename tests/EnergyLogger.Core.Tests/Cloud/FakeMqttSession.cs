using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>One PUBLISH the code under test sent.</summary>
public sealed record Sent(string Topic, byte[] Payload, MqttQos Qos, int MessageId, long AtMs)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// A scripted MQTT session on a virtual clock: the broker can be unreachable, drop the connection, hold its
/// PUBACKs and replies, and a responder function answers publishes the way a Kaa server would. Every connect
/// attempt and publish is recorded.
/// </summary>
public sealed class FakeMqttSession : IMqttSession
{
    private readonly Fakes.VirtualClock _clock;
    private readonly Queue<MqttEvent> _events = new();

    public FakeMqttSession(Fakes.VirtualClock clock)
    {
        _clock = clock;
    }

    public bool Reachable { get; set; } = true;

    /// <summary>The id the next QoS 1 publish gets; the port allows any id that is not negative.</summary>
    public int NextMessageId { get; set; } = 1;

    /// <summary>While true, replies and PUBACKs wait in <see cref="Held"/> instead of arriving.</summary>
    public bool Holding { get; set; }

    public List<MqttEvent> Held { get; } = new();

    /// <summary>Answers to a publish: (topic, payload) messages the broker sends back.</summary>
    public Func<Sent, IEnumerable<(string Topic, byte[] Payload)>>? Responder { get; set; }

    public List<long> ConnectAttempts { get; } = new();

    public List<Sent> Sent { get; } = new();

    public List<string> Subscriptions { get; } = new();

    public MqttConnectOptions? LastOptions { get; private set; }

    public bool IsConnected { get; private set; }

    public MqttConnectResult Connect(MqttConnectOptions options)
    {
        ConnectAttempts.Add(_clock.MonotonicMs);
        LastOptions = options;
        if (!Reachable)
        {
            return new MqttConnectResult(MqttConnectStatus.NetworkError, "broker unreachable");
        }

        IsConnected = true;
        _events.Clear();
        Held.Clear();
        return new MqttConnectResult(MqttConnectStatus.Accepted, "accepted");
    }

    public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain)
    {
        if (!IsConnected)
        {
            return -1;
        }

        int id = qos == MqttQos.AtLeastOnce ? NextMessageId++ : 0;
        var sent = new Sent(topic, payload.AsSpan(offset, count).ToArray(), qos, id, _clock.MonotonicMs);
        Sent.Add(sent);
        if (qos == MqttQos.AtLeastOnce)
        {
            Deliver(new MqttEvent { Kind = MqttEventKind.Acknowledged, MessageId = id });
        }

        foreach ((string t, byte[] p) in Responder?.Invoke(sent) ?? [])
        {
            Deliver(Message(t, p));
        }

        return id;
    }

    public bool Subscribe(string topicFilter, MqttQos qos)
    {
        Subscriptions.Add(topicFilter);
        return IsConnected;
    }

    public bool Poll(MqttEvent into)
    {
        if (!_events.TryDequeue(out MqttEvent? e))
        {
            into.Clear();
            return false;
        }

        into.CopyFrom(e);
        return true;
    }

    public void Disconnect() => IsConnected = false;

    /// <summary>The broker pushes a message (a config or command push).</summary>
    public void Push(string topic, string payload) => Deliver(Message(topic, Encoding.UTF8.GetBytes(payload)));

    /// <summary>The broker pushes a message longer than the transport's cap, which delivers only its start.</summary>
    public void PushCut(string topic, string start, int messageLength)
    {
        MqttEvent e = Message(topic, Encoding.UTF8.GetBytes(start));
        e.Truncated = true;
        e.MessageLength = messageLength;
        Deliver(e);
    }

    /// <summary>The connection breaks; whatever was held is lost with it.</summary>
    public void Drop(string reason = "reset by peer")
    {
        IsConnected = false;
        Held.Clear();
        _events.Clear();
        _events.Enqueue(new MqttEvent { Kind = MqttEventKind.ConnectionLost, Reason = reason });
    }

    public void Release()
    {
        foreach (MqttEvent e in Held)
        {
            _events.Enqueue(e);
        }

        Held.Clear();
    }

    public IEnumerable<Sent> On(string topicPart) => Sent.Where(s => s.Topic.Contains(topicPart, StringComparison.Ordinal));

    private void Deliver(MqttEvent e)
    {
        if (Holding)
        {
            Held.Add(e);
        }
        else
        {
            _events.Enqueue(e);
        }
    }

    private static MqttEvent Message(string topic, byte[] payload) =>
        new() { Kind = MqttEventKind.Message, Topic = topic, Payload = payload, PayloadLength = payload.Length };
}
