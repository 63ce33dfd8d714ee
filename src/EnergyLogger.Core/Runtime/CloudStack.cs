using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The cloud side as the installer's settings choose it (docs/cloud.md): Kaa 1/KP or custom MQTT, one
    /// outbox per endpoint of the map, the uplink, the command table and the link that keeps the session up.
    /// Built at boot and again when a new map brings other endpoints.
    /// </summary>
    public sealed class CloudStack
    {
        private readonly KaaProtocol _kaa;
        private readonly CustomMqttProtocol _custom;
        private readonly IClock _clock;

        /// <param name="endpoints">The map's endpoints (entry 0, the logger's own, is null).</param>
        public CloudStack(DeviceSettings settings, string[] endpoints, Outbox[] outboxes, ICommandHandler[] handlers, RuntimePorts ports,
            ICloudHost host, RuntimeOptions options, CloudCounters counters, uint jitterSeed)
        {
            _clock = ports.Clock;
            Endpoints = endpoints;
            Outboxes = outboxes;
            Counters = counters;
            CloudSettings cloud = SettingsFor(settings, options.Cloud, ports.Network.Mac);
            Uplink = new TelemetryUplink(outboxes, cloud.Window, options.Outbox.MaxBatchBytes);
            Commands = new CommandCenter(handlers, options.CommandQueue, options.CommandReplyBytes, counters);
            var configs = new ConfigStore(ports.Files);
            ICloudProtocol protocol;
            if (settings.Cloud == CloudMode.Kaa)
            {
                _kaa = new KaaProtocol(ports.Mqtt, new KaaTopics(settings.KaaAppVersion), Names(endpoints, settings.KaaToken), Uplink, Commands,
                    configs, host, cloud, counters);
                _kaa.UpdateReports = ports.Updater;
                protocol = _kaa;
            }
            else
            {
                CustomMqttProtocol.ConfigureWill(cloud.Connection, settings.TopicPrefix);
                HomeAssistantDiscovery discovery = settings.HomeAssistantDiscovery
                    ? new HomeAssistantDiscovery(HomeAssistantDiscovery.DefaultPrefix, CloudSettings.ClientIdFor(ports.Network.Mac),
                        settings.TopicPrefix + "/state", settings.TopicPrefix + "/status")
                    : null;
                _custom = new CustomMqttProtocol(ports.Mqtt, settings.TopicPrefix, Names(endpoints, ""), Uplink, Commands, configs, host, cloud,
                    counters, discovery);
                _custom.UpdateReports = ports.Updater;
                protocol = _custom;
            }

            Link = new CloudLink(ports.Mqtt, ports.Clock, cloud, protocol, counters, jitterSeed);
        }

        public string[] Endpoints { get; }

        public Outbox[] Outboxes { get; }

        public TelemetryUplink Uplink { get; }

        public CommandCenter Commands { get; }

        public CloudLink Link { get; }

        public CloudCounters Counters { get; }

        public bool Online => Link.State == LinkState.Online;

        /// <summary>The id of the config in use, sent with every config pull (RFC 7).</summary>
        public string ConfigId
        {
            get { return _kaa != null ? _kaa.ConfigId : _custom.ConfigId; }
            set
            {
                if (_kaa != null)
                {
                    _kaa.ConfigId = value;
                }
                else
                {
                    _custom.ConfigId = value;
                }
            }
        }

        /// <summary>The broker connection from the settings: TLS with the CA, credentials, client id <c>energy-logger-{MAC}</c>.</summary>
        public static CloudSettings SettingsFor(DeviceSettings settings, CloudSettings timing, byte[] mac)
        {
            var cloud = new CloudSettings
            {
                BackoffBaseMs = timing.BackoffBaseMs,
                BackoffMaxMs = timing.BackoffMaxMs,
                Window = timing.Window,
                ReplyTimeoutMs = timing.ReplyTimeoutMs,
            };
            MqttConnectOptions c = cloud.Connection;
            c.Host = settings.MqttHost;
            c.Port = settings.MqttPort;
            c.UseTls = settings.MqttTls;
            c.CaCertificate = settings.MqttCaPem.Length == 0 ? null : Encoding.UTF8.GetBytes(settings.MqttCaPem);
            c.ClientId = CloudSettings.ClientIdFor(mac);
            c.Username = settings.MqttUsername.Length == 0 ? null : settings.MqttUsername;
            c.Password = settings.MqttPassword.Length == 0 ? null : settings.MqttPassword;
            c.KeepAliveSeconds = timing.Connection.KeepAliveSeconds;
            c.ConnectTimeoutMs = timing.Connection.ConnectTimeoutMs;
            return cloud;
        }

        public bool SameEndpoints(string[] endpoints)
        {
            if (endpoints.Length != Endpoints.Length)
            {
                return false;
            }

            for (int e = 1; e < endpoints.Length; e++)
            {
                if (endpoints[e] != Endpoints[e])
                {
                    return false;
                }
            }

            return true;
        }

        public void Tick()
        {
            Link.Tick();
        }

        /// <summary>Metadata (with the diagnostics) of every endpoint again, while connected.</summary>
        public void PublishMetadata()
        {
            if (!Online)
            {
                return;
            }

            for (int e = 0; e < Endpoints.Length; e++)
            {
                if (_kaa != null)
                {
                    _kaa.PublishMetadata(e, _clock.MonotonicMs);
                }
                else
                {
                    _custom.PublishMetadata(e);
                }
            }
        }

        /// <summary>The latest sample of the logger's own endpoint, retained for dashboards (custom MQTT only).</summary>
        public void PublishLatest(byte[] sample, int count)
        {
            if (_custom != null && Online)
            {
                _custom.PublishState(sample, 0, count);
            }
        }

        public void Close()
        {
            Link.Close();
        }

        private static string[] Names(string[] endpoints, string own)
        {
            var names = new string[endpoints.Length];
            names[0] = own;
            for (int e = 1; e < endpoints.Length; e++)
            {
                names[e] = endpoints[e];
            }

            return names;
        }
    }
}
