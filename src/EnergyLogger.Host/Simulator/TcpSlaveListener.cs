using System.Net;
using System.Net.Sockets;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The simulator on a TCP port, as a MODBUS TCP server (MBAP) or as a serial-to-Ethernet converter that
/// carries RTU frames. Every client gets its own connection thread; all of them share one
/// <see cref="SlaveServer"/>, as masters share one inverter behind a gateway.
/// </summary>
internal sealed class TcpSlaveListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly ServedFraming _framing;
    private readonly SlaveServer _server;
    private readonly PumpOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _clients = [];
    private readonly Thread _acceptor;

    private TcpSlaveListener(TcpListener listener, ServedFraming framing, SlaveServer server, PumpOptions options)
    {
        _listener = listener;
        _framing = framing;
        _server = server;
        _options = options;
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = $"simulate {framing} accept" };
    }

    /// <summary>The port actually bound (the one asked for, or the system's pick for 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Binds and starts accepting; a port that cannot be bound throws <see cref="SocketException"/>.</summary>
    public static TcpSlaveListener Start(IPAddress address, int port, ServedFraming framing, SlaveServer server, PumpOptions options)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        var served = new TcpSlaveListener(listener, framing, server, options);
        served._acceptor.Start();
        return served;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _acceptor.Join();
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_clients)
            {
                _clients.Add(client);
            }

            new Thread(() => ServeClient(client)) { IsBackground = true, Name = $"simulate {_framing} client" }.Start();
        }
    }

    private void ServeClient(Socket client)
    {
        using var link = new SocketByteLink(client);
        IRequestReader reader = _framing == ServedFraming.Rtu ? new RtuRequestReader() : new MbapRequestReader();
        RequestPump.Serve(link, reader, _server, _options, _stop.Token);
        lock (_clients)
        {
            _clients.Remove(client);
        }
    }
}
