using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Kaa 1/KP over one MQTT session (reference A), for the logger's endpoint (token 0) and one endpoint per
    /// device that has its own token: DCX telemetry batches deleted only on /status, EPMX metadata, CMX config
    /// with validation and an applied report, CEX commands, and CMX_OTA version reports and offers. On every
    /// (re)connect it follows the order of reference A.4.1. Message handling is in KaaProtocol.Messages.cs.
    /// </summary>
    public sealed partial class KaaProtocol : ICloudProtocol
    {
        private const int WriterBytes = 4096;

        private readonly IMqttSession _session;
        private readonly KaaTopics _topics;
        private readonly string[] _tokens;
        private readonly TelemetryUplink _uplink;
        private readonly CommandCenter _commands;
        private readonly ConfigApplier _config;
        private readonly ICloudHost _host;
        private readonly CloudSettings _settings;
        private readonly CloudCounters _counters;
        private readonly PendingRequests _pending = new PendingRequests(32);
        private readonly ResultQueue _results = new ResultQueue(160);
        private readonly UpdateReportSender _reports = new UpdateReportSender();
        private readonly JsonWriter _w = new JsonWriter(WriterBytes, 4);

        public KaaProtocol(IMqttSession session, KaaTopics topics, string[] tokens, TelemetryUplink uplink, CommandCenter commands,
            ConfigStore configs, ICloudHost host, CloudSettings settings, CloudCounters counters)
        {
            _session = session;
            _topics = topics;
            _tokens = tokens;
            _uplink = uplink;
            _commands = commands;
            _config = new ConfigApplier(configs, host, counters);
            _host = host;
            _settings = settings;
            _counters = counters;
        }

        /// <summary>The id of the configuration in use: sent with every config pull so the server sends only a newer one (RFC 7).</summary>
        public string ConfigId
        {
            get { return _config.ConfigId; }
            set { _config.ConfigId = value; }
        }

        /// <summary>The OTA updater's reports, published on CMX_OTA <c>applied</c>; null when this build has no updater.</summary>
        public IUpdateReports UpdateReports
        {
            get { return _reports.Reports; }
            set { _reports.Reports = value; }
        }

        /// <summary>Reference A.4.1: subscribe, metadata, config pull with observe, OTA report and observe, command observes; the backlog follows in <see cref="Tick"/>.</summary>
        public void OnConnected(long nowMs)
        {
            _pending.Clear();
            _reports.Reset();
            for (int e = 0; e < _tokens.Length; e++)
            {
                // "kp1/{v}/+/{t}/#": KPC may deliver replies without a SUBSCRIBE, a plain broker does not (A.1.6).
                _session.Subscribe("kp1/" + _topics.AppVersion + "/+/" + _tokens[e] + "/#", MqttQos.AtLeastOnce);
            }

            for (int e = 0; e < _tokens.Length; e++)
            {
                PublishMetadata(e, nowMs);
            }

            string token = _tokens[0];
            BeginBody();
            if (ConfigId != null)
            {
                _w.Name("configId");
                _w.String(ConfigId);
            }

            Observe();
            Request(KaaTopics.Cmx, token, "config/json", nowMs, "config pull");

            DeviceFacts facts = _host.Facts(0);
            if (facts != null && facts.FirmwareVersion != null)
            {
                BeginBody();
                _w.Name("configId");
                _w.String(facts.FirmwareVersion);
                _w.EndObject();
                Publish(_topics.Build(KaaTopics.CmxOta, token, "applied/json", 0));
            }

            BeginBody();
            Observe();
            Request(KaaTopics.CmxOta, token, "config/json", nowMs, "ota observe");

            string[] types = _commands.Types;
            for (int i = 0; i < types.Length; i++)
            {
                BeginBody();
                Observe();
                Request(KaaTopics.Cex, token, "command/" + types[i], nowMs, "command observe");
            }
        }

        public void OnAcknowledged(int messageId, long nowMs)
        {
            if (_results.Acknowledge(messageId))
            {
                _host.Reboot();
            }
        }

        public void OnConnectionLost()
        {
            _uplink.ReleaseAll();
            _pending.Clear();
            _results.ResendAll();
            _reports.Reset();
        }

        public void Tick(long nowMs)
        {
            int expired = _uplink.Expire(nowMs, _settings.ReplyTimeoutMs) + _pending.Expire(nowMs, _settings.ReplyTimeoutMs);
            _counters.Timeouts += expired;
            QueueAnswers();
            string type;
            if (_commands.RunNext(out type))
            {
                CommandReply reply = _commands.Reply;
                var body = new byte[reply.Writer.Length];
                System.Array.Copy(reply.Writer.Buffer, body, body.Length);
                _results.Add(type, body, reply.RebootAfterDelivery);
            }

            PublishResults(nowMs);
            SendUpdateReport(nowMs);
            SendTelemetry(nowMs);
        }

        /// <summary>Publishes the metadata of one endpoint with <c>update/keys</c>, a partial update that leaves operator keys alone (RFC 10).</summary>
        public void PublishMetadata(int endpoint, long nowMs)
        {
            DeviceFacts facts = _host.Facts(endpoint);
            if (facts == null)
            {
                return;
            }

            BeginBody();
            facts.WriteMembers(_w);
            _w.EndObject();
            Request(KaaTopics.Epmx, _tokens[endpoint], "update/keys", nowMs, "metadata");
        }

        private void SendTelemetry(long nowMs)
        {
            while (true)
            {
                int endpoint;
                int length = _uplink.Stage(out endpoint);
                if (length == 0)
                {
                    return;
                }

                int rid = _pending.NextId(_uplink);
                string topic = _topics.Build(KaaTopics.Dcx, _tokens[endpoint], "json", rid);
                if (_session.Publish(topic, _uplink.Buffer, 0, length, MqttQos.AtLeastOnce, false) < 0)
                {
                    _counters.PublishFailures++;
                    _uplink.Abort();
                    return;
                }

                _uplink.Track(rid, nowMs);
            }
        }

        /// <summary>
        /// The updater's oldest outcome on CMX_OTA <c>applied/json</c> (reference A.3), with a request id so that Kaa
        /// answers it (RFC 1): the updater forgets the report only on that answer.
        /// </summary>
        private void SendUpdateReport(long nowMs)
        {
            if (!_reports.Next(_w, nowMs, _settings.ReplyTimeoutMs))
            {
                return;
            }

            int rid = _pending.NextId(_uplink);
            if (Publish(_topics.Build(KaaTopics.CmxOta, _tokens[0], "applied/json", rid)))
            {
                _pending.Add(rid, "ota report", nowMs);
                _reports.Sent(rid, nowMs);
            }
        }

        private void QueueAnswers()
        {
            string type;
            byte[] answer;
            while ((answer = _commands.TakeAnswer(out type)) != null)
            {
                _results.Add(type, answer, false);
            }
        }

        private void PublishResults(long nowMs)
        {
            int i;
            while ((i = _results.NextUnsent()) >= 0)
            {
                int rid = _pending.NextId(_uplink);
                byte[] body = _results.Body(i);
                string topic = _topics.Build(KaaTopics.Cex, _tokens[0], "result/" + _results.Type(i), rid);
                int id = _session.Publish(topic, body, 0, body.Length, MqttQos.AtLeastOnce, false);
                if (id < 0)
                {
                    _counters.PublishFailures++;
                    return;
                }

                _results.MarkSent(i, id);
                _pending.Add(rid, "result", nowMs);
            }
        }

        private void BeginBody()
        {
            _w.Reset();
            _w.BeginObject();
        }

        private void Observe()
        {
            _w.Name("observe");
            _w.Bool(true);
            _w.EndObject();
        }

        /// <summary>Publishes the writer's body as a numbered request (QoS 1), remembered until its /status or /error.</summary>
        private void Request(string extension, string token, string path, long nowMs, string label)
        {
            int rid = _pending.NextId(_uplink);
            if (Publish(_topics.Build(extension, token, path, rid)))
            {
                _pending.Add(rid, label, nowMs);
            }
        }

        private bool Publish(string topic)
        {
            if (_w.Overflowed || _session.Publish(topic, _w.Buffer, 0, _w.Length, MqttQos.AtLeastOnce, false) < 0)
            {
                _counters.PublishFailures++;
                return false;
            }

            return true;
        }
    }
}
