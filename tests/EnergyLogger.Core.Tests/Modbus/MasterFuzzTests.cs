using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>
/// The master against a bus of three slaves whose every reply may be faulty in random, combined ways
/// (RELIABILITY, Fuzzing). Each call must end in a documented status, within its time bound, with the
/// receive buffer capped, and a read reported Ok must hold the slave's values.
/// </summary>
public class MasterFuzzTests
{
    private static readonly ModbusStatus[] Documented =
    [
        ModbusStatus.Ok, ModbusStatus.Timeout, ModbusStatus.CrcError, ModbusStatus.WrongSlave, ModbusStatus.BadResponse,
        ModbusStatus.Exception, ModbusStatus.Truncated, ModbusStatus.InvalidRequest, ModbusStatus.LinkError, ModbusStatus.Skipped,
    ];

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    public void Master_RandomFaultyReplies_DocumentedStatusBoundedTimeRightValues(int seed, bool tcp)
    {
        var rng = new Random(seed);
        var options = new MasterOptions { OfflineProbeIntervalMs = 5000 };
        var framer = new WatchedFramer(tcp ? new MbapFramer() : new RtuFramer());
        Bus bus = tcp ? Bus.Tcp(options) : Bus.Rtu(options, framer);
        IModbusFramer watched = tcp ? bus.Framer : framer;
        for (byte id = 1; id <= 3; id++)
        {
            SlaveImage slave = bus.Link.AddSlave(id).FillHolding(200, id * 1000);
            for (int a = 0; a < 200; a++)
            {
                slave.Input[a] = (ushort)(a * 7 + id);
                slave.Coils[a] = (a + id) % 3 == 0;
            }
        }

        var seen = new HashSet<ModbusStatus>();
        for (int call = 0; call < 800; call++)
        {
            Reply[] script = Enumerable.Range(0, 6).Select(_ => RandomReply(rng)).ToArray();
            bus.Link.Then(script);

            // MBAP carries no checksum: bytes garbled on the wire can make a well-formed wrong reply. TCP
            // never garbles, so on TCP values are checked only when nothing garbled them.
            bool garbled = tcp && script.Any(r => r.Before.Length > 0 || r.After.Length > 0 || r.TruncateAt != null || r.RawAdu != null);
            bus.Link.FailReads = rng.Next(200) == 0;
            int requestsBefore = bus.Master.Counters.Requests;
            int lateBefore = bus.Link.LateBytesRead;
            long start = bus.Now;

            ModbusResult result = RandomCall(rng, bus, out Action<ModbusResult>? checkValues);

            seen.Add(result.Status);
            Assert.Contains(result.Status, Documented);
            Assert.InRange(result.Attempts, 0, 1 + options.Retries + options.BusyRetries);
            Assert.Equal(result.Attempts, bus.Master.Counters.Requests - requestsBefore);
            Assert.Equal(result.Attempts == 0, result.Status is ModbusStatus.InvalidRequest or ModbusStatus.Skipped);
            Assert.True(bus.Now - start <= Bound(options, result.Attempts), $"call {call}: {bus.Now - start} ms for {result.Attempts} attempts");
            if (!tcp)
            {
                Assert.InRange(framer.MaxBuffered, 0, RtuFramer.MaxAdu);
            }

            Assert.InRange(watched.Buffered, 0, watched.MaxAduLength);
            if (result.IsOk && bus.Link.LateBytesRead == lateBefore && !garbled)
            {
                checkValues?.Invoke(result);
            }

            bus.Link.FailReads = false;
            bus.Clock.Advance(rng.Next(3) == 0 ? rng.Next(10000) : rng.Next(50));

            // Script entries a call did not use must not leak into the next call.
            bus.Link.ClearScript();
        }

        Assert.Contains(ModbusStatus.Ok, seen);
        Assert.Contains(ModbusStatus.Timeout, seen);
        Assert.Contains(ModbusStatus.Exception, seen);
        Assert.Contains(ModbusStatus.BadResponse, seen);
    }

