using System.Globalization;
using System.Net.Sockets;
using Xunit;
using Xunit.Abstractions;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The transparent gateway in <c>energylogger run</c>, every peer real: the logger polls a pymodbus slave on a pty once a
/// second (the slave logs every request that reaches it) and publishes to mosquitto, while Debian's mbpoll and raw
/// sockets read and write the inverter (unit 1) through the logger's MODBUS TCP server, whose own registers are unit 100.
/// </summary>
public sealed class GatewayRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LoggerUnit = 100;
    private const int InverterUnit = 1;

    /// <summary>The rig's map with one writable register, the export limit at 20 (0 to 5000 W), polled with the rest.</summary>
    private static readonly string GatewayMap = LocalRig.Map.Replace(
        "}]}", "},{\"name\":\"export_limit\",\"address\":20,\"poll\":\"fast\",\"writable\":true,\"writeMin\":0,\"writeMax\":5000}]}", StringComparison.Ordinal);

    private LocalRig? _rig;

    private int Port => _rig!.Port;

    public async Task InitializeAsync()
    {
        _rig = await LocalRig.StartAsync(serverOn: true, settings: new() { ["local.modbus.unit"] = LoggerUnit.ToString(CultureInfo.InvariantCulture), ["local.gateway"] = "on" },
            map: GatewayMap, logRequests: true);
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    [Fact]
    public void Mbpoll_ReadsAndWritesTheInverterThroughTheLogger_RefusedWritesNeverReachTheBus_AndThePollCadenceHolds()
    {
        Assert.True(WaitUntil(() => _rig!.Peer.RequestLog().Length >= 6, LocalRig.Patience), "the logger does not poll\n" + _rig!.Logger.Log);
        int firstSeq = _rig!.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt32());

        // Registers the poller reads every cycle are answered from the cycle: the slave never sees a read of 10..18.
        Assert.Equal([0xFB50, 64, 3100, 2304, 3456, 3100, 4300, 123, 45], LocalPeers.Mbpoll(Port, 3, 10, 9, InverterUnit, timeoutS: 5));
        Assert.False(Requests().Any(r => r.Kind == "validate" && r.Function == 3 && r.Address == 10 && r.Count == 9),
            string.Join("\n", _rig.Peer.RequestLog()) + "\n" + _rig.Logger.Log);

        // Registers it does not poll go onto the bus.
        Assert.Equal([0, 0], LocalPeers.Mbpoll(Port, 3, 30, 2, InverterUnit, timeoutS: 5));
        Assert.Contains(Requests(), r => r.Kind == "validate" && r.Function == 3 && r.Address == 30 && r.Count == 2);

        // A write the map allows goes through, and a read right after it sees it (not the cycle's older value).
        (int exit, string text) = LocalPeers.MbpollWrite(Port, InverterUnit, 20, 4000);
        Assert.True(exit == 0, text + "\n" + _rig.Logger.Log);
        Assert.Equal([4000], LocalPeers.Mbpoll(Port, 3, 20, 1, InverterUnit, timeoutS: 5));
        Assert.Contains(Requests(), r => r.Kind == "set" && r.Address == 20 && r.Values == "4000");

        // FC16 of the same one register, over a raw socket: the reply echoes address and quantity.
        using (var client = new TcpClient("127.0.0.1", Port) { ReceiveTimeout = 10000 })
        {
            NetworkStream stream = client.GetStream();
            Assert.Equal([0x10, 0, 20, 0, 1], Exchange(stream, InverterUnit, [0x10, 0, 20, 0, 1, 2, 0, 123]));

            // Outside the allowlist: above writeMax, a register the map does not mark writable, two registers over one point.
            Assert.Equal([0x90, 0x02], Exchange(stream, InverterUnit, [0x10, 0, 20, 0, 1, 2, 0x17, 0x70]));
            Assert.Equal([0x86, 0x02], Exchange(stream, InverterUnit, [0x06, 0, 21, 0, 1]));
            Assert.Equal([0x90, 0x02], Exchange(stream, InverterUnit, [0x10, 0, 20, 0, 2, 4, 0, 1, 0, 2]));

            // Functions the gateway does not pass: a coil write, a diagnostics request.
            Assert.Equal([0x85, 0x01], Exchange(stream, InverterUnit, [0x05, 0, 1, 0xFF, 0]));
            Assert.Equal([0x88, 0x01], Exchange(stream, InverterUnit, [0x08, 0, 0, 0x12, 0x34]));

            // A unit id that is neither the logger's nor the inverter's.
            Assert.Equal([0x83, 0x0B], Exchange(stream, 7, [0x03, 0, 10, 0, 1]));

            // The logger's own registers are still its own unit id's.
            Assert.Equal([0x03, 2, 0, 1], Exchange(stream, LoggerUnit, [0x03, 0, 0, 0, 1]));
        }

        (exit, text) = LocalPeers.MbpollWrite(Port, InverterUnit, 20, 6000);
        Assert.NotEqual(0, exit);
        Assert.Contains("Illegal data address", text, StringComparison.OrdinalIgnoreCase);

        // What reached the slave's registers as writes: the two allowed ones, nothing else.
        Assert.Equal(["20=4000", "20=123"], Requests().Where(r => r.Kind == "set").Select(r => r.Address + "=" + r.Values));
        Assert.DoesNotContain(Requests(), r => r.Kind == "validate" && r.Function is 5 or 8 || r.Address == 21);

        // Gateway traffic for a while: three clients reading unpolled registers as fast as they get answers.
        int answered = 0;
        DateTime end = DateTime.UtcNow.AddSeconds(6);
        Thread[] clients = Enumerable.Range(0, 3).Select(c => new Thread(() =>
        {
            using var client = new TcpClient("127.0.0.1", Port) { ReceiveTimeout = 10000 };
            while (DateTime.UtcNow < end)
            {
                byte[] reply = Exchange(client.GetStream(), InverterUnit, [0x03, 0, (byte)(30 + c), 0, 4]);
                if (reply[0] == 0x03)
                {
                    Interlocked.Increment(ref answered);
                }
            }
        })).ToArray();
        Array.ForEach(clients, t => t.Start());
        Array.ForEach(clients, t => t.Join());

        // The cadence: the poller's reads (10..20, one span) stay one period apart, and every cycle's sample arrives.
        // From the cycle before the first gateway request on: the logger's start-up (broker, learning the plan) is not the gateway's.
        long firstForwarded = Requests().First(r => r.Address != 10).Ms;
        long[] polls = Requests().Where(r => r.Kind == "validate" && r.Function == 3 && r.Address == 10 && r.Count == 11 && r.Ms > firstForwarded - LocalRig.PeriodMs)
            .Select(r => r.Ms).ToArray();
        long[] gaps = polls.Zip(polls.Skip(1), (a, b) => b - a).ToArray();
        int forwarded = Requests().Count(r => r.Kind == "validate" && r.Address >= 30);
        output.WriteLine($"gateway reads answered {answered} ({forwarded} on the bus in all); poll intervals over {gaps.Length} cycles: " +
            $"min {gaps.Min()} ms, mean {gaps.Average():F1} ms, max {gaps.Max()} ms (period {LocalRig.PeriodMs} ms)");

        Assert.True(answered > 20, $"only {answered} gateway reads answered\n{_rig.Logger.Log}");
        Assert.True(gaps.Length >= 5, "too few poll cycles logged");
        Assert.All(gaps, g => Assert.InRange(g, LocalRig.PeriodMs / 2, LocalRig.PeriodMs * 3 / 2));
        Assert.InRange(gaps.Average(), LocalRig.PeriodMs * 0.95, LocalRig.PeriodMs * 1.05);

        int lastSeq = _rig.Kaa.Samples.Max(s => s.GetProperty("seq").GetInt32());
        Assert.True(WaitUntil(() => _rig.Kaa.Samples.Select(s => s.GetProperty("seq").GetInt32()).Distinct().Count(q => q >= firstSeq && q <= lastSeq) == lastSeq - firstSeq + 1,
            LocalRig.Patience), "a sample is missing at the cloud");
    }

    private IEnumerable<(long Ms, string Kind, int Function, int Address, int Count, string Values)> Requests()
    {
        foreach (string line in _rig!.Peer.RequestLog())
        {
            string[] f = line.Split(' ');
            bool set = f[1] == "set";
            yield return (long.Parse(f[0], CultureInfo.InvariantCulture), f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture),
                set ? f[4].Split(',').Length : int.Parse(f[4], CultureInfo.InvariantCulture), set ? f[4] : "");
        }
    }

    /// <summary>One MODBUS TCP request; the reply's PDU.</summary>
    private static byte[] Exchange(NetworkStream stream, int unit, byte[] pdu)
    {
        byte[] request = [0x12, 0x34, 0, 0, 0, (byte)(pdu.Length + 1), (byte)unit, .. pdu];
        stream.Write(request);
        var header = new byte[7];
        stream.ReadExactly(header);
        Assert.Equal([0x12, 0x34, 0, 0], header[..4]);
        Assert.Equal(unit, header[6]);
        var reply = new byte[((header[4] << 8) | header[5]) - 1];
        stream.ReadExactly(reply);
        return reply;
    }
}
