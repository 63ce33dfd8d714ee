namespace EnergyLogger.Host.Mqtt;

/// <summary>What the client did, for diagnostics and tests.</summary>
public sealed class MqttClientCounters
{
    public int Connects;
    public int ConnectionsLost;
    public int Published;
    public int Acknowledged;
    public int Resent;
    public int Received;
    public int Pings;
    public int KeepAliveExpired;
    public int Malformed;
    public int MessagesDropped;

    /// <summary>Messages over the packet cap, delivered with only their start (<see cref="FrameStatus.Cut"/>).</summary>
    public int MessagesCut;
    public int SubscriptionsRefused;
}
