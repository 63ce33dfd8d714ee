namespace EnergyLogger.Host.Provisioning;

/// <summary>Limits of the port-4242 listener (RELIABILITY P1, P3); tests shorten the times.</summary>
internal sealed record ProvisioningListenerOptions
{
    /// <summary>Sessions served at once; a connection beyond this is told so and closed.</summary>
    public int MaxSessions { get; init; } = 2;

    /// <summary>A session with no complete line for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a waiting session checks its idle clock.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A client that stops reading its replies for this long is dropped.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After the farewell, how long the listener reads on for the client's own close before closing anyway.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(2);
}
