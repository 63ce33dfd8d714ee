using System.Net;
using System.Net.Sockets;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>A plain-TCP server that accepts CONNECT, answers a valid CONNACK and then sends a scripted byte string (RELIABILITY C5).</summary>
public sealed class HostileBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public HostileBroker()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    public int Port { get; }

    /// <summary>What follows the CONNACK on the next connection.</summary>
    public volatile byte[] AfterConnAck = [];

    public int Accepted;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
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

            Interlocked.Increment(ref Accepted);
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream s = client.GetStream();
                var buf = new byte[1024];
                // The CONNECT fits one read on loopback; its content does not matter here.
                await s.ReadAsync(buf);
                await s.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 });
                await s.WriteAsync(AfterConnAck);
                // Keep the socket open; the client must be the one to close it.
                while (await s.ReadAsync(buf) > 0)
                {
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
            {
            }
        }
    }
}
