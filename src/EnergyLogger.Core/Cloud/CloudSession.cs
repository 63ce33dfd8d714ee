using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// What the logger does over its MQTT session once <see cref="CloudLink"/> has it up, on any platform: telemetry
    /// batches from the outboxes, metadata, configs validated, stored and reported, commands queued and answered (a
    /// reboot only once its result is acknowledged), and the OTA updater's reports, each sent again after a lost
    /// connection until acknowledged. The <see cref="CloudDialect"/> says what differs per platform. Driven by the
    /// link from one thread.
    /// </summary>
    public sealed class CloudSession
    {
        private readonly IMqttSession _mqtt;
        private readonly CloudDialect _dialect;
        private readonly ConfigApplier _config;
        private readonly IFactsSource _facts;
        private readonly IUpdateOffers _offers;
        private readonly IReboot _reboot;
        private readonly CloudSettings _settings;
        private readonly ResultQueue _results = new ResultQueue(160);
        private readonly UpdateReportSender _reports = new UpdateReportSender();
        private readonly JsonWriter _w = new JsonWriter(4096, 6);
        private bool _reconnect;

        // The full length of the message being handled: more than its bytes when the transport cut it at its packet cap.
        private int _messageLength;

        /// <param name="reboot">Restarts the logger; called once the broker acknowledged the result of a reboot command.</param>
        public CloudSession(IMqttSession mqtt, CloudDialect dialect, TelemetryUplink uplink, CommandCenter commands, ConfigApplier config,
            IFactsSource facts, IUpdateOffers offers, IReboot reboot, CloudSettings settings, CloudCounters counters)
        {
            _mqtt = mqtt;
            _dialect = dialect;
            Uplink = uplink;
            Commands = commands;
            _config = config;
            _facts = facts;
            _offers = offers;
            _reboot = reboot;
            _settings = settings;
            Counters = counters;
        }

        /// <summary>The OTA updater's reports; null when this build has no updater.</summary>
        public IUpdateReports UpdateReports
        {
            get { return _reports.Reports; }
            set { _reports.Reports = value; }
        }

        internal TelemetryUplink Uplink { get; }

        internal CommandCenter Commands { get; }

        internal CloudCounters Counters { get; }

        /// <summary>The body the dialect writes and publishes with <see cref="PublishBody"/>.</summary>
        internal JsonWriter Writer => _w;

        internal string ConfigId => _config.ConfigId;

        public void OnConnected(long nowMs)
        {
            _dialect.Forget();
            _reports.Reset();
            _dialect.Connected(this, nowMs);
        }

        /// <param name="messageLength">The message's full length; more than <paramref name="length"/> when the transport kept only its start.</param>
        public void OnMessage(string topic, byte[] payload, int length, int messageLength, long nowMs)
        {
            _messageLength = messageLength;
            _dialect.Received(this, topic, payload, length, nowMs);
        }

        /// <summary>The broker's PUBACK: it delivers a command result everywhere, and batches and reports where the dialect says so.</summary>
        public void OnAcknowledged(int messageId, long nowMs)
        {
            if (_dialect.DeliveredOnPubAck && (BatchDelivered(messageId) || _reports.Acknowledge(messageId)))
            {
                return;
            }

            AfterDelivery after = _results.Acknowledge(messageId);
            if (after == AfterDelivery.Reboot)
            {
                _reboot.Reboot();
            }
            else if (after == AfterDelivery.Reconnect)
            {
                _reconnect = true;
            }
        }

        /// <summary>
        /// A result made outside the command queue: a deferred command's, or a schedule's run. It waits for the link like any
        /// other and goes out on <c>result/{type}</c>.
        /// </summary>
        public void AddResult(string type, byte[] body)
        {
            _results.Add(type, body, AfterDelivery.Nothing);
        }

        /// <summary>True once, after a reconnect command's result was delivered: the link then makes the session again.</summary>
        internal bool TakeReconnect()
        {
            bool wanted = _reconnect;
            _reconnect = false;
            return wanted;
        }

        /// <summary>The connection is gone: everything in flight is void; batches stay in their outboxes, results and reports go again.</summary>
        public void OnConnectionLost()
        {
            Uplink.ReleaseAll();
            _dialect.Forget();
            _results.ResendAll();
            _reports.Reset();
        }

        /// <summary>While connected: retire what timed out, run one command, then send results, a report and telemetry.</summary>
        public void Tick(long nowMs)
        {
            Counters.Timeouts += Uplink.Expire(nowMs, _settings.ReplyTimeoutMs) + _dialect.Expire(nowMs, _settings.ReplyTimeoutMs);
            string type;
            byte[] answer;
            while ((answer = Commands.TakeAnswer(out type)) != null)
            {
                _results.Add(type, answer, AfterDelivery.Nothing);
            }

            if (Commands.RunNext(out type) && !Commands.Reply.Deferred)
            {
                CommandReply reply = Commands.Reply;
                _results.Add(type, reply.ToArray(), reply.RebootAfterDelivery ? AfterDelivery.Reboot
                    : reply.ReconnectAfterDelivery ? AfterDelivery.Reconnect : AfterDelivery.Nothing);
            }

            PublishResults(nowMs);
            SendUpdateReport(nowMs);
            _dialect.Tick(this);
            SendTelemetry(nowMs);
        }

        /// <summary>The metadata of every endpoint.</summary>
        public void PublishMetadata(long nowMs)
        {
            for (int e = 0; e < _dialect.Endpoints.Length; e++)
            {
                PublishMetadata(e, nowMs);
            }
        }

        /// <summary>The latest sample for dashboards, retained, QoS 0, where the platform has a place for it; outside the outbox guarantee.</summary>
        public void PublishLatest(byte[] sample, int offset, int count)
        {
            string topic = _dialect.StateTopic;
            if (topic != null)
            {
                _mqtt.Publish(topic, sample, offset, count, MqttQos.AtMostOnce, true);
            }
        }

        internal DeviceFacts Facts(int endpoint)
        {
            return _facts.Facts(endpoint);
        }

        internal void Subscribe(string topicFilter)
        {
            _mqtt.Subscribe(topicFilter, MqttQos.AtLeastOnce);
        }

        /// <summary>One QoS 1 publish; returns its message id, or -1 (counted) when nothing was sent.</summary>
        internal int Publish(string topic, byte[] body, int length, bool retain)
        {
            int id = _mqtt.Publish(topic, body, 0, length, MqttQos.AtLeastOnce, retain);
            if (id < 0)
            {
                Counters.PublishFailures++;
            }

            return id;
        }

        /// <summary>Publishes the writer's body; one that overflowed is incomplete and counted as a failure instead.</summary>
        internal bool PublishBody(string topic, bool retain)
        {
            if (_w.Overflowed)
            {
                Counters.PublishFailures++;
                return false;
            }

            return Publish(topic, _w.Buffer, _w.Length, retain) >= 0;
        }

        /// <summary>Starts a JSON object body in <see cref="Writer"/>.</summary>
        internal JsonWriter BeginBody()
        {
            _w.Reset();
            _w.BeginObject();
            return _w;
        }

        /// <summary>A config message: validated, stored and applied by the <see cref="ConfigApplier"/>, then reported (RELIABILITY C6).</summary>
        internal void TakeConfig(byte[] payload, int length, long nowMs)
        {
            _config.Handle(payload, length, _messageLength);
            if (_config.Status == 0)
            {
                return;
            }

            BeginBody();
            _w.Name("configId");
            _w.String(_config.ReportId);
            _w.Name("statusCode");
            _w.Integer(_config.Status);
            if (_config.Reason != null)
            {
                _w.Name("reasonPhrase");
                _w.String(_config.Reason);
            }

            _w.EndObject();
            SendBody(Outbound.ConfigReport, 0, nowMs);
        }

        internal void TakeCommand(string type, byte[] payload, int length)
        {
            Commands.Accept(type, payload, 0, length, _messageLength);
        }

        internal void TakeOffer(byte[] payload, int length)
        {
            if (_messageLength > length)
            {
                // An offer is a small manifest; one cut by the transport is not one, and the cloud offers again.
                Counters.MessagesIgnored++;
                Counters.LastError = "update offer of " + _messageLength.ToString() + " bytes, cut at " + length.ToString();
                return;
            }

            _offers.Offer(payload, 0, length);
        }

        /// <summary>The platform confirmed the batch under <paramref name="key"/>; false for a batch no longer out (a duplicate answer).</summary>
        internal bool BatchDelivered(int key)
        {
            if (!Uplink.Complete(key))
            {
                return false;
            }

            Counters.BatchesAcknowledged++;
            return true;
        }

        internal void ReportDelivered(int key)
        {
            _reports.Acknowledge(key);
        }

        internal void Ignore()
        {
            Counters.MessagesIgnored++;
        }

        private void PublishMetadata(int endpoint, long nowMs)
        {
            DeviceFacts facts = _facts.Facts(endpoint);
            if (facts == null)
            {
                return;
            }

            BeginBody();
            facts.WriteMembers(_w);
            _w.EndObject();
            SendBody(Outbound.Metadata, endpoint, nowMs);
        }

        private void SendBody(Outbound kind, int endpoint, long nowMs)
        {
            if (_w.Overflowed)
            {
                Counters.PublishFailures++;
                return;
            }

            _dialect.Send(this, kind, endpoint, null, _w.Buffer, _w.Length, nowMs);
        }

        private void PublishResults(long nowMs)
        {
            int i;
            while ((i = _results.NextUnsent()) >= 0)
            {
                byte[] body = _results.Body(i);
                int id = _dialect.Send(this, Outbound.Result, 0, _results.Type(i), body, body.Length, nowMs);
                if (id < 0)
                {
                    return;
                }

                _results.MarkSent(i, id);
            }
        }

        /// <summary>The updater's oldest outcome, one in flight at a time, handed back as delivered only on its acknowledgement.</summary>
        private void SendUpdateReport(long nowMs)
        {
            if (!_reports.Next(_w, nowMs, _settings.ReplyTimeoutMs))
            {
                return;
            }

            int key = _dialect.Send(this, Outbound.UpdateReport, 0, null, _w.Buffer, _w.Length, nowMs);
            if (key >= 0)
            {
                _reports.Sent(key, nowMs);
            }
        }

        /// <summary>Every batch the window allows; one that cannot be published goes back to its outbox.</summary>
        private void SendTelemetry(long nowMs)
        {
            while (true)
            {
                int endpoint;
                int length = Uplink.Stage(nowMs, out endpoint);
                if (length == 0)
                {
                    return;
                }

                int key = _dialect.Send(this, Outbound.Telemetry, endpoint, null, Uplink.Buffer, length, nowMs);
                if (key < 0)
                {
                    Uplink.Abort();
                    return;
                }

                Uplink.Track(key, nowMs);
            }
        }
    }
}
