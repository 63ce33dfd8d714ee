using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The broker connection as the virtual device's Wi-Fi allows it (<see cref="HostNetwork"/>): no connect while the station
/// is not on a network that reaches the cloud, and a connection made over a network the station has since left is lost,
/// as a TCP connection is when the board's station leaves its access point. Everything else is the real client's.
/// </summary>
internal sealed class WifiGatedSession(IMqttSession inner, HostNetwork network) : IMqttSession
{
    private int _generation = -1;

    public bool IsConnected => inner.IsConnected && _generation == network.Generation;

    public MqttConnectResult Connect(MqttConnectOptions options)
    {
        if (!network.ReachesCloud)
        {
            return new MqttConnectResult(MqttConnectStatus.NetworkError, "no route to the broker over Wi-Fi network " + (network.Ssid ?? "(none)"));
        }

        MqttConnectResult result = inner.Connect(options);
        _generation = network.Generation;
        return result;
    }

    public int Publish(string topic, byte[] payload, int offset, int count, MqttQos qos, bool retain) =>
        IsConnected ? inner.Publish(topic, payload, offset, count, qos, retain) : -1;

    public bool Subscribe(string topicFilter, MqttQos qos) => IsConnected && inner.Subscribe(topicFilter, qos);

    public bool Poll(MqttEvent into)
    {
        if (inner.IsConnected && _generation != network.Generation)
        {
            inner.Disconnect();
            into.Clear();
            into.Kind = MqttEventKind.ConnectionLost;
            into.Reason = "the station left the network";
            return true;
        }

        return inner.Poll(into);
    }

    public void Disconnect() => inner.Disconnect();
}
