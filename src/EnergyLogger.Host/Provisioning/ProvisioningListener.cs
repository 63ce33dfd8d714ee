using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Host.Provisioning;

/// <summary>
/// Port 4242 on the host: the soft-AP's TCP server of the device, on a loopback or LAN address. Each
/// connection gets a Core <see cref="ProvisioningSession"/> on its own thread; at most
/// <see cref="ProvisioningListenerOptions.MaxSessions"/> run at once and a connection beyond that is
/// answered <c>error busy</c> and closed, so a flood never starves the accept loop (RELIABILITY P3).
/// After a session applies settings the listener calls back, where the device would reboot into
/// station mode. Its sessions share one <see cref="AuthGate"/>, so wrong codes count across connections.
/// </summary>
internal sealed class ProvisioningListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly SettingsRepository _repository;
    private readonly IClock _clock;
    private readonly ProvisioningListenerOptions _options;
    private readonly AuthGate _gate;
    private readonly Action _applied;
    private readonly ConcurrentDictionary<Socket, Thread> _sessions = new();
    private readonly Thread _acceptThread;
    private int _active;
    private volatile bool _stopping;

    public ProvisioningListener(IPEndPoint endpoint, SettingsRepository repository, IClock clock, ProvisioningListenerOptions options, AuthGate gate,
        Action applied)
    {
        _listener = new TcpListener(endpoint);
        _repository = repository;
        _clock = clock;
        _options = options;
        _gate = gate;
        _applied = applied;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "provisioning accept" };
    }

    /// <summary>The address actually bound: with port 0 the system picks one.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    public ListenerCounters Counters { get; } = new();

    public int ActiveSessions => Volatile.Read(ref _active);

    public void Start()
    {
        _listener.Start();
        _acceptThread.Start();
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        foreach (Socket socket in _sessions.Keys)
        {
            socket.Dispose();
        }

        _acceptThread.Join(TimeSpan.FromSeconds(5));
        foreach (Thread thread in _sessions.Values)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                if (_stopping)
                {
                    return;
                }

                continue;
            }

            if (Interlocked.Increment(ref _active) > _options.MaxSessions)
            {
                Interlocked.Decrement(ref _active);
                Refuse(socket);
                continue;
            }

            var thread = new Thread(() => Serve(socket)) { IsBackground = true, Name = "provisioning session" };
            _sessions[socket] = thread;
            thread.Start();
        }
    }

    private void Refuse(Socket socket)
    {
        Counters.CountRefused();
        string reply = ProtocolReply.Error("busy", $"{_options.MaxSessions} sessions are open; try again later");
        try
        {
            socket.SendTimeout = (int)_options.SendTimeout.TotalMilliseconds;
            socket.Send(Encoding.UTF8.GetBytes(reply + "\r\n"));
            socket.Shutdown(SocketShutdown.Send);

            // Input already there is read, not left for the close to answer with a reset; the accept loop waits
            // for nothing more.
            var discard = new byte[1024];
            while (socket.Available > 0)
            {
                socket.Receive(discard);
            }
        }
        catch (SocketException)
        {
            // The client went already; there is nobody to tell.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private void Serve(Socket socket)
    {
        Counters.CountAccepted();
        var session = new ProvisioningSession(_repository, _clock, (int)_options.IdleTimeout.TotalMilliseconds, _gate);
        try
        {
            new ProvisioningConnection(socket, session, _options, Counters).Run(() => _stopping);
        }
        finally
        {
            _sessions.TryRemove(socket, out _);
            socket.Dispose();
            Interlocked.Decrement(ref _active);
        }

        Count(session.End);
        if (session.End == SessionEnd.Applied)
        {
            _applied();
        }
    }

    private void Count(SessionEnd end)
    {
        switch (end)
        {
            case SessionEnd.LineTooLong:
                Counters.CountLineTooLong();
                break;
            case SessionEnd.IdleTimeout:
                Counters.CountIdle();
                break;
            case SessionEnd.Applied:
                Counters.CountApplied();
                break;
            case SessionEnd.Locked:
                Counters.CountLocked();
                break;
        }
    }
}
