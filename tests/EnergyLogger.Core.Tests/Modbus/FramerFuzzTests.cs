using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>
/// Seeded mutation loops over both framers (RELIABILITY, Fuzzing): valid frames, mutated frames and
/// noise in random order. Deterministic, bounded by iteration counts, never by wall time.
/// </summary>
public class FramerFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RtuFramer_RandomStreams_OnlyIntactFramesWithinTheCap(int seed)
    {
        var rng = new Random(seed);
        var framer = new RtuFramer();
        int clean = 0;
        int cleanDelivered = 0;
        int lastNoise = 0;
        for (int iteration = 0; iteration < 1000; iteration++)
        {
            if (rng.Next(20) == 0)
            {
                byte[] request = RtuVectors.Request[rng.Next(RtuVectors.Count)];
                framer.BeginResponse(request, request.Length);
            }

            int kind = rng.Next(4);
            if (kind == 3)
            {
                framer.Reset();
                continue;
            }

            byte[] frame = RandomRtuReply(rng);
            byte[] segment = kind == 0 ? frame : kind == 1 ? Mutate(rng, frame) : FramerFeed.Noise(rng.Next(300), (uint)rng.Next());
            for (int k = 0; k < segment.Length; k++)
            {
                bool delivered = framer.Feed(segment[k]);
                Assert.InRange(framer.Buffered, 0, RtuFramer.MaxAdu);
                Assert.True(framer.NoiseBytes >= lastNoise);
                lastNoise = framer.NoiseBytes;
                if (delivered)
                {
                    AssertIntactRtuFrame(framer);
                    if (kind == 0 && k == segment.Length - 1 && framer.Frame.AsSpan(0, framer.FrameLength).SequenceEqual(frame))
                    {
                        cleanDelivered++;
                    }
                }
            }

            clean += kind == 0 ? 1 : 0;
        }

        // A clean frame is lost only if noise right before it happens to end in a valid CRC (1 in 65536 per start).
        Assert.True(clean - cleanDelivered <= 1, $"{clean - cleanDelivered} of {clean} clean frames missed");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void MbapFramer_RandomStreams_OnlyWellFormedFramesWithinTheCap(int seed)
    {
        var rng = new Random(seed);
        var framer = new MbapFramer();
        var adu = new byte[MbapFramer.MaxAdu];
        int afterReset = 0;
        int afterResetDelivered = 0;
        for (int iteration = 0; iteration < 1500; iteration++)
        {
            int kind = rng.Next(4);
            if (kind == 3)
            {
                int length = framer.Seal(adu, 0x11, GoldenRequests.EncodePdu(rng.Next(8), adu, framer.PduOffset));
                framer.BeginResponse(adu, length);
            }

            byte[] frame = RandomMbapReply(rng);
            byte[] segment = kind == 1 ? Mutate(rng, frame) : kind == 2 ? FramerFeed.Noise(rng.Next(300), (uint)rng.Next()) : frame;
            bool fresh = kind == 3;
            for (int k = 0; k < segment.Length; k++)
            {
                bool delivered = framer.Feed(segment[k]);
                Assert.InRange(framer.Buffered, 0, MbapFramer.MaxAdu);
                if (delivered)
                {
                    Assert.Equal(0, framer.Frame[2] | framer.Frame[3]);
                    Assert.Equal(framer.FrameLength - 6, framer.Frame[4] << 8 | framer.Frame[5]);
                    Assert.InRange(framer.FramePduLength, 2, ModbusPdu.MaxLength);
                    afterResetDelivered += fresh && k == segment.Length - 1 ? 1 : 0;
                }
            }

            afterReset += fresh ? 1 : 0;
        }

        // On TCP the stream is reliable; after a fresh start every frame is found.
        Assert.Equal(afterReset, afterResetDelivered);
    }

    private static void AssertIntactRtuFrame(RtuFramer framer)
    {
        ReadOnlySpan<byte> frame = framer.Frame.AsSpan(0, framer.FrameLength);
        Assert.InRange(framer.FrameLength, 5, RtuFramer.MaxAdu);
        Assert.True(ReferenceCrc.IsIntact(frame));
        Assert.InRange(framer.FrameUnit, (byte)1, (byte)247);
        Assert.Equal(framer.FrameLength - 3, framer.FramePduLength);
        Assert.Equal(framer.FramePduLength, ModbusPdu.ResponseLength(framer.Frame, 1, framer.FrameLength - 1));
    }

    internal static byte[] RandomRtuReply(Random rng)
    {
        return ReferenceCrc.Seal(RandomReplyBody(rng, (byte)rng.Next(1, 248)));
    }

    private static byte[] RandomMbapReply(Random rng)
    {
        byte[] body = RandomReplyBody(rng, 0x11);
        int length = body.Length;
        int tid = rng.Next(0x10000);
        return [(byte)(tid >> 8), (byte)tid, 0, 0, (byte)(length >> 8), (byte)length, .. body];
    }

    /// <summary>Unit, then a random well-formed reply PDU: data read, write echo or exception.</summary>
    private static byte[] RandomReplyBody(Random rng, byte unit)
    {
        byte[] functions = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0F, 0x10];
        byte function = functions[rng.Next(functions.Length)];
        if (rng.Next(3) == 0)
        {
            return [unit, (byte)(function | 0x80), (byte)rng.Next(1, 12)];
        }

        if (function >= 0x05)
        {
            return [unit, function, .. FramerFeed.Noise(4, (uint)rng.Next())];
        }

        int count = rng.Next(1, 251);
        return [unit, function, (byte)count, .. FramerFeed.Noise(count, (uint)rng.Next())];
    }

    internal static byte[] Mutate(Random rng, byte[] frame)
    {
        byte[] copy = (byte[])frame.Clone();
        int at = rng.Next(copy.Length);
        return rng.Next(5) switch
        {
            0 => FlipBit(copy, at, rng.Next(8)),
            1 => [.. copy[..at], .. copy[(at + 1)..]],
            2 => [.. copy[..at], (byte)rng.Next(256), .. copy[at..]],
            3 => copy[..at],
            _ => [.. copy[..at], .. copy],
        };
    }

    private static byte[] FlipBit(byte[] bytes, int at, int bit)
    {
        bytes[at] ^= (byte)(1 << bit);
        return bytes;
    }
}
