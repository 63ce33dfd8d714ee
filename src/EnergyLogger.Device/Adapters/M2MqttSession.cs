using System;
using System.Security.Cryptography.X509Certificates;
using EnergyLogger.Core.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="IMqttSession"/> over nanoFramework.M2Mqtt 5.1 (MQTT 3.1.1, TLS 1.2 against the configured CA).
    /// M2Mqtt raises its events on its own threads; they are queued (<see cref="MqttClientEvents"/>) and handed to the
    /// owner by <see cref="Poll"/>, so Core sees everything on the main loop's thread. Each <see cref="Connect"/> makes a
    /// new client: M2Mqtt resolves the host name only in its constructor (so a broker that moved is found again)
    /// and has no automatic reconnect. Every failure is a result; no M2Mqtt exception leaves this class.
    /// </summary>
    public sealed class M2MqttSession : IMqttSession
    {
        /// <summary>Received messages waiting for <see cref="Poll"/>; more are dropped and counted (they are already acknowledged).</summary>
        public const int MaxQueuedEvents = 32;

        /// <summary>M2Mqtt's in-flight queue (publishes, subscribes, received messages being acknowledged); its default is unbounded.</summary>
        public const int MaxInFlight = 32;

        private readonly MqttClientEvents _events = new MqttClientEvents(MaxQueuedEvents);
        private byte[] _caSource;
        private X509Certificate _ca;

        /// <summary>Messages dropped because the owner did not poll fast enough.</summary>
        public int MessagesDropped => _events.MessagesDropped;

        public bool IsConnected => IsUp(_events.Client);

        public MqttConnectResult Connect(MqttConnectOptions options)
        {
            Retire(false);
            X509Certificate ca = null;
            if (options.UseTls && options.CaCertificate != null && options.CaCertificate.Length > 0)
            {
                ca = CaFor(options.CaCertificate);
                if (ca == null)
                {
                    return new MqttConnectResult(MqttConnectStatus.TlsRejected, "the configured CA certificate cannot be read");
                }
            }

            MqttClient client;
            try
            {
                // MqttNetworkChannel's constructor runs Dns.GetHostEntry: no address, no client.
                client = new MqttClient(options.Host, options.Port, options.UseTls, ca, null, options.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception e)
            {
                return new MqttConnectResult(MqttConnectStatus.NetworkError, "name lookup of " + options.Host + " failed: " + e.Message);
            }

            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;

            // MqttSettings is one instance for the whole application; nothing here ever turns validation off.
            client.Settings.ValidateServerCertificate = true;
            client.Settings.InflightQueueSize = MaxInFlight;
            _events.Follow(client, options.KeepAliveSeconds * 1500L);
            MqttConnectResult result = MqttConnectOutcome.Handshake(client, options);
            if (!result.IsAccepted)
            {
                Retire(false);
            }

            return result;
        }

        public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain)
        {
            MqttClient client = _events.Client;
            if (!IsUp(client))
            {
                return -1;
            }

            // M2Mqtt sends the whole array and keeps it until the PUBACK, so the caller's buffer cannot be lent.
            var message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            try
            {
                return _events.Publish(client, topic, message, Level(qos), retain, qos != MqttQos.AtMostOnce);
            }
            catch (Exception)
            {
                // InflightQueueFull, or a topic M2Mqtt refuses.
                return -1;
            }
        }

        public bool Subscribe(string topicFilter, MqttQos qos)
        {
            MqttClient client = _events.Client;
            if (!IsUp(client))
            {
                return false;
            }

            try
            {
                client.Subscribe(new[] { topicFilter }, new[] { Level(qos) });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Takes the next queued event, after the PUBACK watch; M2Mqtt runs PINGREQ on its own thread.</summary>
        public bool Poll(MqttEvent into)
        {
            return _events.Poll(into);
        }

        public void Disconnect()
        {
            Retire(true);
        }

        /// <summary>Lets go of the current client (<see cref="MqttClientEvents.Release"/>) and closes it.</summary>
        private void Retire(bool sendDisconnect)
        {
            MqttClient client = _events.Release();
            if (client == null)
            {
                return;
            }

            if (sendDisconnect && client.IsConnected)
            {
                try
                {
                    // M2Mqtt sends DISCONNECT and closes the channel on its dispatch thread.
                    client.Disconnect();
                    return;
                }
                catch (Exception)
                {
                    // The write failed: the connection is gone already; close what is left below.
                }
            }

            try
            {
                client.Close();
            }
            catch (Exception)
            {
                // Close is best effort in M2Mqtt as well; the client is dropped either way.
            }
        }

        /// <summary>The parsed CA, kept while the settings hand over the same bytes (parsing allocates and runs mbedTLS).</summary>
        private X509Certificate CaFor(byte[] pemOrDer)
        {
            if (!ReferenceEquals(pemOrDer, _caSource))
            {
                _ca = TrustedCa.Parse(pemOrDer);
                _caSource = pemOrDer;
            }

            return _ca;
        }

        private bool IsUp(MqttClient client)
        {
            return client != null && client.IsConnected && !_events.LossReported;
        }

        private static MqttQoSLevel Level(MqttQos qos)
        {
            return qos == MqttQos.AtLeastOnce ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
        }
    }
}
