using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>Feeds bytes to a framer and collects what it delivers, watching the buffer cap on every byte.</summary>
public static class FramerFeed
{
    public static List<byte[]> All(IModbusFramer framer, ReadOnlySpan<byte> stream, out int maxBuffered)
    {
        var frames = new List<byte[]>();
        maxBuffered = 0;
        foreach (byte b in stream)
        {
            if (framer.Feed(b))
            {
                frames.Add(framer.Frame.AsSpan(0, framer.FrameLength).ToArray());
            }

            maxBuffered = Math.Max(maxBuffered, framer.Buffered);
        }

        return frames;
    }

    public static List<byte[]> All(IModbusFramer framer, ReadOnlySpan<byte> stream) => All(framer, stream, out _);

    /// <summary>Deterministic line noise (xorshift32), the same on every run and every runtime.</summary>
    public static byte[] Noise(int count, uint seed)
    {
        var bytes = new byte[count];
        uint x = seed == 0 ? 0x9E3779B9u : seed;
        for (int i = 0; i < count; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes[i] = (byte)(x >> 24);
        }

        return bytes;
    }
}
