using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class ModbusServerSessionTests
{
    private static readonly DeviceIdentity Identity = new("EnergyLogger", "deye", "1.2.3", "aabbccddeeff");

    private static RegisterImage Image(bool published = true)
    {
        var image = new RegisterImage(Identity, new LocalSwitch(true, 502, 1));
        if (published)
        {
            var sample = LocalSamples.Deye();
            sample.Set("grid.power", 258);
            sample.Sequence = 9;
            image.Publish(sample);
        }

        return image;
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static string Answer(ModbusServerSession session, string request)
    {
        byte[] bytes = Hex(request);
        int taken = session.Receive(bytes, 0, bytes.Length);
        Assert.Equal(bytes.Length, taken);
        return session.ReplyLength == 0 ? "" : Convert.ToHexString(session.Reply, 0, session.ReplyLength);
    }

    public static TheoryData<string, string> Requests => new()
    {
        // FC03 and FC04 read the same registers: the flat header (block version 1, schema version 1).
        { "0001 0000 0006 01 03 0000 0002", "000100000007010304" + "00010001" },
        { "0002 0000 0006 01 04 0000 0002", "000200000007010404" + "00010001" },
        // The sequence number, uint64 at 2..5.
        { "0003 0000 0006 01 03 0002 0004", "00030000000B010308" + "0000000000000009" },
        // SunS at 40000.
        { "0004 0000 0006 01 03 9C40 0002", "000400000007010304" + "53756E53" },
        // Unknown unit id: 0x0B.
        { "0005 0000 0006 07 03 0000 0002", "00050000000307830B" },
        // Another function: 01.
        { "0006 0000 0006 01 06 0000 0001", "000600000003018601" },
        // Outside the blocks, or running off one: 02.
        { "0007 0000 0006 01 03 1000 0001", "000700000003018302" },
        { "0008 0000 0006 01 03 00B0 0010", "000800000003018302" },
        // Quantity 0 or over 125: 03.
        { "0009 0000 0006 01 03 0000 0000", "000900000003018303" },
        { "000A 0000 0006 01 03 0000 007E", "000A00000003018303" },
        // A read PDU of the wrong length: 03.
        { "000B 0000 0004 01 03 0000", "000B00000003018303" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Receive_Request_AnswersAsTheProtocolSays(string request, string expected)
    {
        var session = new ModbusServerSession(Image(), 1);

        Assert.Equal(expected, Answer(session, request));
        Assert.True(session.IsOpen);
    }

    [Fact]
    public void Receive_GridPowerField_ReadsTheSamplesValue()
    {
        var session = new ModbusServerSession(Image(), 1);
        int address = FlatBlock.Offset(EnergyLogger.Core.Schema.TelemetrySchema.IndexOf("grid.power"));

        Assert.Equal("0001000000070103040000" + "0102", Answer(session, $"0001 0000 0006 01 03 {address:X4} 0002"));
    }

    [Fact]
    public void Receive_BeforeTheFirstSample_AnswersBusy()
    {
        var session = new ModbusServerSession(Image(published: false), 1);

        Assert.Equal("000100000003018306", Answer(session, "0001 0000 0006 01 03 0000 0002"));
    }

    public static TheoryData<string> FramingErrors => new()
    {
        "0001 0001 0006 01 03 0000 0002",
        "0001 0000 0001 01",
        "0001 0000 00FF 01",
        "0001 0000 FFFF 01",
    };

    [Theory]
    [MemberData(nameof(FramingErrors))]
    public void Receive_MbapHeaderNotModbus_ClosesWithoutReply(string request)
    {
        var session = new ModbusServerSession(Image(), 1);
        byte[] bytes = Hex(request);

        session.Receive(bytes, 0, bytes.Length);

        Assert.False(session.IsOpen);
        Assert.Equal(0, session.ReplyLength);
    }

    [Fact]
    public void Receive_TwoRequestsInOneSegmentAndOneSplit_AnswersEachInTurn()
    {
        var session = new ModbusServerSession(Image(), 1);
        byte[] bytes = Hex("0001 0000 0006 01 03 0000 0001 0002 0000 0006 01 04 0001 0001 0003 0000");
        var replies = new List<string>();

        int offset = 0;
        while (offset < bytes.Length)
        {
            offset += session.Receive(bytes, offset, bytes.Length - offset);
            if (session.ReplyLength > 0)
            {
                replies.Add(Convert.ToHexString(session.Reply, 0, session.ReplyLength));
            }
        }

        Assert.Equal(new[] { "00010000000501030200" + "01", "00020000000501040200" + "01" }, replies);
        Assert.Equal("00030000000501030200" + "01", Answer(session, "0006 01 03 0000 0001"));
    }
}
