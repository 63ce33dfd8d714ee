using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Runtime;

public class PollAllocationTests
{
    [Fact]
    public void RunCycle_AfterWarmUp_AllocatesNothing()
    {
        string map = With(
            devices: """[{"id":"inv","slave":1,"minGapMs":5,"signs":{"battery":"discharge_positive"}}]""",
            points: List(
                """{"name":"pv1","address":10,"poll":"fast","target":"pv.mppt1.power"}""",
                """{"name":"pv2","address":11,"poll":"fast","target":"pv.mppt2.power"}""",
                """{"name":"battery","address":40,"type":"int16","poll":"fast","target":"battery.power"}""",
                """{"name":"energy","address":60,"type":"uint32","wordOrder":"CDAB","scale":0.1,"poll":"slow","target":"pv.energy_total"}""",
                """{"name":"soc","function":"input","address":5,"target":"battery.soc"}""",
                """{"name":"relay","function":"coil","address":2,"target":"generator.connected"}"""),
            metadata: List("""{"name":"serial","address":100,"type":"string","count":4}"""),
            computed: List("""{"name":"pv","op":"add","a":"pv1","b":"pv2","target":"pv.power"}"""));
        var clock = new ManualClock();
        var master = new ModbusMaster(new ImageSlaveLink(1), clock, new RtuFramer(), new MasterOptions());
        var engine = new PollEngine(new MapSlot(Load(map)), [master], clock, new PollOptions { FastIntervalMs = 1000, NormalIntervalMs = 2000, SlowIntervalMs = 5000 });
        var writer = new JsonWriter(4096, SampleWriter.Depth);
        for (int k = 0; k < 10; k++)
        {
            clock.Now += 1000;
            engine.RunCycle();
            SampleWriter.Write(engine.Sample(0), writer);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int requests = 0;
        for (int k = 0; k < 50; k++)
        {
            clock.Now += 1000;
            engine.RunCycle();
            SampleWriter.Write(engine.Sample(0), writer);
            requests += engine.Stats.Requests;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        // Fast: two reads (10-11, 40) every cycle; normal: input and coil every second cycle; slow: one read every fifth.
        Assert.Equal((50 * 2) + (25 * 2) + (10 * 1), requests);
        Assert.Equal(ValueQuality.Ok, engine.Sample(0).Quality[TelemetrySchema.IndexOf("pv.energy_total")]);
        Assert.Equal(-(40 + 1), engine.Sample(0).Values[TelemetrySchema.IndexOf("battery.power")]);
    }

    /// <summary>Time that moves when the test says so or when the code sleeps; allocates nothing.</summary>
    private sealed class ManualClock : IClock
    {
        public long Now = 1_000_000;

        public long MonotonicMs => Now;

        public DateTime UtcNow => DateTime.UnixEpoch.AddMilliseconds(Now);

        public bool WallClockSynced => true;

        public void Sleep(int milliseconds) => Now += milliseconds;
    }

    /// <summary>
    /// An RTU slave whose every register holds its address + 1 and whose every coil is on, answering each
    /// read at once from fixed buffers, so that the only allocations a cycle could show are the engine's.
    /// </summary>
    private sealed class ImageSlaveLink(byte slave) : IByteLink
    {
        private readonly byte[] _reply = new byte[256];
        private int _length;

        public LinkStatus Write(byte[] buffer, int offset, int count)
        {
            byte function = buffer[offset + 1];
            int address = buffer[offset + 2] << 8 | buffer[offset + 3];
            int quantity = buffer[offset + 4] << 8 | buffer[offset + 5];
            bool bits = function is 1 or 2;
            int bytes = bits ? (quantity + 7) / 8 : 2 * quantity;
            _reply[0] = slave;
            _reply[1] = function;
            _reply[2] = (byte)bytes;
            for (int i = 0; i < bytes; i++)
            {
                int word = address + (i / 2) + 1;
                _reply[3 + i] = bits ? (byte)0xFF : i % 2 == 0 ? (byte)(word >> 8) : (byte)word;
            }

            ushort crc = ReferenceCrc.Compute(_reply.AsSpan(0, 3 + bytes));
            _reply[3 + bytes] = (byte)crc;
            _reply[4 + bytes] = (byte)(crc >> 8);
            _length = 5 + bytes;
            return LinkStatus.Ok;
        }

        public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
        {
            received = _length;
            Array.Copy(_reply, 0, buffer, offset, _length);
            _length = 0;
            return received > 0 ? LinkStatus.Ok : LinkStatus.Timeout;
        }

        public void DiscardInput()
        {
        }
    }
}
