using System;
using System.Collections;
using EnergyLogger.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The current M2Mqtt client's events, raised on its own threads, queued as <see cref="MqttEvent"/>s for the main
    /// loop: received messages, the PUBACKs of the QoS 1 publishes it awaits, and the loss of the connection (closed by
    /// M2Mqtt, or taken for half-open when PUBACKs stop). Events of a client no longer current are ignored.
    /// </summary>
    internal sealed class MqttClientEvents
    {
        private static readonly byte[] NoPayload = new byte[0];

        private readonly object _gate = new object();
        private readonly Queue _events = new Queue();
        private readonly int _maxQueued;

        // QoS 1 ids handed out on this connection and not yet acknowledged: only these become Acknowledged events.
        private readonly Hashtable _awaitingAck = new Hashtable();
        private MqttClient _client;
        private bool _lossReported;

        // The PUBACK watch (see WatchAcknowledgements): since when publishes have waited without any PUBACK.
        private long _ackWaitSinceMs;
        private long _ackPatienceMs;

        /// <param name="maxQueued">Received messages kept waiting for <see cref="Poll"/>; more are dropped and counted.</param>
        public MqttClientEvents(int maxQueued)
        {
            _maxQueued = maxQueued;
        }

        /// <summary>The client whose events are queued, or null.</summary>
        public MqttClient Client => _client;

        /// <summary>The connection's loss has been reported: the client no longer counts as up.</summary>
        public bool LossReported => _lossReported;

        /// <summary>Messages dropped because the owner did not poll fast enough.</summary>
        public int MessagesDropped { get; private set; }

        /// <summary>Queues <paramref name="client"/>'s events from now on; no PUBACK for <paramref name="ackPatienceMs"/> while publishes wait is a loss.</summary>
        public void Follow(MqttClient client, long ackPatienceMs)
        {
            lock (_gate)
            {
                _client = client;
                _lossReported = false;
                _ackPatienceMs = ackPatienceMs;
            }

            client.MqttMsgPublishReceived += OnMessage;
            client.MqttMsgPublished += OnPublished;
            client.ConnectionClosed += OnClosed;
        }

        /// <summary>
        /// Lets go of the current client and returns it (or null): its later events are ignored and whatever it queued is
        /// dropped, because the next client numbers its packets from 1 again and a stale PUBACK would acknowledge the wrong publish.
        /// </summary>
        public MqttClient Release()
        {
            MqttClient client;
            lock (_gate)
            {
                client = _client;
                _client = null;
                _events.Clear();
                _awaitingAck.Clear();
            }

            if (client != null)
            {
                client.MqttMsgPublishReceived -= OnMessage;
                client.MqttMsgPublished -= OnPublished;
                client.ConnectionClosed -= OnClosed;
            }

            return client;
        }

        /// <summary>
        /// Publishes through <paramref name="client"/> and returns the packet id, awaited as an Acknowledged event when
        /// <paramref name="awaitAck"/>; 0 otherwise. M2Mqtt's exceptions pass to the caller.
        /// </summary>
        public int Publish(MqttClient client, string topic, byte[] message, MqttQoSLevel level, bool retain, bool awaitAck)
        {
            // Under the gate: the PUBACK, handled on M2Mqtt's thread, must find the id already recorded.
            lock (_gate)
            {
                ushort id = client.Publish(topic, message, null, null, level, retain);
                if (!awaitAck)
                {
                    return 0;
                }

                if (_awaitingAck.Count == 0)
                {
                    _ackWaitSinceMs = Environment.TickCount64;
                }

                _awaitingAck[(int)id] = true;
                return id;
            }
        }

        /// <summary>Takes the next queued event, after the PUBACK watch.</summary>
        public bool Poll(MqttEvent into)
        {
            lock (_gate)
            {
                WatchAcknowledgements();
                if (_events.Count == 0)
                {
                    into.Clear();
                    return false;
                }

                var next = (MqttEvent)_events.Dequeue();
                into.CopyFrom(next);
                return true;
            }
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_gate)
            {
                if (!ReferenceEquals(sender, _client))
                {
                    return;
                }

                if (_events.Count >= _maxQueued)
                {
                    // M2Mqtt has acknowledged the message already; an owner that stops polling must not grow memory.
                    MessagesDropped++;
                    return;
                }

                byte[] payload = e.Message ?? NoPayload;
                _events.Enqueue(new MqttEvent { Kind = MqttEventKind.Message, Topic = e.Topic, Payload = payload, PayloadLength = payload.Length });
            }
        }

        /// <summary>
        /// PUBACK for a QoS 1 publish. M2Mqtt resends a publish twice at one-second intervals and then reports it
        /// as not published (IsPublished false), yet still passes on a PUBACK that comes later; so only a PUBACK
        /// counts, and a publish stays awaited until one comes or the connection ends.
        /// </summary>
        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished)
            {
                return;
            }

            lock (_gate)
            {
                object id = (int)e.MessageId;
                if (!ReferenceEquals(sender, _client) || !_awaitingAck.Contains(id))
                {
                    return;
                }

                _awaitingAck.Remove(id);
                _ackWaitSinceMs = Environment.TickCount64;
                _events.Enqueue(new MqttEvent { Kind = MqttEventKind.Acknowledged, MessageId = e.MessageId });
            }
        }

        /// <summary>M2Mqtt closes the connection itself on a read or write error, a peer close or an unanswered PINGREQ.</summary>
        private void OnClosed(object sender, EventArgs e)
        {
            lock (_gate)
            {
                if (ReferenceEquals(sender, _client))
                {
                    ReportLoss("the connection closed: the broker or the network dropped it, or no PINGRESP came within the keepalive");
                }
            }
        }

        /// <summary>
        /// Half-open detection while publishing. M2Mqtt sends PINGREQ only after a whole keepalive interval without
        /// sending anything, which never happens while telemetry flows, and a dead TCP path then shows only when
        /// lwIP gives up retransmitting, minutes later. So the connection counts as lost when publishes have waited
        /// 1.5 keepalive intervals without a single PUBACK (the limit MQTT 3.1.1, 3.1.2.10 sets the server).
        /// Caller holds the gate.
        /// </summary>
        private void WatchAcknowledgements()
        {
            if (_lossReported || _ackPatienceMs <= 0 || _awaitingAck.Count == 0 || Environment.TickCount64 - _ackWaitSinceMs < _ackPatienceMs)
            {
                return;
            }

            ReportLoss("no PUBACK for " + _ackPatienceMs.ToString() + " ms: the connection is taken for half-open");
        }

        /// <summary>Reports the end of the connection once; the client is closed when the owner connects again. Caller holds the gate.</summary>
        private void ReportLoss(string reason)
        {
            if (_lossReported || _client == null)
            {
                return;
            }

            _lossReported = true;
            _awaitingAck.Clear();
            _events.Enqueue(new MqttEvent { Kind = MqttEventKind.ConnectionLost, Reason = reason });
        }
    }
}
