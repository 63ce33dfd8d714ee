using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Provisioning;

/// <summary>
/// The provisioning access point on a PC, which has no radio to give one: it records how the board's soft-AP would
/// be configured (WPA2-PSK with the label's key, or open) and serves port 4242 on its endpoint while the access point
/// is up, as the board serves it on 192.168.4.1; in safe mode it serves port 4242 whatever the window says, as the
/// board does on the home network. Every listener of one boot shares one <see cref="AuthGate"/>, so closing and
/// opening again does not forgive wrong codes. A change never takes a restart here.
/// </summary>
internal sealed class HostAccessPoint(IPEndPoint endpoint, BootContext boot, IClock clock, ProvisioningListenerOptions options, Log log)
    : IAccessPoint, IDisposable
{
    private readonly object _gate = new();
    private readonly AuthGate _auth = new(boot.Label, clock);
    private readonly bool _alwaysServe = boot.Mode == RunMode.Safe;
    private Action? _applied;
    private ProvisioningListener? _listener;

    /// <summary>How the access point was configured last: <c>wpa2-psk</c>, <c>open</c>, or <c>closed</c>.</summary>
    public string Configured { get; private set; } = "closed";

    /// <summary>Every configuration in order, as <see cref="Configured"/> names them.</summary>
    public List<string> History { get; } = [];

    /// <summary>The key the access point would ask for; empty when it is open or closed.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The listener serving port 4242 now, or null.</summary>
    public ProvisioningListener? Listener
    {
        get
        {
            lock (_gate)
            {
                return _listener;
            }
        }
    }

    public bool Open(string key)
    {
        lock (_gate)
        {
            Key = key;
            Record(key.Length == 0 ? "open" : "wpa2-psk");
            if (_applied is not null)
            {
                Listen(quiet: true);
            }

            return false;
        }
    }

    public bool Close()
    {
        lock (_gate)
        {
            Key = "";
            Record("closed");
            if (!_alwaysServe)
            {
                StopListening();
            }

            return false;
        }
    }

    /// <summary>
    /// Starts serving once the loop exists, whose <see cref="MainLoop.SettingsApplied"/> the sessions call; throws
    /// <see cref="SocketException"/> when the endpoint cannot be bound, which ends the run.
    /// </summary>
    public void Serve(Action applied)
    {
        lock (_gate)
        {
            _applied = applied;
            if (Configured != "closed" || _alwaysServe)
            {
                Listen(quiet: false);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            StopListening();
        }
    }

    private void Record(string configuration)
    {
        Configured = configuration;
        History.Add(configuration);
    }

    /// <param name="quiet">When opened from the loop (a short press, start_ap), a port in use is logged, not thrown.</param>
    private void Listen(bool quiet)
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new ProvisioningListener(endpoint, boot.SettingsStore, clock, options, _auth, _applied!);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (quiet)
        {
            log.Write(LogLevel.Error, "provisioning", "cannot listen", "endpoint", endpoint.ToString(), "error", e.Message);
            listener.Dispose();
            return;
        }

        _listener = listener;
        log.Write(LogLevel.Info, "provisioning", "listening", "endpoint", listener.Endpoint.ToString());
    }

    private void StopListening()
    {
        if (_listener is null)
        {
            return;
        }

        _listener.Dispose();
        _listener = null;
        log.Write(LogLevel.Info, "provisioning", "stopped listening", "endpoint", endpoint.ToString());
    }
}
