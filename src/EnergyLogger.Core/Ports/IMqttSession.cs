namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// One MQTT 3.1.1 connection, driven from one thread by polling, so Core needs no locks and a fake can
    /// script every event. The device adapter wraps nanoFramework.M2Mqtt (its events feed a queue that
    /// <see cref="Poll"/> drains; it has no auto-reconnect, and neither has this port: the owner reconnects);
    /// the host adapter is the logger's own client over SslStream.
    /// </summary>
    public interface IMqttSession
    {
        /// <summary>Opens TCP (and TLS), sends CONNECT and waits for CONNACK. Replaces a previous connection.</summary>
        MqttConnectResult Connect(MqttConnectOptions options);

        bool IsConnected { get; }

        /// <summary>
        /// Sends one PUBLISH. Returns the message id that a later <see cref="MqttEventKind.Acknowledged"/> event
        /// names (QoS 1), 0 for QoS 0, or -1 when nothing was sent (not connected, in-flight window full).
        /// </summary>
        int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain);

        /// <summary>Sends SUBSCRIBE for one filter; false when not connected. Packets on one connection are handled in order, so a request published after it gets its reply.</summary>
        bool Subscribe(string topicFilter, MqttQos qos);

        /// <summary>Takes the next event without waiting and does the session's housekeeping (keepalive); false when there was none.</summary>
        bool Poll(MqttEvent into);

        /// <summary>Sends DISCONNECT (so the will is not published) and closes the connection.</summary>
        void Disconnect();
    }
}
