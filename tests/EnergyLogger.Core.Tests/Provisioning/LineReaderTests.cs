using System.Text;
using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class LineReaderTests
{
    /// <summary>Feeds the bytes and lists what each completed: a line's text, or the status name.</summary>
    private static List<string> Feed(LineReader reader, byte[] bytes)
    {
        var events = new List<string>();
        foreach (byte b in bytes)
        {
            LineStatus status = reader.Feed(b);
            if (status == LineStatus.Line)
            {
                events.Add(reader.Text());
            }
            else if (status != LineStatus.Pending)
            {
                events.Add(status.ToString());
            }
        }

        return events;
    }

    public static TheoryData<string, byte[], string[]> Streams => new()
    {
        { "LF", "status\nget x\n"u8.ToArray(), ["status", "get x"] },
        { "CR LF (PuTTY raw)", "status\r\nget x\r\n"u8.ToArray(), ["status", "get x"] },
        { "lone CR", "status\rget x\r"u8.ToArray(), ["status", "get x"] },
        { "CR NUL (telnet)", "status\r\0get x\r\0"u8.ToArray(), ["status", "get x"] },
        { "empty lines stay lines", "\n\r\n\n"u8.ToArray(), ["", "", ""] },
        { "no line end yet", "status"u8.ToArray(), [] },
        { "UTF-8", "set wifi.ssid Café 😀\n"u8.ToArray(), ["set wifi.ssid Café 😀"] },
        { "lone continuation byte", [0x61, 0x80, 0x0A], ["NotUtf8"] },
        { "overlong slash", [0xC0, 0xAF, 0x0A], ["NotUtf8"] },
        { "UTF-16 surrogate", [0xED, 0xA0, 0x80, 0x0A], ["NotUtf8"] },
        { "cut-off sequence", [0x61, 0xE2, 0x82, 0x0A, 0x62, 0x0A], ["NotUtf8", "b"] },
        { "tab", "set\tx\n"u8.ToArray(), ["ControlCharacter"] },
        { "DEL", [0x61, 0x7F, 0x0A], ["ControlCharacter"] },
        { "NUL inside", [0x61, 0x00, 0x62, 0x0A], ["ControlCharacter"] },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Feed_Stream_GivesLinesAndStatuses(string what, byte[] bytes, string[] expected)
    {
        Assert.True(expected.SequenceEqual(Feed(new LineReader(64), bytes)), what);
    }

    [Fact]
    public void Feed_LineExactlyAtCap_IsALine()
    {
        byte[] line = [.. Enumerable.Repeat((byte)'a', 16), 0x0A];

        Assert.Equal([new string('a', 16)], Feed(new LineReader(16), line));
    }

    [Fact]
    public void Feed_OneByteOverCap_IsTooLongOnceAndRestOfLineIsDropped()
    {
        // The tail of an over-long line must not be read as a command of its own.
        byte[] stream = [.. Enumerable.Repeat((byte)'a', 17), .. "apply\nstatus\n"u8.ToArray()];

        Assert.Equal(["TooLong", "status"], Feed(new LineReader(16), stream));
    }

    [Fact]
    public void P1_OneMegabyteWithoutNewline_HoldsAtMostTheCapAndAllocatesNothing()
    {
        var reader = new LineReader(SettingsLimits.LineBytes);
        byte[] megabyte = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
        int tooLong = 0;
        int largest = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (byte b in megabyte)
        {
            tooLong += reader.Feed(b) == LineStatus.TooLong ? 1 : 0;
            largest = Math.Max(largest, reader.Length);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, tooLong);
        Assert.Equal(SettingsLimits.LineBytes, largest);
        Assert.Equal(0, allocated);
    }
}
