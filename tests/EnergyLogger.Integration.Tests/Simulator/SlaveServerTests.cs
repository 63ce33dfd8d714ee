using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Simulator;
using Xunit;

namespace EnergyLogger.Integration.Tests.Simulator;

/// <summary>The simulator's serving parts without I/O: request framing on the slave side, fault schedules and reply shaping.</summary>
public sealed class SlaveServerTests
{
    // FC03, slave 1, address 0x1000, 2 registers, CRC as on the wire.
    private static readonly byte[] RtuRead = [0x01, 0x03, 0x10, 0x00, 0x00, 0x02, 0xC0, 0xCB];

    // The same read in MBAP, transaction 7.
    private static readonly byte[] MbapRead = [0x00, 0x07, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x10, 0x00, 0x00, 0x02];

    [Fact]
    public void RtuReader_RequestAfterNoise_FindsItAndCountsTheNoise()
    {
        var reader = new RtuRequestReader();
        byte[] stream = [0xFF, 0x01, 0x03, 0x99, .. RtuRead];

        int frames = Feed(reader, stream);

        Assert.Equal(1, frames);
        Assert.Equal(RtuRead, reader.Frame[..reader.FrameLength]);
        Assert.Equal(4, reader.NoiseBytes);
    }

    [Fact]
    public void RtuReader_WriteMultipleRegisters_EndsAtItsByteCount()
    {
        var reader = new RtuRequestReader();
        var request = new byte[32];
        int pdu = ModbusPdu.EncodeWriteMultipleRegisters(request, 1, 0x2000, [7, 8, 9], 0, 3);
        request[0] = 1;
        int length = Crc16.Append(request, 0, 1 + pdu);

        Assert.Equal(0, Feed(reader, request[..(length - 1)]));
        Assert.True(reader.Feed(request[length - 1]));
        Assert.Equal(length, reader.FrameLength);
    }

    [Fact]
    public void RtuReader_UnknownFunction_EndsAtSilence()
    {
        var reader = new RtuRequestReader();
        var request = new byte[] { 0x01, 0x2B, 0x0E, 0x01, 0x00, 0, 0 };
        Crc16.Append(request, 0, 5);

        Assert.Equal(0, Feed(reader, request));
        Assert.True(reader.Silence());
        Assert.Equal(request, reader.Frame[..reader.FrameLength]);
    }

    [Fact]
    public void RtuReader_SilenceAfterNoiseOnly_DropsItAndTakesTheNextRequest()
    {
        var reader = new RtuRequestReader();
        Feed(reader, [0x01, 0x10, 0x00]);

        Assert.False(reader.Silence());
        Assert.Equal(0, reader.Buffered);
        Assert.Equal(1, Feed(reader, RtuRead));
    }

