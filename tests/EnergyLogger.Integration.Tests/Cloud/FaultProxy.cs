using System.Net;
using System.Net.Sockets;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>
/// A TCP relay between the client and the broker that can hold traffic in either direction (a half-open
/// connection: the sockets stay up, nothing arrives) or cut every connection. TLS passes through untouched.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();

    public FaultProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }

    /// <summary>Broker to client bytes are held (PUBACK, PINGRESP never arrive).</summary>
    public volatile bool HoldFromBroker;

    /// <summary>Client to broker bytes are held.</summary>
    public volatile bool HoldToBroker;

    /// <summary>Closes every relayed connection; new ones are still accepted.</summary>
    public void Cut()
    {
        lock (_open)
        {
            foreach (TcpClient c in _open)
            {
                c.Dispose();
            }

            _open.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, _target);
            }
            catch (SocketException)
            {
                client.Dispose();
                broker.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(client);
                _open.Add(broker);
            }

            _ = Pump(client, broker, () => HoldToBroker);
            _ = Pump(broker, client, () => HoldFromBroker);
        }
    }

    private static async Task Pump(TcpClient from, TcpClient to, Func<bool> hold)
    {
        var buf = new byte[16384];
        try
        {
            NetworkStream input = from.GetStream();
            NetworkStream output = to.GetStream();
            while (true)
            {
                while (hold())
                {
                    await Task.Delay(10);
                }

                int n = await input.ReadAsync(buf);
                if (n == 0)
                {
                    break;
                }

                while (hold())
                {
                    await Task.Delay(10);
                }

                await output.WriteAsync(buf.AsMemory(0, n));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
        }

        from.Dispose();
        to.Dispose();
    }
}
