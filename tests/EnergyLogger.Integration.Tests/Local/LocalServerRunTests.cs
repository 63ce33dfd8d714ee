using EnergyLogger.Core.SunSpec;
using System.Net.Sockets;
using System.Text.Json;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Integration.Tests.Cloud;
using EnergyLogger.Integration.Tests.EndToEnd;
using EnergyLogger.Integration.Tests.ReadyMaps;
using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;
using SlaveImage = EnergyLogger.Integration.Tests.ReadyMaps.RegisterImage;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// <c>energylogger run</c> with the local MODBUS TCP server on, every peer real: it polls a pymodbus slave on a pty once
/// a second and publishes to mosquitto over TLS, where a Kaa-like responder acknowledges, while Debian's mbpoll, a
/// pymodbus SunSpec client and raw sockets read it on 127.0.0.1. What they read is checked against the samples the
/// cloud received, by sequence number.
/// </summary>
public sealed class LocalServerRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PeriodMs = LocalRig.PeriodMs;
    private static readonly TimeSpan Patience = LocalRig.Patience;
    private LocalRig? _rig;

    private int Port => _rig!.Port;

    private KaaLikeResponder Kaa => _rig!.Kaa;

    private LoggerProcess Logger => _rig!.Logger;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: true);
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    private static int Offset(string path) => FlatBlock.Offset(TelemetrySchema.IndexOf(path));

    private JsonElement Published(long seq)
    {
        JsonElement? found = null;
        Assert.True(WaitUntil(() => (found = Kaa.Samples.FirstOrDefault(s => s.GetProperty("seq").GetInt64() == seq)) is { ValueKind: JsonValueKind.Object }, Patience),
            $"no sample {seq} published\n{Logger.Log}");
        return found!.Value;
    }

    [Fact]
    public void Mbpoll_FlatBlock_ReadsThePublishedSampleWithFc03AndFc04Alike()
    {
        ushort[] header = LocalPeers.Mbpoll(Port, 3, 0, FlatBlock.HeaderRegisters);
        JsonElement sample = Published(LocalPeers.Int64At(header, 2));

        Assert.Equal([1, 1], header[..2]);
        Assert.Equal(sample.GetProperty("ts").GetInt64(), LocalPeers.Int64At(header, 6));
        foreach (int fc in new[] { 3, 4 })
        {
            Assert.Equal(-1200, LocalPeers.Int32At(LocalPeers.Mbpoll(Port, fc, Offset("grid.power"), 2), 0));
            Assert.Equal(640, LocalPeers.Int32At(LocalPeers.Mbpoll(Port, fc, Offset("battery.soc"), 2), 0));
            Assert.Equal(2304, LocalPeers.Int32At(LocalPeers.Mbpoll(Port, fc, Offset("grid.l1.voltage"), 2), 0));
            // Not fed by the map: SunSpec's not-implemented pattern, never a zero.
            Assert.Equal([0x8000, 0x0000], LocalPeers.Mbpoll(Port, fc, Offset("pv.energy_total"), 2));
        }

        Assert.Equal([0x5375, 0x6E53], LocalPeers.Mbpoll(Port, 3, SunSpecModels.BaseAddress, 2));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Pymodbus_SunSpecChain_EachModelsLengthAndValuesMatchThePublishedSample(int fc)
    {
        var models = LocalPeers.WalkSunSpec(Port, fc);
        JsonElement sample = Kaa.Samples.Last();

        Assert.Equal([(1, 66), (101, 50), (160, 28), (124, 24), (802, 62), (203, 105), (0xFFFF, 0)], models.Select(m => (m.Id, m.Length)));
        Assert.All(models, m => Assert.Equal(m.Length, m.Registers.Length));
        ushort[] common = models[0].Registers;
        Assert.Equal("EnergyLogger", Text(common, 0, 16));
        Assert.Equal("local-e2e", Text(common, 16, 16));
        Assert.Equal(1, common[64]);

        double pv = sample.GetProperty("pv").GetProperty("power").GetDouble();
        double grid = sample.GetProperty("grid").GetProperty("power").GetDouble();
        double volts = sample.GetProperty("grid").GetProperty("l1").GetProperty("voltage").GetDouble();
        ushort[] inverter = models[1].Registers;
        Assert.Equal(pv, Scaled(inverter, 12, 13));
        Assert.Equal(pv, Scaled(inverter, 29, 30));
        Assert.Equal(volts, Scaled(inverter, 8, 11), 6);
        Assert.Equal(0xFFFF, inverter[0]);

        ushort[] mppt = models[2].Registers;
        Assert.Equal(1, mppt[6]);
        Assert.Equal(sample.GetProperty("pv").GetProperty("mppt1").GetProperty("voltage").GetDouble(), Scaled(mppt, 8 + 10, 1), 6);
        Assert.Equal(sample.GetProperty("pv").GetProperty("mppt1").GetProperty("power").GetDouble(), Scaled(mppt, 8 + 11, 2));

        ushort[] storage = models[3].Registers;
        Assert.Equal(sample.GetProperty("battery").GetProperty("soc").GetDouble(), Scaled(storage, 6, 20), 6);
        Assert.Equal(0xFFFF, storage[9]);

        // 802: the map feeds only the state of charge; what the sample lacks reads not-implemented.
        ushort[] battery = models[4].Registers;
        Assert.Equal(sample.GetProperty("battery").GetProperty("soc").GetDouble(), Scaled(battery, 9, 54), 6);
        Assert.Equal([0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], new[] { battery[11], battery[12], battery[13], battery[14] });
        Assert.Equal(0xFFFF, battery[32]);
        Assert.Equal([0x8000, 0x8000], new[] { battery[42], battery[45] });
        Assert.Equal([0x8000, 0x8000, 0x8000, 0x8000], new[] { battery[56], battery[57], battery[59], battery[61] });

        ushort[] meter = models[5].Registers;
        Assert.Equal(-grid, Scaled(meter, 16, 20));
        Assert.Equal(volts, Scaled(meter, 6, 13), 6);
    }

    [Fact]
    public void TenClients_PollingWhileTheLoggerPolls_NoCycleMissedAndEveryAnswerIsTheSampleOfItsCycle()
    {
        var answers = new System.Collections.Concurrent.ConcurrentBag<ushort[]>();
        int refused = 0;
        DateTime end = DateTime.UtcNow.AddSeconds(8);
        int firstSeq = Kaa.Samples.Max(s => s.GetProperty("seq").GetInt32());
        Thread[] clients = Enumerable.Range(0, 10).Select(c => new Thread(() =>
        {
            ushort transaction = 0;
            while (DateTime.UtcNow < end)
            {
                // Connect, read, close: at most four are served at once, so a client that finds the server full tries again.
                using var client = new TcpClient("127.0.0.1", Port);
                client.ReceiveTimeout = 5000;
                try
                {
                    ushort[]? words = LocalPeers.Read(client.GetStream(), ++transaction, 0, Offset("grid.power") + 2);
                    if (words is null)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    else
                    {
                        answers.Add(words);
                    }
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref refused);
                }

                Thread.Sleep(50);
            }
        })).ToArray();
        foreach (Thread t in clients)
        {
            t.Start();
        }

        foreach (Thread t in clients)
        {
            t.Join();
        }

        Assert.True(answers.Count >= 100, $"{answers.Count} answers, {refused} refused");
        foreach (ushort[] words in answers)
        {
            JsonElement sample = Published(LocalPeers.Int64At(words, 2));
            Assert.Equal(sample.GetProperty("ts").GetInt64(), LocalPeers.Int64At(words, 6));
            Assert.Equal(sample.GetProperty("grid").GetProperty("power").GetDouble(), LocalPeers.Int32At(words, Offset("grid.power")));
            Assert.Equal(sample.GetProperty("pv").GetProperty("power").GetDouble(), LocalPeers.Int32At(words, Offset("pv.power")));
            Assert.Equal(sample.GetProperty("pv").GetProperty("mppt1").GetProperty("voltage").GetDouble(), LocalPeers.Int32At(words, Offset("pv.mppt1.voltage")) / 10.0, 6);
        }

        // The cadence held: consecutive sequence numbers, and no gap as long as two periods (a missed cycle). A cycle that
        // starts late on a busy machine is followed by one on time, so single gaps vary, but no cycle is early: against
        // the grid of periods through the earliest start, every cycle starts in its own slot, however late the first was.
        int lastSeq = Kaa.Samples.Max(s => s.GetProperty("seq").GetInt32());
        long[] stamps = Enumerable.Range(firstSeq, lastSeq - firstSeq + 1).Select(s => Published(s).GetProperty("ts").GetInt64()).ToArray();
        long[] gaps = stamps.Zip(stamps.Skip(1), (a, b) => b - a).ToArray();
        output.WriteLine($"{answers.Count} answers, {refused} connections closed at once (server full), {stamps.Length} cycles, gaps {gaps.Min()}-{gaps.Max()} ms");
        Assert.True(stamps.Length >= 7, $"{stamps.Length} cycles in 8 s");
        Assert.All(gaps, gap => Assert.InRange(gap, 1, (2 * PeriodMs) - 200));
        long[] offsets = stamps.Select((t, k) => t - (k * PeriodMs)).ToArray();
        Assert.All(offsets, o => Assert.InRange(o - offsets.Min(), 0, PeriodMs - 200));
    }

    [Fact]
    public void BadClients_MalformedFramesSlowReadersAndAFlood_AreClosedAndTheServerStaysUp()
    {
        // Protocol id not 0, and a length over 260: the connection is closed without a reply.
        foreach (byte[] frame in new[] { new byte[] { 0, 1, 0, 1, 0, 6, 1, 3, 0, 0, 0, 1 }, new byte[] { 0, 1, 0, 0, 1, 5, 1, 3, 0, 0, 0, 1 } })
        {
            using var bad = new TcpClient("127.0.0.1", Port);
            bad.ReceiveTimeout = 5000;
            bad.GetStream().Write(frame);
            Assert.Equal(0, bad.GetStream().Read(new byte[16]));
        }

        // An unknown unit id: exception 0x0B.
        using (var other = new TcpClient("127.0.0.1", Port))
        {
            other.GetStream().Write(new byte[] { 0, 9, 0, 0, 0, 6, 7, 3, 0, 0, 0, 1 });
            var reply = new byte[9];
            other.GetStream().ReadExactly(reply);
            Assert.Equal(new byte[] { 0, 9, 0, 0, 0, 3, 7, 0x83, 0x0B }, reply);
        }

        // A hundred connections at once, three of them stalled half-way through a frame.
        var flood = Enumerable.Range(0, 100).Select(_ => new TcpClient("127.0.0.1", Port)).ToList();
        foreach (TcpClient stalled in flood.Take(3))
        {
            stalled.GetStream().Write(new byte[] { 0, 1, 0, 0 });
        }

        foreach (TcpClient c in flood)
        {
            c.Dispose();
        }

        ushort[]? header = null;
        Assert.True(WaitUntil(() =>
        {
            using var fresh = new TcpClient("127.0.0.1", Port);
            fresh.ReceiveTimeout = 2000;
            try
            {
                header = LocalPeers.Read(fresh.GetStream(), 1, 0, FlatBlock.HeaderRegisters);
            }
            catch (IOException)
            {
            }

            return header is not null;
        }, TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 1], header![..2]);
        Assert.False(Logger.HasExited, Logger.Log);
    }

    private static double Scaled(ushort[] model, int offset, int sfOffset) => (short)model[offset] * Math.Pow(10, (short)model[sfOffset]);

    private static string Text(ushort[] words, int at, int count) =>
        new string(words.Skip(at).Take(count).SelectMany(w => new[] { (char)(w >> 8), (char)(w & 0xFF) }).ToArray()).TrimEnd('\0');
}