    /// <summary>Each attempt: silence, the longest request, the response timeout, one whole frame and one inter-byte wait; plus the busy pauses.</summary>
    private static long Bound(MasterOptions o, int attempts)
    {
        int wire256 = 267;
        return attempts * (long)(4 + wire256 + o.ResponseTimeoutMs + wire256 + o.InterByteTimeoutMs)
            + o.BusyBackoffMs * (o.BusyRetries * (o.BusyRetries + 1) / 2);
    }

    private static Reply RandomReply(Random rng)
    {
        int faults = rng.Next(4);
        bool Roll() => faults > 0 && rng.Next(4) == 0;
        return new Reply
        {
            Silent = Roll(),
            ExceptionCode = Roll() ? (byte)rng.Next(0, 256) : null,
            FlipCrc = Roll(),
            FromSlave = Roll() ? (byte)rng.Next(1, 5) : null,
            EditPdu = Roll() ? EditHeader(rng.Next(), rng.Next(256)) : null,
            RawAdu = faults > 0 && rng.Next(12) == 0 ? FramerFuzzTests.RandomRtuReply(rng) : null,
            TruncateAt = Roll() ? rng.Next(0, 12) : null,
            Before = Roll() ? FramerFeed.Noise(rng.Next(400), (uint)rng.Next()) : [],
            After = Roll() ? FramerFeed.Noise(rng.Next(400), (uint)rng.Next()) : [],
            DelayMs = Roll() ? rng.Next(0, 1600) : rng.Next(1, 10),
            ChunkSize = rng.Next(3) == 0 ? rng.Next(1, 8) : 0,
            GapMs = Roll() ? rng.Next(0, 40) : rng.Next(0, 3),
        };
    }

    /// <summary>Changes a function, byte-count or echo byte: never register data, so Ok still means right values.</summary>
    private static Func<byte[], byte[]> EditHeader(int position, int value)
    {
        return pdu =>
        {
            byte[] copy = (byte[])pdu.Clone();
            int at = pdu[0] <= 0x04 ? position % 2 : position % Math.Min(5, pdu.Length);
            copy[at] = (byte)value;
            return copy;
        };
    }

    private static ModbusResult RandomCall(Random rng, Bus bus, out Action<ModbusResult>? checkValues)
    {
        byte slave = (byte)(rng.Next(30) == 0 ? rng.Next(0, 256) : rng.Next(1, 4));
        int count = rng.Next(30) == 0 ? rng.Next(0, 3000) : rng.Next(1, 40);
        int address = rng.Next(0, 200 - Math.Min(count, 199));
        checkValues = null;
        switch (rng.Next(6))
        {
            case 0:
            case 1:
            {
                var values = new ushort[Math.Max(count, 1)];
                ModbusResult r = bus.Master.ReadRegisters(slave, ModbusFunction(rng), address, count, values, 0);
                checkValues = _ => AssertRegisters(bus, slave, address, count, values);
                return r;
            }

            case 2:
            {
                var bits = new bool[Math.Max(count, 1)];
                ModbusResult r = bus.Master.ReadBits(slave, FunctionCode.ReadCoils, address, count, bits, 0);
                checkValues = _ => Assert.Equal(Enumerable.Range(address, count).Select(a => bus.Link.Slave(slave).Coils[a]), bits[..count]);
                return r;
            }

            case 3:
                return bus.Master.WriteSingleRegister(slave, address, (ushort)rng.Next(0x10000));
            case 4:
                return bus.Master.WriteMultipleRegisters(slave, address, new ushort[Math.Max(count, 1)], 0, count);
            default:
                return bus.Master.WriteMultipleCoils(slave, address, new bool[Math.Max(count, 1)], 0, count);
        }
    }

    private static FunctionCode ModbusFunction(Random rng) =>
        rng.Next(2) == 0 ? FunctionCode.ReadHoldingRegisters : FunctionCode.ReadInputRegisters;

    private static void AssertRegisters(Bus bus, byte slave, int address, int count, ushort[] values)
    {
        SlaveImage image = bus.Link.Slave(slave);
        bool holding = bus.Link.Writes[^1].Bytes[bus.Link.Tcp ? 7 : 1] == 0x03;
        Dictionary<int, ushort> table = holding ? image.Holding : image.Input;
        Assert.Equal(Enumerable.Range(address, count).Select(a => table[a]), values[..count]);
    }
}
