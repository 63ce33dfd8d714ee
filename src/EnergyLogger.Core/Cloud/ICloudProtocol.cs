namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// What is spoken over the session once it is up: Kaa 1/KP (<see cref="KaaProtocol"/>) or the custom-MQTT
    /// layout (<see cref="CustomMqttProtocol"/>). <see cref="CloudLink"/> owns the connection and calls these
    /// on its one thread.
    /// </summary>
    public interface ICloudProtocol
    {
        /// <summary>Subscriptions and start-up publications after each (re)connect, in the protocol's order.</summary>
        void OnConnected(long nowMs);

        void OnMessage(string topic, byte[] payload, int length, long nowMs);

        /// <summary>The broker's PUBACK for a QoS 1 publish.</summary>
        void OnAcknowledged(int messageId, long nowMs);

        /// <summary>The connection is gone: every request in flight is void; its data stays in the outbox.</summary>
        void OnConnectionLost();

        /// <summary>While connected: send telemetry and results, retire requests that timed out.</summary>
        void Tick(long nowMs);
    }
}