    [Fact]
    public void MbapReader_Request_CompletesAtItsLength()
    {
        var reader = new MbapRequestReader();

        Assert.Equal(1, Feed(reader, MbapRead));
        Assert.Equal(MbapRead, reader.Frame[..reader.FrameLength]);
        Assert.False(reader.Broken);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0x06 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x01, 0x06 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x01 })]
    public void MbapReader_HeaderAgainstTheRules_IsBroken(byte[] header)
    {
        var reader = new MbapRequestReader();

        Assert.Equal(0, Feed(reader, [.. header, 0x01, 0x03]));
        Assert.True(reader.Broken);
    }

    [Fact]
    public void FaultInjector_EveryThird_StrikesOnTheThirdAndSixth()
    {
        var faults = new FaultInjector([new FaultRule(FaultKind.CrcError, 0, 3)], seed: 1);

        FaultKind[] kinds = Enumerable.Range(0, 6).Select(_ => faults.Next()).ToArray();

        Assert.Equal([FaultKind.None, FaultKind.None, FaultKind.CrcError, FaultKind.None, FaultKind.None, FaultKind.CrcError], kinds);
        Assert.Equal(2, faults.Injected[(int)FaultKind.CrcError]);
    }

    [Fact]
    public void FaultInjector_SameSeed_SameScheduleAndNearTheProbability()
    {
        FaultRule[] rules = [new FaultRule(FaultKind.Silence, 0.1, 0), new FaultRule(FaultKind.Garbage, 0.2, 0)];
        FaultKind[] first = Schedule(new FaultInjector(rules, seed: 42), 10_000);
        FaultKind[] second = Schedule(new FaultInjector(rules, seed: 42), 10_000);
        FaultKind[] other = Schedule(new FaultInjector(rules, seed: 43), 10_000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(k => k == FaultKind.Silence), 900, 1100);

        // Garbage strikes when its own draw hits and silence's did not: 0.9 x 0.2.
        Assert.InRange(first.Count(k => k == FaultKind.Garbage), 1600, 2000);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("silence")]
    [InlineData("crc")]
    [InlineData("exception")]
    [InlineData("garbage")]
    [InlineData("wrong-slave")]
    [InlineData("truncate")]
    public void Answer_RtuFault_ShapesTheReplyBytes(string mode)
    {
        FaultKind fault = Array.Find(FaultRule.Names, n => n.Name == mode).Kind;
        SlaveServer server = Server(fault);
        var reply = new byte[SlaveServer.MaxReply];

        int length = server.Answer(ServedFraming.Rtu, RtuRead, RtuRead.Length, reply, out ServedRequest served);

        byte[] intact = [0x01, 0x03, 0x04, 0x04, 0xD2, 0xFF, 0xFE, 0x9B, 0x4A];
        byte[] sent = reply[..length];
        Assert.Equal(fault, served.Fault);
        Assert.True(served.ForUs);
        switch (fault)
        {
            case FaultKind.None:
                Assert.Equal(intact, sent);
                break;
            case FaultKind.CrcError:
                Assert.Equal(intact[..^1], sent[..^1]);
                Assert.NotEqual(intact[^1], sent[^1]);
                break;
            case FaultKind.WrongSlave:
                Assert.Equal(2, sent[0]);
                Assert.Equal(intact[1..^2], sent[1..^2]);
                Assert.True(Crc16.IsValid(sent, 0, sent.Length));
                break;
            case FaultKind.Truncate:
                Assert.Equal(intact[..4], sent);
                break;
            case FaultKind.Garbage:
                int at = IndexOf(sent, intact);
                Assert.True(at >= SlaveServer.GarbageMax / 2, $"intact reply at {at}");
                Assert.True(sent.Length - at - intact.Length >= SlaveServer.GarbageMax / 2);
                Assert.DoesNotContain((byte)0, sent[..at]);
                break;
            case FaultKind.Exception:
                Assert.Equal(new byte[] { 0x01, 0x83, 0x04 }, sent[..3]);
                Assert.True(Crc16.IsValid(sent, 0, sent.Length));
                break;
            case FaultKind.Silence:
                Assert.Empty(sent);
                break;
        }
    }

    [Fact]
    public void Answer_MbapRead_EchoesTransactionAndCarriesTheRegisters()
    {
        var reply = new byte[SlaveServer.MaxReply];

        int length = Server(FaultKind.None).Answer(ServedFraming.Mbap, MbapRead, MbapRead.Length, reply, out _);

        Assert.Equal(new byte[] { 0x00, 0x07, 0x00, 0x00, 0x00, 0x07, 0x01, 0x03, 0x04, 0x04, 0xD2, 0xFF, 0xFE }, reply[..length]);
    }

    [Fact]
    public void Answer_MbapUnitNotServed_AnswersGatewayException0B()
    {
        byte[] request = [.. MbapRead];
        request[6] = 9;
        var reply = new byte[SlaveServer.MaxReply];

        int length = Server(FaultKind.None).Answer(ServedFraming.Mbap, request, request.Length, reply, out _);

        Assert.Equal(new byte[] { 0x00, 0x07, 0x00, 0x00, 0x00, 0x03, 0x09, 0x83, 0x0B }, reply[..length]);
    }

    [Fact]
    public void Answer_RtuForAnotherSlave_StaysSilentAndCountsNothing()
    {
        var request = new byte[8];
        request[0] = 9;
        int pdu = ModbusPdu.EncodeRead(request, 1, FunctionCode.ReadHoldingRegisters, 0, 1);
        int length = Crc16.Append(request, 0, 1 + pdu);
        SlaveServer server = Server(FaultKind.None);

        int replyLength = server.Answer(ServedFraming.Rtu, request, length, new byte[SlaveServer.MaxReply], out ServedRequest served);

        Assert.Equal(0, replyLength);
        Assert.False(served.ForUs);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void Answer_SilencedWrite_LeavesTheRegisterUnchanged()
    {
        var request = new byte[8];
        request[0] = 1;
        int pdu = ModbusPdu.EncodeWriteSingleRegister(request, 1, 0x2000, 1500);
        int length = Crc16.Append(request, 0, 1 + pdu);
        var bank = new RegisterBank();
        var server = new SlaveServer(new() { [1] = bank }, new FaultInjector([new FaultRule(FaultKind.Silence, 1, 0)], 1), ExceptionCode.SlaveDeviceFailure);

        server.Answer(ServedFraming.Rtu, request, length, new byte[SlaveServer.MaxReply], out _);

        Assert.Equal(0, bank.HoldingRegisters[0x2000]);
    }

    private static SlaveServer Server(FaultKind fault)
    {
        var bank = new RegisterBank();
        bank.HoldingRegisters[0x1000] = 1234;
        bank.HoldingRegisters[0x1001] = 0xFFFE;
        FaultRule[] rules = fault == FaultKind.None ? [] : [new FaultRule(fault, 1, 0)];
        return new SlaveServer(new() { [1] = bank }, new FaultInjector(rules, seed: 7), ExceptionCode.SlaveDeviceFailure);
    }

    private static int Feed(IRequestReader reader, byte[] bytes) => bytes.Count(reader.Feed);

    private static FaultKind[] Schedule(FaultInjector faults, int count) => Enumerable.Range(0, count).Select(_ => faults.Next()).ToArray();

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
