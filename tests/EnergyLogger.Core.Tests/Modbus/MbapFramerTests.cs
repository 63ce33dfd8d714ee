using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

public class MbapFramerTests
{
    public static TheoryData<int> Golden => Crc16Tests.Indexes(MbapVectors.Count);

    [Theory]
    [MemberData(nameof(Golden))]
    public void Seal_FirstRequestOfANewFramer_GivesGoldenAduWithTransaction1(int i)
    {
        var framer = new MbapFramer();
        var adu = new byte[MbapFramer.MaxAdu];
        int pdu = GoldenRequests.EncodePdu(i, adu, framer.PduOffset);

        int length = framer.Seal(adu, RtuVectors.Slave, pdu);

        Assert.Equal(MbapVectors.Request[i], adu[..length]);
    }

    [Fact]
    public void Seal_EachRequest_TakesTheNextTransactionId()
    {
        var framer = new MbapFramer();
        var adu = new byte[MbapFramer.MaxAdu];
        int pdu = GoldenRequests.EncodePdu(2, adu, framer.PduOffset);

        framer.Seal(adu, 0x11, pdu);
        framer.Seal(adu, 0x11, pdu);

        Assert.Equal([0x00, 0x02], adu[..2]);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Feed_GoldenReplyAndException_DeliveredAsCurrent(int i)
    {
        foreach (byte[] reply in new[] { MbapVectors.Response[i], MbapVectors.Exception[i] })
        {
            MbapFramer framer = AfterSealing(i);

            List<byte[]> frames = FramerFeed.All(framer, reply);

            Assert.Equal(reply, Assert.Single(frames));
            Assert.True(framer.FrameAnswersCurrentRequest);
            Assert.Equal(RtuVectors.Slave, framer.FrameUnit);
            Assert.Equal(7, framer.FramePduOffset);
            Assert.Equal(reply.Length - 7, framer.FramePduLength);
            Assert.Equal(
                ModbusStatus.Ok == ModbusPdu.CheckResponse(MbapVectors.Request[i], 7, reply, 7, reply.Length - 7, out _),
                reply == MbapVectors.Response[i]);
        }
    }

    [Fact]
    public void Feed_ReplyWithAnEarlierTransactionId_DeliveredButNotCurrent()
    {
        MbapFramer framer = AfterSealing(2);

        Assert.Single(FramerFeed.All(framer, MbapVectors.StaleFc03Response));

        Assert.False(framer.FrameAnswersCurrentRequest);
    }

    [Fact]
    public void Feed_ReplySplitAtEveryPoint_SameFrame()
    {
        byte[] reply = MbapVectors.Response[2];
        for (int cut = 1; cut < reply.Length; cut++)
        {
            MbapFramer framer = AfterSealing(2);

            Assert.Empty(FramerFeed.All(framer, reply.AsSpan(0, cut)));
            Assert.Equal(reply, Assert.Single(FramerFeed.All(framer, reply.AsSpan(cut))));
        }
    }

    [Fact]
    public void Feed_BytesBeforeAPlausibleHeader_SlidOverAndCounted()
    {
        MbapFramer framer = AfterSealing(2);
        byte[] stream = [0xFF, 0x12, 0x34, 0x56, .. MbapVectors.Response[2]];

        List<byte[]> frames = FramerFeed.All(framer, stream);

        Assert.Equal(MbapVectors.Response[2], Assert.Single(frames));
        Assert.Equal(4, framer.NoiseBytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0x06 })]  // protocol id 1
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x02 })]  // length below unit + exception
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0xFF })]  // length above unit + 253
    public void Feed_ImplausibleHeader_NeverHeldAsAFrameStart(byte[] header)
    {
        MbapFramer framer = AfterSealing(2);

        FramerFeed.All(framer, header);

        Assert.True(framer.Buffered < 6);
        Assert.True(framer.NoiseBytes >= 1);
    }

    [Fact]
    public void Feed_AnyAmountOfNoise_BufferWithinTheTcpAduCap()
    {
        MbapFramer framer = AfterSealing(2);

        FramerFeed.All(framer, FramerFeed.Noise(20000, 11), out int maxBuffered);

        Assert.True(maxBuffered <= MbapFramer.MaxAdu, $"buffered {maxBuffered}");
        Assert.Equal(260, framer.MaxAduLength);
    }

    [Fact]
    public void Reset_PartialFrame_CountedAsNoiseAndNextDecodes()
    {
        MbapFramer framer = AfterSealing(2);
        FramerFeed.All(framer, MbapVectors.Response[2].AsSpan(0, 9));
        Assert.True(framer.ExpectedReplyPartial);

        framer.Reset();

        Assert.Equal(9, framer.NoiseBytes);
        Assert.False(framer.ExpectedReplyPartial);
        Assert.Single(FramerFeed.All(framer, MbapVectors.Response[2]));
    }

    private static MbapFramer AfterSealing(int i)
    {
        var framer = new MbapFramer();
        var adu = new byte[MbapFramer.MaxAdu];
        int length = framer.Seal(adu, RtuVectors.Slave, GoldenRequests.EncodePdu(i, adu, framer.PduOffset));
        framer.BeginResponse(adu, length);
        return framer;
    }
}
