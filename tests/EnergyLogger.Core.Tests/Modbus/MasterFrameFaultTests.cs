using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>RELIABILITY M6 (truncated frames, inter-byte gaps) and M7 (replies that do not answer).</summary>
public class MasterFrameFaultTests
{
    private const ushort Unread = 0xDEAD;

    [Fact]
    public void M6_TruncatedAtEveryByte_TimeoutOrTruncatedAndNextRequestUnaffected()
    {
        int replyLength = 3 + 2 * 4 + 2;
        for (int k = 1; k < replyLength; k++)
        {
            Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
            bus.Link.Then(new Reply { TruncateAt = k });
            ushort[] values = [Unread, Unread, Unread, Unread];

            ModbusResult result = bus.ReadHolding(1, 0, 4, values);

            // One byte cannot be told from noise: the master waits out the response timeout.
            ModbusStatus expected = k == 1 ? ModbusStatus.Timeout : ModbusStatus.Truncated;
            long expectedMs = k == 1 ? Bus.Request8Bytes9600Ms + 1000 : 5 + 20;
            Assert.True(expected == result.Status, $"k={k}: {result.Status}");
            Assert.True(Bus.StartMs + expectedMs == bus.Now, $"k={k}: {bus.Now - Bus.StartMs} ms");
            Assert.Equal([Unread, Unread, Unread, Unread], values);
            MasterFaultTests.AssertNextReadClean(bus);
        }
    }

    [Fact]
    public void M6_GapLongerThanTheInterByteTimeout_TruncatedThenTheRetryDecodesDespiteTheTail()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { CutAt = [4], GapMs = 30 }, Reply.Normal);
        var values = new ushort[2];

        ModbusResult result = bus.ReadHolding(1, 0, 2, values);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(1, bus.Master.Counters.Truncated);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
    }

    [Theory]
    [InlineData(19, ModbusStatus.Ok)]
    [InlineData(21, ModbusStatus.Truncated)]
    public void M6_InterByteGap_AgainstThe20MsFloor(int gapMs, ModbusStatus expected)
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(new Reply { ChunkSize = 3, GapMs = gapMs });

        Assert.Equal(expected, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
    }

    [Theory]
    [InlineData(3, ModbusStatus.Ok)]
    [InlineData(5, ModbusStatus.Truncated)]
    public void M6_InterByteTimeoutBelowT35_T35StillEndsTheFrame(int gapMs, ModbusStatus expected)
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0, InterByteTimeoutMs = 0 }).WithInverter();
        bus.Link.Then(new Reply { ChunkSize = 2, GapMs = gapMs });

        Assert.Equal(expected, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);
    }

    public static TheoryData<string, Func<byte[], byte[]>> WrongContent => new()
    {
        { "function echo FC04 for FC03", pdu => [0x04, .. pdu[1..]] },
        { "one register fewer", pdu => [pdu[0], (byte)(pdu[1] - 2), .. pdu[2..^2]] },
        { "one register more", pdu => [pdu[0], (byte)(pdu[1] + 2), .. pdu[2..], 0x00, 0x01] },
        { "exception of another function", _ => [0x84, 0x02] },
    };

    [Theory]
    [MemberData(nameof(WrongContent))]
    public void M7_ReadReplyThatDoesNotAnswer_BadResponseNoRetryNothingPublished(string why, Func<byte[], byte[]> edit)
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(new Reply { EditPdu = edit });
        ushort[] values = [Unread, Unread, Unread];

        ModbusResult result = bus.ReadHolding(1, 0, 3, values);

        Assert.True(result.Status == ModbusStatus.BadResponse, $"{why}: {result.Status}");
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, bus.Master.Counters.BadResponses);
        Assert.Equal([Unread, Unread, Unread], values);
        MasterFaultTests.AssertNextReadClean(bus);
    }

    [Fact]
    public void M7_WriteEchoMismatch_BadResponse()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(
            new Reply { EditPdu = pdu => [pdu[0], pdu[1], pdu[2], pdu[3], (byte)(pdu[4] ^ 1)] },
            new Reply { EditPdu = pdu => [pdu[0], pdu[1], (byte)(pdu[2] + 1), pdu[3], pdu[4]] });

        Assert.Equal(ModbusStatus.BadResponse, bus.Master.WriteSingleRegister(1, 10, 0x1234).Status);
        Assert.Equal(ModbusStatus.BadResponse, bus.Master.WriteMultipleRegisters(1, 10, [1, 2, 3], 0, 3).Status);
        Assert.Equal(2, bus.Master.Counters.BadResponses);
        Assert.Equal(2, bus.Link.Writes.Count);
    }
}
