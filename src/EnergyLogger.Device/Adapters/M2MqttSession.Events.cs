using System;
using EnergyLogger.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>M2Mqtt's events, raised on its dispatch thread, turned into queued <see cref="MqttEvent"/>s.</summary>
    public sealed partial class M2MqttSession
    {
        private static readonly byte[] NoPayload = new byte[0];

        private void Attach(MqttClient client)
        {
            client.MqttMsgPublishReceived += OnMessage;
            client.MqttMsgPublished += OnPublished;
            client.ConnectionClosed += OnClosed;
        }

        private void Detach(MqttClient client)
        {
            client.MqttMsgPublishReceived -= OnMessage;
            client.MqttMsgPublished -= OnPublished;
            client.ConnectionClosed -= OnClosed;
        }

        private void OnMessage(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_gate)
            {
                if (!ReferenceEquals(sender, _client))
                {
                    return;
                }

                if (_events.Count >= MaxQueuedEvents)
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
