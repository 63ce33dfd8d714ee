using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

public class RtuFramerTests
{
    public static TheoryData<int> Golden => Crc16Tests.Indexes(RtuVectors.Count);

    public static TheoryData<int> Seeds => Crc16Tests.Indexes(SeedFrameVectors.Count);

    [Theory]
    [MemberData(nameof(Golden))]
    public void Seal_GoldenPdu_GivesGoldenAdu(int i)
    {
        var framer = new RtuFramer();
        var adu = new byte[RtuFramer.MaxAdu];
        int pdu = GoldenRequests.EncodePdu(i, adu, framer.PduOffset);

        int length = framer.Seal(adu, RtuVectors.Slave, pdu);

        Assert.Equal(RtuVectors.Request[i], adu[..length]);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seal_SeedRequests_CarryTheRightCrcNotThePrintedOne(int i)
    {
        var framer = new RtuFramer();
        var adu = new byte[RtuFramer.MaxAdu];
        int pdu = ModbusPdu.EncodeRead(adu, 1, (FunctionCode)SeedFrameVectors.Function[i], SeedFrameVectors.Address[i], SeedFrameVectors.Quantity[i]);

        int length = framer.Seal(adu, 0x01, pdu);

        Assert.Equal(SeedFrameVectors.Request[i], adu[..length]);
        Assert.Equal(SeedFrameVectors.PrintedCrcIsRight[i], adu[..length].SequenceEqual(SeedFrameVectors.PrintedRequest[i]));
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Feed_GoldenReply_DeliversItOnTheLastByte(int i)
    {
        var framer = Expecting(RtuVectors.Request[i]);
        byte[] reply = RtuVectors.Response[i];

        for (int k = 0; k < reply.Length - 1; k++)
        {
            Assert.False(framer.Feed(reply[k]), $"byte {k}");
        }

        Assert.True(framer.Feed(reply[^1]));
        Assert.Equal(reply, framer.Frame[..framer.FrameLength]);
        Assert.Equal(RtuVectors.Slave, framer.FrameUnit);
        Assert.Equal(1, framer.FramePduOffset);
        Assert.Equal(reply.Length - 3, framer.FramePduLength);
        Assert.Equal(0, framer.NoiseBytes);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Feed_GoldenException_Delivered(int i)
    {
        var framer = Expecting(RtuVectors.Request[i]);

        List<byte[]> frames = FramerFeed.All(framer, RtuVectors.Exception[i]);

        Assert.Equal(RtuVectors.Exception[i], Assert.Single(frames));
        Assert.Equal(2, framer.FramePduLength);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Feed_SeedReplies_RightCrcDeliveredSwappedCrcRejectedAsCorrupt(int i)
    {
        var good = Expecting(SeedFrameVectors.Request[i]);
        var bad = Expecting(SeedFrameVectors.Request[i]);

        Assert.Equal(SeedFrameVectors.Response[i], Assert.Single(FramerFeed.All(good, SeedFrameVectors.Response[i])));
        Assert.Empty(FramerFeed.All(bad, SeedFrameVectors.ResponseSwappedCrc[i]));
        Assert.True(bad.ExpectedReplyCorrupt);
        Assert.False(good.ExpectedReplyCorrupt);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Feed_PrintedSeedRequestFrames_NeverDeliveredAndAllCountedAsNoise(int i)
    {
        var framer = Expecting(SeedFrameVectors.Request[i]);
        byte[] printed = SeedFrameVectors.PrintedRequest[i];

        Assert.Empty(FramerFeed.All(framer, printed));
        framer.Reset();

        Assert.Equal(printed.Length, framer.NoiseBytes);
    }

    [Fact]
    public void Feed_ReplyWithoutTheExpectedShape_StillDeliveredForTheMasterToJudge()
    {
        var framer = Expecting(RtuVectors.Request[2]);

        Assert.Single(FramerFeed.All(framer, RtuVectors.Response[3]));
        Assert.False(framer.ExpectedReplyCorrupt);
    }

    [Fact]
    public void ExpectedReplyPartial_FromTwoBytesOfTheExpectedReplyUntilItEnds()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] reply = RtuVectors.Response[2];

        framer.Feed(reply[0]);
        Assert.False(framer.ExpectedReplyPartial);
        for (int k = 1; k < reply.Length - 1; k++)
        {
            framer.Feed(reply[k]);
            Assert.True(framer.ExpectedReplyPartial, $"after byte {k}");
        }

        framer.Feed(reply[^1]);
        Assert.False(framer.ExpectedReplyPartial);
    }

    [Fact]
    public void ExpectedReplyPartial_DataOfADeliveredFrameLooksLikeAStart_False()
    {
        // Register data "11 03 ..." inside a delivered reply must not read as the next reply beginning.
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] reply = ReferenceCrc.Seal([0x11, 0x03, 0x06, 0x00, 0x11, 0x03, 0x40, 0x00, 0x00]);

        Assert.Single(FramerFeed.All(framer, reply));
        Assert.False(framer.ExpectedReplyPartial);
    }

    [Fact]
    public void Reset_AfterPartialFrame_CountsItAsNoiseAndNextFrameDecodes()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        FramerFeed.All(framer, RtuVectors.Response[2].AsSpan(0, 6));

        framer.Reset();

        Assert.Equal(6, framer.NoiseBytes);
        Assert.Equal(0, framer.Buffered);
        Assert.Single(FramerFeed.All(framer, RtuVectors.Response[2]));
    }

    [Fact]
    public void Reset_AfterDeliveredFrame_AddsNoNoise()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        FramerFeed.All(framer, RtuVectors.Response[2]);

        framer.Reset();

        Assert.Equal(0, framer.NoiseBytes);
    }

