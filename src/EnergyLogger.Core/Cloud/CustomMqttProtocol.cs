using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The logger on any MQTT broker, under one topic prefix (docs/cloud.md, "Custom MQTT"): telemetry batches
    /// on <c>{p}/telemetry</c> leave the outbox on the broker's PUBACK (QoS 1), the latest sample is kept retained
    /// on <c>{p}/state</c>, metadata and the availability on <c>{p}/metadata</c> and <c>{p}/status</c> (retained,
    /// with the will), configs arrive on <c>{p}/config/set</c> and are reported on <c>{p}/config/status</c>, commands
    /// arrive on <c>{p}/command/{type}</c> and are answered on <c>{p}/result/{type}</c>, software offers arrive on
    /// <c>{p}/ota/offer</c> and the updater's outcomes go to <c>{p}/ota/status</c>. Devices with their own endpoint
    /// publish under <c>{p}/device/{endpoint}/</c>. Optional Home Assistant discovery follows the connect.
    /// </summary>
    public sealed class CustomMqttProtocol : ICloudProtocol
    {
        public const string Online = "online";
        public const string Offline = "offline";
        private const int DiscoveryPerTick = 8;

        private readonly IMqttSession _session;
        private readonly string _prefix;
        private readonly string[] _endpoints;
        private readonly TelemetryUplink _uplink;
        private readonly CommandCenter _commands;
        private readonly ConfigApplier _config;
        private readonly ICloudHost _host;
        private readonly CloudSettings _settings;
        private readonly CloudCounters _counters;
        private readonly HomeAssistantDiscovery _discovery;
        private readonly ResultQueue _results = new ResultQueue(160);
        private readonly UpdateReportSender _reports = new UpdateReportSender();
        private readonly JsonWriter _w = new JsonWriter(4096, 6);

        /// <param name="endpoints">Entry 0 is the logger itself; the others are the device endpoints of the map.</param>
        public CustomMqttProtocol(IMqttSession session, string prefix, string[] endpoints, TelemetryUplink uplink, CommandCenter commands,
            ConfigStore configs, ICloudHost host, CloudSettings settings, CloudCounters counters, HomeAssistantDiscovery discovery)
        {
            _session = session;
            _prefix = prefix;
            _endpoints = endpoints;
            _uplink = uplink;
            _commands = commands;
            _config = new ConfigApplier(configs, host, counters);
            _host = host;
            _settings = settings;
            _counters = counters;
            _discovery = discovery;
        }

        public string ConfigId
        {
            get { return _config.ConfigId; }
            set { _config.ConfigId = value; }
        }

        /// <summary>The OTA updater's reports, published on <c>{p}/ota/status</c>; null when this build has no updater.</summary>
        public IUpdateReports UpdateReports
        {
            get { return _reports.Reports; }
            set { _reports.Reports = value; }
        }

        public string StateTopic => _prefix + "/state";

        public string UpdateStatusTopic => _prefix + "/ota/status";

        public string StatusTopic => _prefix + "/status";

        /// <summary>Sets the will so that the broker marks the logger offline (retained) when it vanishes.</summary>
        public static void ConfigureWill(MqttConnectOptions options, string prefix)
        {
            options.WillTopic = prefix + "/status";
            options.WillPayload = System.Text.Encoding.UTF8.GetBytes(Offline);
            options.WillQos = MqttQos.AtLeastOnce;
            options.WillRetain = true;
        }

        public void OnConnected(long nowMs)
        {
            _reports.Reset();
            _session.Subscribe(_prefix + "/config/set", MqttQos.AtLeastOnce);
            _session.Subscribe(_prefix + "/command/+", MqttQos.AtLeastOnce);
            _session.Subscribe(_prefix + "/ota/offer", MqttQos.AtLeastOnce);
            byte[] online = System.Text.Encoding.UTF8.GetBytes(Online);
            Publish(StatusTopic, online, online.Length, true);
            for (int e = 0; e < _endpoints.Length; e++)
            {
                PublishMetadata(e);
            }

            if (_discovery != null)
            {
                _discovery.Start(_host.Map);
            }
        }

        public void OnMessage(string topic, byte[] payload, int length, long nowMs)
        {
            if (topic == _prefix + "/config/set")
            {
                OnConfig(payload, length);
            }
            else if (topic.StartsWith(_prefix + "/command/") && topic.Length > _prefix.Length + 9)
            {
                _commands.Accept(topic.Substring(_prefix.Length + 9), payload, 0, length);
            }
            else if (topic == _prefix + "/ota/offer")
            {
                _host.OfferUpdate(payload, 0, length);
            }
            else
            {
                _counters.MessagesIgnored++;
            }
        }

        /// <summary>PUBACK is the acknowledgement here: it deletes a telemetry batch, releases a command result or delivers an OTA report.</summary>
        public void OnAcknowledged(int messageId, long nowMs)
        {
            if (_uplink.Complete(messageId))
            {
                _counters.BatchesAcknowledged++;
                return;
            }

            if (_reports.Acknowledge(messageId))
            {
                return;
            }

            if (_results.Acknowledge(messageId))
            {
                _host.Reboot();
            }
        }

        public void OnConnectionLost()
        {
            _uplink.ReleaseAll();
            _results.ResendAll();
            _reports.Reset();
        }

        public void Tick(long nowMs)
        {
            _counters.Timeouts += _uplink.Expire(nowMs, _settings.ReplyTimeoutMs);
            string type;
            byte[] answer;
            while ((answer = _commands.TakeAnswer(out type)) != null)
            {
                _results.Add(type, answer, false);
            }

            if (_commands.RunNext(out type))
            {
                var body = new byte[_commands.Reply.Writer.Length];
                System.Array.Copy(_commands.Reply.Writer.Buffer, body, body.Length);
                _results.Add(type, body, _commands.Reply.RebootAfterDelivery);
            }

            PublishResults();
            SendUpdateReport(nowMs);
            PublishDiscovery();
            SendTelemetry(nowMs);
        }

        /// <summary>The latest sample for dashboards, retained, QoS 0: it is not part of the outbox guarantee.</summary>
        public void PublishState(byte[] sample, int offset, int count)
        {
            _session.Publish(StateTopic, sample, offset, count, MqttQos.AtMostOnce, true);
        }

        public void PublishMetadata(int endpoint)
        {
            DeviceFacts facts = _host.Facts(endpoint);
            if (facts == null)
            {
                return;
            }

            _w.Reset();
            _w.BeginObject();
            facts.WriteMembers(_w);
            _w.EndObject();
            Publish(Base(endpoint) + "/metadata", _w.Buffer, _w.Length, true);
        }

        private string Base(int endpoint)
        {
            return endpoint == 0 ? _prefix : _prefix + "/device/" + _endpoints[endpoint];
        }

        private void OnConfig(byte[] payload, int length)
        {
            _config.Handle(payload, length);
            if (_config.Status == 0)
            {
                return;
            }

            _w.Reset();
            _w.BeginObject();
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
            Publish(_prefix + "/config/status", _w.Buffer, _w.Length, true);
        }

        private void PublishResults()
        {
            int i;
            while ((i = _results.NextUnsent()) >= 0)
            {
                byte[] body = _results.Body(i);
                int id = _session.Publish(_prefix + "/result/" + _results.Type(i), body, 0, body.Length, MqttQos.AtLeastOnce, false);
                if (id < 0)
                {
                    _counters.PublishFailures++;
                    return;
                }

                _results.MarkSent(i, id);
            }
        }

        /// <summary>
        /// The updater's oldest outcome, retained so that a dashboard shows the last one, with the CMX_OTA <c>applied</c>
        /// body (docs/cloud.md); the broker's PUBACK delivers it.
        /// </summary>
        private void SendUpdateReport(long nowMs)
        {
            if (!_reports.Next(_w, nowMs, _settings.ReplyTimeoutMs))
            {
                return;
            }

            int id = _session.Publish(UpdateStatusTopic, _w.Buffer, 0, _w.Length, MqttQos.AtLeastOnce, true);
            if (id < 0)
            {
                _counters.PublishFailures++;
                return;
            }

            _reports.Sent(id, nowMs);
        }

        private void PublishDiscovery()
        {
            if (_discovery == null)
            {
                return;
            }

            DeviceFacts facts = _host.Facts(0);
            for (int n = 0; n < DiscoveryPerTick; n++)
            {
                string topic = _discovery.Next(_w, facts);
                if (topic == null || !Publish(topic, _w.Buffer, _w.Length, true))
                {
                    return;
                }
            }
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

                int id = _session.Publish(Base(endpoint) + "/telemetry", _uplink.Buffer, 0, length, MqttQos.AtLeastOnce, false);
                if (id < 0)
                {
                    _counters.PublishFailures++;
                    _uplink.Abort();
                    return;
                }

                _uplink.Track(id, nowMs);
            }
        }

        private bool Publish(string topic, byte[] body, int length, bool retain)
        {
            if (_session.Publish(topic, body, 0, length, MqttQos.AtLeastOnce, retain) < 0)
            {
                _counters.PublishFailures++;
                return false;
            }

            return true;
        }
    }
}
