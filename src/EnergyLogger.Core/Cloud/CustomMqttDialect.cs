using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The logger on any MQTT broker, under one topic prefix (docs/cloud.md, "Custom MQTT"): the broker's PUBACK (QoS 1)
    /// is the acknowledgement, so a telemetry batch on <c>{p}/telemetry</c> leaves the outbox on it. The latest sample is
    /// kept retained on <c>{p}/state</c>, metadata and availability on <c>{p}/metadata</c> and <c>{p}/status</c> (retained,
    /// with the will); configs arrive on <c>{p}/config/set</c> and are reported on <c>{p}/config/status</c>, commands
    /// arrive on <c>{p}/command/{type}</c> and are answered on <c>{p}/result/{type}</c>, offers arrive on
    /// <c>{p}/ota/offer</c> and the updater's outcomes go to <c>{p}/ota/status</c>. Devices with their own endpoint
    /// publish under <c>{p}/device/{endpoint}/</c>. Optional Home Assistant discovery follows the connect.
    /// </summary>
    public sealed class CustomMqttDialect : CloudDialect
    {
        public const string Online = "online";
        public const string Offline = "offline";
        private const int DiscoveryPerTick = 8;

        // Indexed by Outbound, after the endpoint's base topic; a result's command type follows.
        private static readonly string[] Suffixes = { "/telemetry", "/metadata", "/config/status", "/ota/status", "/result/" };

        private readonly string _prefix;
        private readonly HomeAssistantDiscovery _discovery;

        /// <param name="endpoints">Entry 0 is the logger itself; the others are the device endpoints of the map.</param>
        /// <param name="discovery">Home Assistant discovery, or null when the settings leave it off.</param>
        public CustomMqttDialect(string prefix, string[] endpoints, HomeAssistantDiscovery discovery)
            : base(endpoints)
        {
            _prefix = prefix;
            _discovery = discovery;
        }

        public string StatusTopic => _prefix + "/status";

        internal override string StateTopic => _prefix + "/state";

        internal override bool DeliveredOnPubAck => true;

        /// <summary>Sets the will so that the broker marks the logger offline (retained) when it vanishes.</summary>
        public static void ConfigureWill(MqttConnectOptions options, string prefix)
        {
            options.WillTopic = prefix + "/status";
            options.WillPayload = System.Text.Encoding.UTF8.GetBytes(Offline);
            options.WillQos = MqttQos.AtLeastOnce;
            options.WillRetain = true;
        }

        internal override void Connected(CloudSession s, long nowMs)
        {
            s.Subscribe(_prefix + "/config/set");
            s.Subscribe(_prefix + "/command/+");
            s.Subscribe(_prefix + "/ota/offer");
            byte[] online = System.Text.Encoding.UTF8.GetBytes(Online);
            s.Publish(StatusTopic, online, online.Length, true);
            s.PublishMetadata(nowMs);
            if (_discovery != null)
            {
                _discovery.Start();
            }
        }

        internal override void Received(CloudSession s, string topic, byte[] payload, int length, long nowMs)
        {
            if (topic == _prefix + "/config/set")
            {
                s.TakeConfig(payload, length, nowMs);
            }
            else if (topic.StartsWith(_prefix + "/command/") && topic.Length > _prefix.Length + 9)
            {
                s.TakeCommand(topic.Substring(_prefix.Length + 9), payload, length);
            }
            else if (topic == _prefix + "/ota/offer")
            {
                s.TakeOffer(payload, length);
            }
            else
            {
                s.Ignore();
            }
        }

        /// <summary>QoS 1 under the endpoint's base topic; what a dashboard shows last (metadata, reports) is retained.</summary>
        internal override int Send(CloudSession s, Outbound kind, int endpoint, string type, byte[] body, int length, long nowMs)
        {
            string topic = (endpoint == 0 ? _prefix : _prefix + "/device/" + Endpoints[endpoint]) + Suffixes[(int)kind];
            return s.Publish(type == null ? topic : topic + type, body, length, kind != Outbound.Telemetry && kind != Outbound.Result);
        }

        /// <summary>A few discovery configs per tick, so a full map does not flood the in-flight window.</summary>
        internal override void Tick(CloudSession s)
        {
            if (_discovery == null || !_discovery.Pending)
            {
                return;
            }

            DeviceFacts facts = s.Facts(0);
            for (int n = 0; n < DiscoveryPerTick; n++)
            {
                string topic = _discovery.Next(s.Writer, facts);
                if (topic == null || !s.PublishBody(topic, true))
                {
                    return;
                }
            }
        }
    }
}
