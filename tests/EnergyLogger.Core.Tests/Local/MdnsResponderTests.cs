using System.Text;
using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class MdnsResponderTests
{
    private static readonly byte[] Mac = [0x02, 0x00, 0x00, 0xE2, 0xE2, 0x14];

    private static MdnsResponder Responder(bool modbus)
    {
        var responder = new MdnsResponder(Mac, "1.2.3", "020000E2E214", 8080);
        responder.SetAddress([192, 0, 2, 2]);
        responder.SetModbus(modbus, 1502, 3);
        return responder;
    }

    /// <summary>A query with one question per name, each name as plain labels.</summary>
    private static byte[] Query(params string[] names)
    {
        var bytes = new List<byte> { 0, 0, 0, 0, 0, (byte)names.Length, 0, 0, 0, 0, 0, 0 };
        foreach (string name in names)
        {
            foreach (string label in name.Split('.'))
            {
                bytes.Add((byte)label.Length);
                bytes.AddRange(Encoding.ASCII.GetBytes(label));
            }

            bytes.AddRange(new byte[] { 0, 0, 12, 0, 1 });
        }

        return bytes.ToArray();
    }

    private static (int Length, byte[] Buffer) Answer(MdnsResponder responder, byte[] query)
    {
        var buffer = new byte[MdnsResponder.MaxMessage];
        return (responder.Answer(query, query.Length, buffer), buffer);
    }

    private static bool Holds(byte[] buffer, int length, byte[] part) =>
        Enumerable.Range(0, length - part.Length + 1).Any(i => buffer.AsSpan(i, part.Length).SequenceEqual(part));

    public static TheoryData<string, bool, int> Questions => new()
    {
        // name asked, modbus server on, answers (0: not ours, no response)
        { "_energylogger._tcp.local", false, 5 },
        { "_services._dns-sd._udp.local", false, 5 },
        { "energy-logger-e214.local", false, 5 },
        { "ENERGY-LOGGER-E214.LOCAL", false, 5 },
        { "energy-logger-e214._energylogger._tcp.local", true, 9 },
        { "_modbus._tcp.local", true, 9 },
        { "_modbus._tcp.local", false, 0 },
        { "_http._tcp.local", true, 0 },
        { "energy-logger-0001.local", true, 0 },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Answer_QueryNamingTheLogger_EveryRecordAsAnAuthoritativeAnswer(string name, bool modbus, int answers)
    {
        var (length, buffer) = Answer(Responder(modbus), Query("_other._tcp.local", name));

        if (answers == 0)
        {
            Assert.Equal(0, length);
            return;
        }

        Assert.Equal(new byte[] { 0, 0, 0x84, 0, 0, 0, 0, (byte)answers, 0, 0, 0, 0 }, buffer[..12]);
        Assert.True(Holds(buffer, length, [192, 0, 2, 2]));
    }

    [Fact]
    public void Announce_LoggerService_CarriesPortVersionMacAndTheHostAsSrvTarget()
    {
        var buffer = new byte[MdnsResponder.MaxMessage];
        int length = Responder(modbus: true).Announce(buffer);

        Assert.True(Holds(buffer, length, "\u000dversion=1.2.3"u8.ToArray()));
        Assert.True(Holds(buffer, length, "\u0010mac=020000E2E214"u8.ToArray()));
        Assert.True(Holds(buffer, length, "\u0006unit=3"u8.ToArray()));
        // SRV: priority 0, weight 0, port 8080 (0x1F90), then the target energy-logger-e214.local.
        Assert.True(Holds(buffer, length, [0, 0, 0, 0, 0x1F, 0x90, 18, .. "energy-logger-e214"u8.ToArray(), 5, .. "local"u8.ToArray(), 0]));
        Assert.True(Holds(buffer, length, [0, 0, 0, 0, 0x05, 0xDE, 18]));
    }

    [Fact]
    public void SetLoggerPort_StatusPageSwitched_TheLoggerServiceMovesToIt()
    {
        MdnsResponder responder = Responder(modbus: false);
        var buffer = new byte[MdnsResponder.MaxMessage];

        responder.SetLoggerPort(0);
        int length = responder.Announce(buffer);
        Assert.True(Holds(buffer, length, [0, 0, 0, 0, 0, 0, 18, .. "energy-logger-e214"u8.ToArray()]));
        Assert.False(Holds(buffer, length, [0, 0, 0, 0, 0x1F, 0x90, 18]));

        responder.SetLoggerPort(8081);
        length = responder.Announce(buffer);
        Assert.True(Holds(buffer, length, [0, 0, 0, 0, 0x1F, 0x91, 18, .. "energy-logger-e214"u8.ToArray()]));
    }

    [Fact]
    public void Answer_CompressedName_FollowsThePointer()
    {
        // Question 1: "local" at offset 12; question 2: "energy-logger-e214" and a pointer to offset 12.
        byte[] query = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 5, .. "local"u8.ToArray(), 0, 0, 1, 0, 1,
            18, .. "energy-logger-e214"u8.ToArray(), 0xC0, 12, 0, 1, 0, 1];

        Assert.True(Answer(Responder(false), query).Length > 0);
    }

    public static TheoryData<byte[]> NotAnswered => new()
    {
        // A response (QR set), a pointer loop, a label past the end, a header cut short.
        { [0, 0, 0x84, 0, 0, 1, 0, 0, 0, 0, 0, 0, 18, .. "energy-logger-e214"u8.ToArray(), 5, .. "local"u8.ToArray(), 0, 0, 1, 0, 1] },
        { [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1] },
        { [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 60, 1, 2, 3] },
        { [0, 0, 0, 0, 0] },
    };

    [Theory]
    [MemberData(nameof(NotAnswered))]
    public void Answer_ResponseOrMalformedQuery_NoResponse(byte[] message)
    {
        Assert.Equal(0, Answer(Responder(true), message).Length);
    }
}
