using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The cloud side as the installer's settings choose it (docs/cloud.md): the cloud session in the Kaa 1/KP or the
    /// custom-MQTT dialect, one outbox per endpoint of the map, the uplink, the command table and the link that keeps
    /// the session up. Built at boot, and again when a new map brings other endpoints. Each iteration ticks the link
    /// (telemetry, replay, configs and commands, which use the bus, so they run here between cycles).
    /// </summary>
    public sealed class CloudStack : ILoopTask
    {
        private readonly DeviceSettings _settings;
        private readonly RuntimePorts _ports;
        private readonly RuntimeOptions _options;
        private readonly OutboxShelf _shelf;
        private readonly ICommandHandler[] _handlers;
        private readonly ConfigInUse _config;
        private readonly IFactsSource _facts;
        private readonly IUpdateOffers _offers;
        private readonly IReboot _reboot;
        private readonly uint _jitterSeed;
        private CloudSession _session;
        private CloudLink _link;
        private string _lastError;

        /// <param name="endpoints">The map's endpoints (entry 0, the logger's own, is null).</param>
        /// <param name="reboot">The restart a delivered reboot command asks for.</param>
        internal CloudStack(BootContext boot, string[] endpoints, RuntimePorts ports, RuntimeOptions options, OutboxShelf shelf, CloudCounters counters,
            ICommandHandler[] handlers, ConfigInUse config, IFactsSource facts, IUpdateOffers offers, IReboot reboot)
        {
            _settings = boot.Settings;
            _ports = ports;
            _options = options;
            _shelf = shelf;
            Counters = counters;
            _handlers = handlers;
            _config = config;
            _facts = facts;
            _offers = offers;
            _reboot = reboot;
            _jitterSeed = JitterSeed(ports.Network.Mac, boot.Journal.Boots);
            Build(endpoints);
        }

        public string[] Endpoints { get; private set; }

        public Outbox[] Outboxes { get; private set; }

        public CloudCounters Counters { get; }

        public bool Online => _link.State == LinkState.Online;

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            heartbeat.Beat("cloud", _ports.Clock.MonotonicMs);
            _link.Tick();

            // Each new problem of the link (refused connect, lost session, error reply, rejected config) is one record.
            string error = Counters.LastError;
            if (error != null && (object)error != (object)_lastError)
            {
                _lastError = error;
                _ports.Log.Write(LogLevel.Warn, "cloud", error);
            }
        }

        /// <summary>
        /// The endpoints of a map just taken over. Other device endpoints change outboxes and tokens, so the stack is
        /// built anew (one reconnect); batches in flight stay in their outboxes and are sent again (at least once).
        /// </summary>
        public void Follow(string[] endpoints)
        {
            if (SameEndpoints(endpoints))
            {
                return;
            }

            _ports.Log.Write(LogLevel.Info, "cloud", "endpoints changed; reconnecting", "endpoints", endpoints.Length.ToString());
            Close();
            Build(endpoints);
        }

        /// <summary>Metadata (with the diagnostics) of every endpoint again, while connected.</summary>
        public void PublishMetadata()
        {
            if (Online)
            {
                _session.PublishMetadata(_ports.Clock.MonotonicMs);
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

        /// <summary>Ends the session on purpose (shutdown, reboot, new endpoints); the will is not published.</summary>
        public void Close()
        {
            _link.Close();
            _shelf.Flush();
        }

        /// <summary>Makes the session again at the next tick, without waiting out the backoff (a Wi-Fi network just joined).</summary>
        public void Reconnect()
        {
            _link.Reconnect();
        }

        /// <summary>The result of a command that deferred it (<see cref="CommandReply.Defer"/>): counted like any other and published once the link is up.</summary>
        public void Report(string type, CommandReply reply)
        {
            if (reply.Status == 200)
            {
                Counters.CommandsExecuted++;
            }
            else
            {
                Counters.CommandsRefused++;
            }

            _session.AddResult(type, reply.ToArray());
        }

        /// <summary>A result the logger made on its own (a schedule's run), published on <c>result/{type}</c> once the link is up.</summary>
        public void Report(string type, byte[] result)
        {
            _session.AddResult(type, result);
        }

        private void Build(string[] endpoints)
        {
            Endpoints = endpoints;
            Outboxes = _shelf.For(endpoints);
            CloudSettings cloud = SettingsFor(_settings, _options.Cloud, _ports.Network.Mac);
            var uplink = new TelemetryUplink(Outboxes, cloud, _options.Outbox.MaxBatchBytes, _jitterSeed);
            var commands = new CommandCenter(_handlers, _options.CommandQueue, _options.CommandReplyBytes, Counters);
            var configs = new ConfigApplier(new ConfigStore(_ports.Files), _config, Counters);
            _session = new CloudSession(_ports.Mqtt, Dialect(endpoints, cloud), uplink, commands, configs, _facts, _offers, _reboot, cloud, Counters);
            _session.UpdateReports = _ports.Updater;
            _link = new CloudLink(_ports.Mqtt, _ports.Clock, cloud, _session, Counters, _jitterSeed);
        }

        private CloudDialect Dialect(string[] endpoints, CloudSettings cloud)
        {
            if (_settings.Cloud == CloudMode.Kaa)
            {
                return new KaaDialect(new KaaTopics(_settings.KaaAppVersion), Names(endpoints, _settings.KaaToken));
            }

            string prefix = _settings.TopicPrefix;
            CustomMqttDialect.ConfigureWill(cloud.Connection, prefix);
            HomeAssistantDiscovery discovery = _settings.HomeAssistantDiscovery
                ? new HomeAssistantDiscovery(HomeAssistantDiscovery.DefaultPrefix, CloudSettings.ClientIdFor(_ports.Network.Mac), prefix + "/state",
                    prefix + "/status", _config)
                : null;
            return new CustomMqttDialect(prefix, Names(endpoints, ""), discovery);
        }

        /// <summary>The broker connection from the settings: TLS with the CA, credentials, client id <c>energy-logger-{MAC}</c>.</summary>
        private static CloudSettings SettingsFor(DeviceSettings settings, CloudSettings timing, byte[] mac)
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

        /// <summary>Loggers of one fleet must not reconnect in step after a broker outage: the MAC and the boot seed the jitter.</summary>
        private static uint JitterSeed(byte[] mac, uint boots)
        {
            uint seed = Crc32.Compute(mac, 0, mac.Length) ^ boots;
            return seed == 0 ? 1 : seed;
        }

        private bool SameEndpoints(string[] endpoints)
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
