using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Links;
using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;
using HostModbusTcpServer = EnergyLogger.Host.Local.ModbusTcpServer;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The host's MODBUS TCP server in this process, over real sockets on 127.0.0.1, against clients that misbehave: malformed
/// MBAP headers, lengths over 260, a client that never reads its replies, and floods of a hundred connections. It must close
/// them, keep answering good clients, and hold no memory for the ones gone (managed heap measured before and after). The
/// heap and the thread count are the whole test process's, so these tests run alone, after the parallel ones.
/// </summary>
[Collection(ManagedHeapCollection.Name)]
public sealed class ModbusTcpServerRobustnessTests : IDisposable
{
    private const int Rounds = 6;

    private readonly ITestOutputHelper _output;
    private readonly HostModbusTcpServer _server;

    public ModbusTcpServerRobustnessTests(ITestOutputHelper output)
    {
        _output = output;
        RegisterMap map = RegisterMapLoader.Load(LocalRig.Map, out MapError? error) ?? throw new InvalidOperationException(error?.ToString());
        Sample sample = new TelemetryMapper(map, 0).CreateSample();
        for (int f = 0; f < TelemetrySchema.FieldCount; f++)
        {
            sample.Quality[f] = ValueQuality.Ok;
        }

        sample.Sequence = 42;
        var image = new RegisterImage(new DeviceIdentity("EnergyLogger", map.Name, "1.0.0", "020000E2E214"), new LocalSwitch(true, 0, 1));
        image.Publish(sample);
        _server = new HostModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0), image, 1, new Log(new Quiet(), new SystemClock()));
        _server.Start();
    }

    private int Port => _server.Endpoint.Port;

    public void Dispose() => _server.Dispose();

    [Fact]
    public void SlowClient_ThatNeverReadsItsReplies_IsClosed_WhileOthersAreServed()
    {
        using var slow = new TcpClient("127.0.0.1", Port) { SendTimeout = 1000, ReceiveBufferSize = 4096 };
        byte[] request = [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 125];

        // Requests for 250 bytes each, never read: the socket buffers fill and the server's send stalls.
        var writer = Task.Run(() =>
        {
            try
            {
                for (int i = 0; i < 100_000; i++)
                {
                    slow.GetStream().Write(request);
                }
            }
            catch (IOException)
            {
                // The client's own buffers are full too, or the server closed: either way it has stalled.
            }
        });

        Thread.Sleep(1500);
        var watch = Stopwatch.StartNew();
        Assert.Equal([1, 1], ReadHeader()[..2]);
        _output.WriteLine($"a good client served in {watch.ElapsedMilliseconds} ms while the slow one stalls");
        Assert.True(watch.ElapsedMilliseconds < 2000);

        // The server gives up on the stalled send after its send timeout and closes: the client sees the end of the stream.
        watch.Restart();
        slow.ReceiveTimeout = (ServerLimits.SendTimeoutMs * 3) + 5000;
        Assert.True(DrainsToEnd(slow.GetStream()), "the slow client was never closed");
        _output.WriteLine($"the slow client closed {watch.ElapsedMilliseconds} ms after it was first read from");
        writer.Wait(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void HundredConnections_MalformedAndOverlongFrames_AreClosed_TheServerStaysUp_AndManagedMemoryStaysFlat()
    {
        Flood(); // first round: JIT, thread pool and socket caches, so that the measurement sees steady state
        Heap();
        int threadsBefore = Process.GetCurrentProcess().Threads.Count;

        // The heap is the whole test process's: what other tests left running (a logger process's output still being
        // collected) may hold memory during one measurement. A leak of the server's grows in every one, so the least
        // growth of up to three measurements is the server's.
        var growths = new List<long>();
        while (growths.Count < 3 && (growths.Count == 0 || growths.Min() >= 256 * 1024))
        {
            long before = Heap();
            for (int round = 0; round < Rounds; round++)
            {
                Flood();
            }

            long after = Heap();
            growths.Add(after - before);
            _output.WriteLine($"managed heap before {before / 1024.0:F1} KiB, after {Rounds} rounds of 100 connections {after / 1024.0:F1} KiB " +
                $"(growth {(after - before) / 1024.0:F1} KiB)");
        }

        int threadsAfter = Process.GetCurrentProcess().Threads.Count;
        _output.WriteLine($"threads {threadsBefore} -> {threadsAfter}");
        Assert.True(growths.Min() < 256 * 1024, $"managed heap grew by {string.Join(", ", growths)} bytes");
        Assert.InRange(threadsAfter, 0, threadsBefore + 8);
    }

    /// <summary>A hundred connections at once, a quarter each malformed, over-long, stalled half-way and well-formed; then a good client is served.</summary>
    private void Flood()
    {
        byte[][] frames =
        [
            [0, 1, 0, 1, 0, 6, 1, 3, 0, 0, 0, 1], // protocol id 1
            [0, 1, 0, 0, 1, 5, 1, 3, 0, 0, 0, 1], // length 261: an ADU over 260 bytes
            [0, 1, 0, 0], // half a header, then nothing
            [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10], // a good read
        ];
        var clients = new List<TcpClient>();
        for (int i = 0; i < 100; i++)
        {
            var client = new TcpClient("127.0.0.1", Port);
            clients.Add(client);
            try
            {
                client.GetStream().Write(frames[i % frames.Length]);
            }
            catch (IOException)
            {
                // Closed at once: the server was full.
            }
        }

        // The malformed ones among those the server took are closed without a reply.
        foreach (TcpClient client in clients.Where((_, i) => i % 4 < 2).Take(2))
        {
            client.ReceiveTimeout = 5000;
            Assert.True(DrainsToEnd(client.GetStream()));
        }

        foreach (TcpClient client in clients)
        {
            client.Dispose();
        }

        ushort[]? header = null;
        Assert.True(WaitUntil(() => (header = TryReadHeader()) is not null, TimeSpan.FromSeconds(10)), "the server stopped answering");
        Assert.Equal([1, 1], header![..2]);
    }

    private ushort[] ReadHeader() => TryReadHeader() ?? throw new InvalidOperationException("no answer");

    private ushort[]? TryReadHeader()
    {
        using var client = new TcpClient("127.0.0.1", Port) { ReceiveTimeout = 2000 };
        try
        {
            return LocalPeers.Read(client.GetStream(), 7, 0, FlatBlock.HeaderRegisters);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server closes; false when it does not within the stream's receive timeout.</summary>
    private static bool DrainsToEnd(NetworkStream stream)
    {
        var buffer = new byte[65536];
        try
        {
            while (stream.Read(buffer) > 0)
            {
            }

            return true;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static long Heap()
    {
        // Ended client threads and closed sockets go with their finalizers: collect until the heap settles.
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class Quiet : ILog
    {
        public void WriteLine(string line)
        {
        }
    }
}

/// <summary>Tests that measure the test process's managed heap or threads: run with nothing else in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManagedHeapCollection
{
    public const string Name = "managed heap";
}
