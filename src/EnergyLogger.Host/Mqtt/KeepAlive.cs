namespace EnergyLogger.Host.Mqtt;

/// <summary>What the keepalive asks of the client at a given moment.</summary>
public enum KeepAliveAction
{
    None,
    SendPing,
    /// <summary>A PINGREQ went unanswered: the server is gone or the TCP connection is half-open. Close and reconnect.</summary>
    Expired,
}

/// <summary>
/// Keepalive timing as pure arithmetic on a monotonic clock (MQTT 3.1.1, 3.1.2.10). A PINGREQ goes out after
/// half the interval without traffic in either direction, and one unanswered for another half interval ends
/// the connection, so a server that falls silent is noticed within one interval, inside the 1.5 x keepalive
/// that RELIABILITY C3 allows and before the server's own 1.5 x limit would drop us.
/// </summary>
public sealed class KeepAlive
{
    private readonly long _halfMs;
    private long _lastSent;
    private long _lastReceived;
    private long _pingSent = -1;

    public KeepAlive(int keepAliveSeconds)
    {
        _halfMs = keepAliveSeconds * 500L;
    }

    public void Start(long nowMs)
    {
        _lastSent = nowMs;
        _lastReceived = nowMs;
        _pingSent = -1;
    }

    public void OnSent(long nowMs) => _lastSent = nowMs;

    /// <summary>Any packet from the server proves it is alive, not only PINGRESP.</summary>
    public void OnReceived(long nowMs)
    {
        _lastReceived = nowMs;
        _pingSent = -1;
    }

    public void OnPingSent(long nowMs)
    {
        _pingSent = nowMs;
        _lastSent = nowMs;
    }

    public KeepAliveAction Check(long nowMs)
    {
        if (_halfMs == 0)
        {
            // 3.1.2.10: a keepalive of zero turns the mechanism off.
            return KeepAliveAction.None;
        }

        if (_pingSent >= 0)
        {
            return nowMs - _pingSent >= _halfMs ? KeepAliveAction.Expired : KeepAliveAction.None;
        }

        return nowMs - _lastReceived >= _halfMs || nowMs - _lastSent >= _halfMs ? KeepAliveAction.SendPing : KeepAliveAction.None;
    }
}
