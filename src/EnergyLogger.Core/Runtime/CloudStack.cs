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
        private readonly CloudSession _session;
        private readonly IClock _clock;

        /// <param name="endpoints">The map's endpoints (entry 0, the logger's own, is null).</param>
        public CloudStack(DeviceSettings settings, string[] endpoints, Outbox[] outboxes, ICommandHandler[] handlers, RuntimePorts ports,
            MainLoop host, RuntimeOptions options, CloudCounters counters, uint jitterSeed)
        {
            _clock = ports.Clock;
            Endpoints = endpoints;
            Outboxes = outboxes;
            Counters = counters;
            CloudSettings cloud = SettingsFor(settings, options.Cloud, ports.Network.Mac);
            Uplink = new TelemetryUplink(outboxes, cloud.Window, options.Outbox.MaxBatchBytes);
            Commands = new CommandCenter(handlers, options.CommandQueue, options.CommandReplyBytes, counters);
            CloudDialect dialect;
            if (settings.Cloud == CloudMode.Kaa)
            {
                dialect = new KaaDialect(new KaaTopics(settings.KaaAppVersion), Names(endpoints, settings.KaaToken));
            }
            else
            {
                CustomMqttDialect.ConfigureWill(cloud.Connection, settings.TopicPrefix);
                HomeAssistantDiscovery discovery = settings.HomeAssistantDiscovery
                    ? new HomeAssistantDiscovery(HomeAssistantDiscovery.DefaultPrefix, CloudSettings.ClientIdFor(ports.Network.Mac),
                        settings.TopicPrefix + "/state", settings.TopicPrefix + "/status", host)
                    : null;
                dialect = new CustomMqttDialect(settings.TopicPrefix, Names(endpoints, ""), discovery);
            }

            _session = new CloudSession(ports.Mqtt, dialect, Uplink, Commands, new ConfigApplier(new ConfigStore(ports.Files), host, counters), host, host,
                host, cloud, counters);
            _session.UpdateReports = ports.Updater;
            Link = new CloudLink(ports.Mqtt, ports.Clock, cloud, _session, counters, jitterSeed);
        }

        public string[] Endpoints { get; }

        public Outbox[] Outboxes { get; }

        public TelemetryUplink Uplink { get; }

        public CommandCenter Commands { get; }

        public CloudLink Link { get; }

        public CloudCounters Counters { get; }

        public bool Online => Link.State == LinkState.Online;

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
            if (Online)
            {
                _session.PublishMetadata(_clock.MonotonicMs);
            }
        }

        /// <summary>The latest sample of the logger's own endpoint, retained for dashboards where the platform has a place for it.</summary>
        public void PublishLatest(byte[] sample, int count)
        {
            if (Online)
            {
                _session.PublishLatest(sample, 0, count);
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