    [Fact]
    public void Feed_FramesBackToBack_EachDelivered()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] stream = [.. RtuVectors.Response[2], .. RtuVectors.Exception[2], .. RtuVectors.Response[2]];

        List<byte[]> frames = FramerFeed.All(framer, stream);

        Assert.Equal([RtuVectors.Response[2], RtuVectors.Exception[2], RtuVectors.Response[2]], frames);
    }

    [Theory]
    [InlineData(0x03, 250, 255)]  // 125 registers, the largest read
    [InlineData(0x01, 251, 256)]  // the largest ADU the serial line allows (2.5.1)
    public void Feed_LargestFrames_DeliveredWhole(byte function, int byteCount, int aduLength)
    {
        byte[] request = ReferenceCrc.Seal([0x01, function, 0x00, 0x00, 0x00, 125]);
        byte[] reply = ReferenceCrc.Seal([0x01, function, (byte)byteCount, .. FramerFeed.Noise(byteCount, 7)]);
        var framer = Expecting(request);

        List<byte[]> frames = FramerFeed.All(framer, reply, out int maxBuffered);

        Assert.Equal(aduLength, reply.Length);
        Assert.Equal(reply, Assert.Single(frames));
        Assert.Equal(aduLength, maxBuffered);
    }

    [Fact]
    public void M8_GarbageBeforeBetweenAfterFrames_ResyncsWithin256BytesAndCountsNoise()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] before = FramerFeed.Noise(1000, 1);
        byte[] between = FramerFeed.Noise(1000, 2);
        byte[] after = FramerFeed.Noise(1000, 3);
        byte[] reply = RtuVectors.Response[2];
        byte[] stream = [.. before, .. reply, .. between, .. reply, .. after];

        List<byte[]> frames = FramerFeed.All(framer, stream, out int maxBuffered);
        framer.Reset();

        Assert.Equal([reply, reply], frames);
        Assert.True(maxBuffered <= 256, $"buffered {maxBuffered}");
        Assert.Equal(3000, framer.NoiseBytes);
    }

    [Fact]
    public void M8_GarbageThatLooksLikeALongFrameStart_RealReplyInsideItStillDecodes()
    {
        // "11 03 FA" declares 250 data bytes: a start that stays live while the real reply passes.
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] stream = [0x11, 0x03, 0xFA, .. FramerFeed.Noise(20, 9), .. RtuVectors.Response[2]];

        List<byte[]> frames = FramerFeed.All(framer, stream);

        Assert.Equal(RtuVectors.Response[2], Assert.Single(frames));
        Assert.Equal(23, framer.NoiseBytes);
    }

    [Fact]
    public void M8_EndlessNoise_BufferStaysAtOrBelow256()
    {
        var framer = Expecting(RtuVectors.Request[2]);

        // Many 0x11 0x01 pairs: every other byte starts a plausible long FC01 frame.
        byte[] plausible = Enumerable.Range(0, 5000).Select(k => (byte)(k % 3 == 2 ? 0xFA : k % 3 == 0 ? 0x11 : 0x01)).ToArray();
        FramerFeed.All(framer, plausible, out int maxBuffered);

        Assert.True(maxBuffered <= RtuFramer.MaxAdu, $"buffered {maxBuffered}");
        Assert.Equal(RtuFramer.MaxAdu, framer.MaxAduLength);
    }

    [Fact]
    public void M8_FeedingNoiseAndFrames_AllocatesNothing()
    {
        var framer = Expecting(RtuVectors.Request[2]);
        byte[] stream = [.. FramerFeed.Noise(1000, 4), .. RtuVectors.Response[2], .. FramerFeed.Noise(1000, 5)];
        FeedAll(framer, stream);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int delivered = FeedAll(framer, stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, delivered);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void M9_EveryReplyFedWithInterleavedResets_OnlyResetSplitsBreakIt()
    {
        // A split without a reset is invisible to the framer: feeding is byte by byte.
        byte[] reply = RtuVectors.Response[2];
        for (int cut = 1; cut < reply.Length; cut++)
        {
            var framer = Expecting(RtuVectors.Request[2]);
            List<byte[]> first = FramerFeed.All(framer, reply.AsSpan(0, cut));
            List<byte[]> second = FramerFeed.All(framer, reply.AsSpan(cut));

            Assert.Empty(first);
            Assert.Equal(reply, Assert.Single(second));
        }
    }

    [Fact]
    public void BeginResponse_ClearsCorruptFlagAndBuffer()
    {
        var framer = Expecting(SeedFrameVectors.Request[1]);
        FramerFeed.All(framer, SeedFrameVectors.ResponseSwappedCrc[1]);
        Assert.True(framer.ExpectedReplyCorrupt);

        framer.BeginResponse(SeedFrameVectors.Request[1], SeedFrameVectors.Request[1].Length);

        Assert.False(framer.ExpectedReplyCorrupt);
        Assert.Equal(0, framer.Buffered);
    }

    internal static RtuFramer Expecting(byte[] request)
    {
        var framer = new RtuFramer();
        framer.BeginResponse(request, request.Length);
        return framer;
    }

    private static int FeedAll(RtuFramer framer, byte[] stream)
    {
        int delivered = 0;
        for (int k = 0; k < stream.Length; k++)
        {
            if (framer.Feed(stream[k]))
            {
                delivered++;
            }
        }

        return delivered;
    }
}
