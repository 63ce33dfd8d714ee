using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>RELIABILITY M8 (noise) and M9 (split delivery, late replies) through the master.</summary>
public class MasterStreamTests
{
    [Fact]
    public void M8_ThousandGarbageBytesBeforeAndAfterTheReply_DecodesAndCountsNoise()
    {
        var framer = new WatchedFramer(new RtuFramer());
        Bus bus = Bus.Rtu(framer: framer).WithInverter();
        bus.Link.Then(new Reply { Before = FramerFeed.Noise(1000, 21), After = FramerFeed.Noise(1000, 22) });
        var values = new ushort[10];

        ModbusResult result = bus.ReadHolding(1, 0, 10, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(Bus.Expected(1, 0, 10), values);
        Assert.Equal(1000, bus.Master.NoiseBytes);
        Assert.True(framer.MaxBuffered <= 256, $"buffered {framer.MaxBuffered}");

        // What is left of the garbage after the reply is flushed before the next request: the parser
        // sees only the next reply, which decodes.
        int fed = framer.BytesFed;
        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 10, 10, values).Status);
        Assert.True(bus.Link.DiscardedBytes > 0);
        Assert.Equal(0, bus.Link.PendingBytes);
        Assert.Equal(fed + 25, framer.BytesFed);
        Assert.Equal(Bus.Expected(1, 10, 10), values);
    }

    [Fact]
    public void M8_GarbageBurstThenSilenceThenReply_BurstDroppedAndReplyDecodes()
    {
        var framer = new WatchedFramer(new RtuFramer());
        Bus bus = Bus.Rtu(framer: framer).WithInverter();
        bus.Link.Then(new Reply { Before = FramerFeed.Noise(1000, 23), CutAt = [1000], GapMs = 50 });
        var values = new ushort[4];

        ModbusResult result = bus.ReadHolding(1, 0, 4, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Bus.Expected(1, 0, 4), values);
        Assert.Equal(1000, bus.Master.NoiseBytes);
        Assert.True(framer.MaxBuffered <= 256, $"buffered {framer.MaxBuffered}");
    }

    [Fact]
    public void M8_GarbageBetweenTransactions_FlushedAndNeverSeenByTheParser()
    {
        var framer = new WatchedFramer(new RtuFramer());
        Bus bus = Bus.Rtu(framer: framer).WithInverter();
        var values = new ushort[2];
        Assert.True(bus.ReadHolding(1, 0, 2, values).IsOk);
        int fed = framer.BytesFed;

        bus.Link.Inject(bus.Now + 1, FramerFeed.Noise(1000, 24));
        bus.Clock.Advance(10);

        Assert.True(bus.ReadHolding(1, 2, 2, values).IsOk);
        Assert.Equal(Bus.Expected(1, 2, 2), values);
        Assert.Equal(1000, bus.Link.DiscardedBytes);
        Assert.Equal(fed + 9, framer.BytesFed);
    }

    [Fact]
    public void M8_NoiseThatNeverStops_CallEndsWithinItsBoundAndTheBufferStaysCapped()
    {
        var framer = new WatchedFramer(new RtuFramer());
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }, framer).WithInverter();
        bus.Link.Then(Reply.Silence);

        // A babbling line: a byte every 5 ms for three seconds, never 20 ms of silence.
        bus.Link.Inject(bus.Now + 1, FramerFeed.Noise(600, 25), chunkSize: 1, gapMs: 5);
        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        // Response timeout, then at most one whole 256-byte frame time (267 ms at 9600) and one inter-byte wait.
        Assert.NotEqual(ModbusStatus.Ok, result.Status);
        Assert.True(bus.Now - Bus.StartMs <= Bus.Request8Bytes9600Ms + 1000 + 267 + 20, $"{bus.Now - Bus.StartMs} ms");
        Assert.True(framer.MaxBuffered <= 256);
    }

    [Fact]
    public void M8_GarbageBeforeBetweenAndAfterAStaleFrameAndTheReply_StaleSkippedReplyDecodes()
    {
        var framer = new WatchedFramer(new RtuFramer());
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }, framer).WithInverter();
        bus.Link.Then(Reply.Silence);
        Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);

        // The timed-out request's answer turns up inside the next reply's burst, wrapped in noise.
        byte[] late = ReferenceCrc.Seal([0x01, 0x03, 0x04, 0x03, 0xE8, 0x03, 0xE9]);
        bus.Link.Then(new Reply
        {
            Before = FramerFeed.Noise(1000, 31),
            Preceding = late,
            Between = FramerFeed.Noise(1000, 32),
            After = FramerFeed.Noise(1000, 33),
        });
        var values = new ushort[3];

        ModbusResult result = bus.ReadHolding(1, 100, 3, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Bus.Expected(1, 100, 3), values);
        Assert.Equal(1, bus.Master.Counters.StaleReplies);
        Assert.Equal(2000, bus.Master.NoiseBytes);
        Assert.True(framer.MaxBuffered <= 256, $"buffered {framer.MaxBuffered}");
    }

    [Fact]
    public void M8_TransactionsOverAQuietLink_AllocateNothing()
    {
        var link = new ReplayLink(RtuVectors.Response[2]);
        var master = new ModbusMaster(link, new SteppingClock(), new RtuFramer(), new MasterOptions());
        var values = new ushort[3];
        for (int k = 0; k < 10; k++)
        {
            master.ReadRegisters(0x11, FunctionCode.ReadHoldingRegisters, 0x6B, 3, values, 0);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ok = 0;
        for (int k = 0; k < 100; k++)
        {
            ok += master.ReadRegisters(0x11, FunctionCode.ReadHoldingRegisters, 0x6B, 3, values, 0).IsOk ? 1 : 0;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, ok);
        Assert.Equal(0, allocated);
        Assert.Equal(RtuVectors.Registers[2], values);
    }

    [Fact]
    public void M9_ReplySplitAtEveryPointAndInEveryChunkSize_IdenticalDecode()
    {
        foreach (bool tcp in new[] { false, true })
        {
            int length = tcp ? 7 + 2 + 2 * 5 : 1 + 2 + 2 * 5 + 2;
            var splits = new List<Reply>();
            for (int cut = 1; cut < length; cut++)
            {
                splits.Add(new Reply { CutAt = [cut], GapMs = 3 });
            }

            for (int chunk = 1; chunk <= length; chunk++)
            {
                splits.Add(new Reply { ChunkSize = chunk, GapMs = chunk == 1 ? 1 : 0 });
            }

            foreach (Reply split in splits)
            {
                Bus bus = tcp ? Bus.Tcp().WithInverter() : Bus.Rtu().WithInverter();
                bus.Link.Then(split);
                var values = new ushort[5];

                ModbusResult result = bus.ReadHolding(1, 40, 5, values);

                Assert.Equal(ModbusStatus.Ok, result.Status);
                Assert.Equal(1, result.Attempts);
                Assert.Equal(Bus.Expected(1, 40, 5), values);
                Assert.Equal(0, bus.Master.NoiseBytes);
            }
        }
    }

    [Fact]
    public void M9_LateReplyFromTheSameSlave_DiscardedAsStaleAndTheCurrentOneDecodes()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { DelayMs = 1100 }, new Reply { DelayMs = 300 });
        var values = new ushort[4];

        Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        ModbusResult result = bus.ReadHolding(1, 10, 4, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Bus.Expected(1, 10, 4), values);
        Assert.Equal(1, bus.Master.Counters.StaleReplies);
        Assert.Equal(0, bus.Master.Counters.BadResponses);
        Assert.Equal(9, bus.Link.LateBytesRead);
    }

    [Fact]
    public void M9_LateReplyFromAnotherSlave_DiscardedAsStaleNotWrongSlave()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter(1).WithInverter(2);
        bus.Link.Then(new Reply { DelayMs = 1100 }, new Reply { DelayMs = 300 });
        var values = new ushort[2];

        Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        ModbusResult result = bus.ReadHolding(2, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Bus.Expected(2, 0, 2), values);
        Assert.Equal(1, bus.Master.Counters.StaleReplies);
        Assert.Equal(0, bus.Master.Counters.WrongSlave);
    }

    [Fact]
    public void M9_LateReadReplyDuringAWrite_DiscardedAndTheWriteEchoAccepted()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { DelayMs = 1100 }, new Reply { DelayMs = 300 });

        bus.ReadHolding(1, 0, 2, new ushort[2]);
        ModbusResult result = bus.Master.WriteSingleRegister(1, 5, 0x0BB8);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(1, bus.Master.Counters.StaleReplies);
        Assert.Equal(0x0BB8, bus.Link.Slave(1).Holding[5]);
    }

    [Fact]
    public void M9_LateReplyDuringTheRetryOfTheSameRequest_AcceptedAsItsAnswer()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { DelayMs = 1020 }, Reply.Silence);
        var values = new ushort[2];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
        Assert.Equal(0, bus.Master.Counters.StaleReplies);
    }

    [Fact]
    public void M9_LateReplyOnTcp_RecognisedByItsTransactionId()
    {
        Bus bus = Bus.Tcp(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { DelayMs = 1100 }, new Reply { DelayMs = 300 });
        var values = new ushort[2];

        Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        ModbusResult result = bus.ReadHolding(1, 50, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Bus.Expected(1, 50, 2), values);
        Assert.Equal(1, bus.Master.Counters.StaleReplies);
    }

    [Fact]
    public void M9_LateReplyBeforeTheNextRequest_FlushedBeforeItIsSent()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { DelayMs = 1010 });
        Assert.Equal(ModbusStatus.Timeout, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
        bus.Clock.Advance(100);

        Assert.True(bus.ReadHolding(1, 0, 2, new ushort[2]).IsOk);
        Assert.Equal(9, bus.Link.DiscardedBytes);
        Assert.Equal(0, bus.Master.Counters.StaleReplies);
    }

    /// <summary>A clock that keeps no record of its sleeps, so measuring allocations sees only the master.</summary>
    private sealed class SteppingClock : IClock
    {
        public long MonotonicMs { get; private set; } = Bus.StartMs;

        public DateTime UtcNow => DateTime.UnixEpoch;

        public bool WallClockSynced => false;

        public void Sleep(int milliseconds) => MonotonicMs += milliseconds;
    }

    /// <summary>A link that answers every request with the same reply and allocates nothing.</summary>
    private sealed class ReplayLink : IByteLink
    {
        private readonly byte[] _reply;
        private bool _pending;

        public ReplayLink(byte[] reply)
        {
            _reply = reply;
        }

        public LinkStatus Write(byte[] buffer, int offset, int count)
        {
            _pending = true;
            return LinkStatus.Ok;
        }

        public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
        {
            received = 0;
            if (!_pending)
            {
                return LinkStatus.Timeout;
            }

            _pending = false;
            Array.Copy(_reply, 0, buffer, offset, _reply.Length);
            received = _reply.Length;
            return LinkStatus.Ok;
        }

        public void DiscardInput()
        {
        }
    }
}
