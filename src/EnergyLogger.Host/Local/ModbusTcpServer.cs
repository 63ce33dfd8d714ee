using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Local;

/// <summary>
/// The local MODBUS TCP server on the host (docs/local-access.md): an accept thread and one thread per client, each
/// client a Core <see cref="ModbusServerSession"/> over the main loop's <see cref="RegisterImage"/>. At most
/// <see cref="ServerLimits.MaxClients"/> at once, a further connection is closed at once; a client idle for
/// <see cref="ServerLimits.IdleTimeoutMs"/>, one that breaks the MBAP framing, or one that does not take its reply
/// within <see cref="ServerLimits.SendTimeoutMs"/> is closed. Only requests for the map's own unit ids with the gateway on
/// reach the bus, through the main loop (<see cref="GatewayDesk"/>); the client's thread waits for the loop's reply.
/// </summary>
internal sealed class ModbusTcpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly RegisterImage _image;
    private readonly int _unit;
    private readonly Log _log;
    private readonly ConcurrentDictionary<Socket, Thread> _clients = new();
    private readonly Thread _acceptThread;
    private int _active;
    private volatile bool _stopping;

    public ModbusTcpServer(IPEndPoint endpoint, RegisterImage image, int unit, Log log)
    {
        _listener = new TcpListener(endpoint);
        _image = image;
        _unit = unit;
        _log = log;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "modbus tcp accept" };
    }

    /// <summary>The address bound: with port 0 the system picks one.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds and starts accepting; a port in use throws <see cref="SocketException"/>.</summary>
    public void Start()
    {
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(ServerLimits.MaxClients + 4);
        _acceptThread.Start();
        _log.Write(LogLevel.Info, "local", "modbus tcp server listening", "endpoint", Endpoint.ToString(), "unit", _unit.ToString());
    }

    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        foreach (Socket socket in _clients.Keys)
        {
            socket.Dispose();
        }

        if (_acceptThread.ThreadState != ThreadState.Unstarted)
        {
            _acceptThread.Join(TimeSpan.FromSeconds(5));
        }

        foreach (Thread thread in _clients.Values)
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

            if (Interlocked.Increment(ref _active) > ServerLimits.MaxClients)
            {
                Interlocked.Decrement(ref _active);
                socket.Dispose();
                continue;
            }

            var thread = new Thread(() => Serve(socket)) { IsBackground = true, Name = "modbus tcp client" };
            _clients[socket] = thread;
            thread.Start();
        }
    }

    private void Serve(Socket socket)
    {
        var session = new ModbusServerSession(_image, _unit);
        try
        {
            socket.NoDelay = true;
            socket.ReceiveTimeout = ServerLimits.IdleTimeoutMs;
            socket.SendTimeout = ServerLimits.SendTimeoutMs;
            Pump(socket, session);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Idle, too slow to read, gone, or the server stopping: the connection ends, the server goes on.
        }
        finally
        {
            _clients.TryRemove(socket, out _);
            socket.Dispose();
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>Waits for the main loop to put the request on the bus and answer it; false when the server stops meanwhile.</summary>
    private bool AwaitGateway(ModbusServerSession session)
    {
        long giveUpAt = Environment.TickCount64 + ServerLimits.GatewayWaitMs;
        while (!session.Collect())
        {
            if (_stopping)
            {
                return false;
            }

            if (Environment.TickCount64 >= giveUpAt && session.GiveUp())
            {
                return true;
            }

            Thread.Sleep(ServerLimits.GatewayPollMs);
        }

        return true;
    }

    private void Pump(Socket socket, ModbusServerSession session)
    {
        var buffer = new byte[ModbusServerSession.MaxAdu];
        while (!_stopping && session.IsOpen)
        {
            int received = socket.Receive(buffer);
            if (received == 0)
            {
                return;
            }

            int offset = 0;
            while (offset < received && session.IsOpen)
            {
                offset += session.Receive(buffer, offset, received - offset);
                if (session.Waiting && !AwaitGateway(session))
                {
                    return;
                }

                if (session.ReplyLength > 0)
                {
                    socket.Send(session.Reply, 0, session.ReplyLength, SocketFlags.None);
                }
            }
        }
    }
}
