using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

public class ModbusMasterTests
{
    public static TheoryData<int> Golden => Crc16Tests.Indexes(RtuVectors.Count);

    [Theory]
    [MemberData(nameof(Golden))]
    public void Transact_GoldenExchangeOnRtu_ExactBytesBothWaysAndDecodedValues(int i)
    {
        Bus bus = Bus.Rtu();
        LoadGoldenSlave(bus.Link);

        ModbusResult result = GoldenRequests.Run(bus.Master, i, out bool[] bits, out ushort[] registers);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(RtuVectors.Request[i], bus.Link.Written);
        Assert.Equal(RtuVectors.Response[i], Assert.Single(bus.Link.Bursts));
        AssertReadValues(i, bits, registers);
        Assert.Equal(1, bus.Master.Counters.Replies);
        Assert.Equal(SlaveState.Online, bus.Master.Health(RtuVectors.Slave).State);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Transact_GoldenExchangeOnTcp_ExactBytesBothWaysAndDecodedValues(int i)
    {
        Bus bus = Bus.Tcp();
        LoadGoldenSlave(bus.Link);

        ModbusResult result = GoldenRequests.Run(bus.Master, i, out bool[] bits, out ushort[] registers);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(MbapVectors.Request[i], bus.Link.Written);
        Assert.Equal(MbapVectors.Response[i], Assert.Single(bus.Link.Bursts));
        AssertReadValues(i, bits, registers);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void Transact_GoldenExceptionReply_ExceptionWithItsCode(int i)
    {
        foreach (bool tcp in new[] { false, true })
        {
            Bus bus = tcp ? Bus.Tcp(new MasterOptions { BusyRetries = 0 }) : Bus.Rtu(new MasterOptions { BusyRetries = 0 });
            LoadGoldenSlave(bus.Link);
            bus.Link.Then(new Reply { ExceptionCode = RtuVectors.ExceptionCode[i] });

            ModbusResult result = GoldenRequests.Run(bus.Master, i, out _, out _);

            Assert.Equal(ModbusStatus.Exception, result.Status);
            Assert.Equal(RtuVectors.ExceptionCode[i], result.ExceptionCode);
            Assert.Equal(tcp ? MbapVectors.Exception[i] : RtuVectors.Exception[i], bus.Link.Bursts[0]);
            Assert.Equal(1, bus.Master.Counters.Exceptions);
        }
    }

    [Fact]
    public void Write_GoldenWrites_ReachTheSlaveTable()
    {
        Bus bus = Bus.Rtu();
        SlaveImage slave = LoadGoldenSlave(bus.Link);

        Assert.True(GoldenRequests.Run(bus.Master, 4, out _, out _).IsOk);
        Assert.True(GoldenRequests.Run(bus.Master, 5, out _, out _).IsOk);
        Assert.True(slave.Coils[0xAC]);
        Assert.Equal(0x0003, slave.Holding[0x0001]);

        Assert.True(GoldenRequests.Run(bus.Master, 6, out _, out _).IsOk);
        Assert.True(GoldenRequests.Run(bus.Master, 7, out _, out _).IsOk);
        Assert.Equal(RtuVectors.Bits[6], Enumerable.Range(0x13, 10).Select(a => slave.Coils[a]));
        Assert.Equal([0x000A, 0x0102], new[] { slave.Holding[0x0001], slave.Holding[0x0002] });
    }

    public static TheoryData<string, Func<ModbusMaster, ModbusResult>> InvalidCalls => new()
    {
        { "broadcast slave 0", m => m.ReadRegisters(0, FunctionCode.ReadHoldingRegisters, 0, 1, new ushort[1], 0) },
        { "reserved slave 248", m => m.WriteSingleRegister(248, 0, 1) },
        { "126 registers", m => m.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, 0, 126, new ushort[126], 0) },
        { "2001 coils", m => m.ReadBits(1, FunctionCode.ReadCoils, 0, 2001, new bool[2001], 0) },
        { "124 registers written", m => m.WriteMultipleRegisters(1, 0, new ushort[124], 0, 124) },
        { "1969 coils written", m => m.WriteMultipleCoils(1, 0, new bool[1969], 0, 1969) },
        { "past address 65535", m => m.ReadRegisters(1, FunctionCode.ReadInputRegisters, 0xFFFF, 2, new ushort[2], 0) },
        { "bits read with FC03", m => m.ReadBits(1, FunctionCode.ReadHoldingRegisters, 0, 1, new bool[1], 0) },
        { "registers read with FC01", m => m.ReadRegisters(1, FunctionCode.ReadCoils, 0, 1, new ushort[1], 0) },
        { "registers read with FC16", m => m.ReadRegisters(1, FunctionCode.WriteMultipleRegisters, 0, 1, new ushort[1], 0) },
        { "destination too small", m => m.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, 0, 4, new ushort[4], 1) },
        { "destination missing", m => m.ReadBits(1, FunctionCode.ReadCoils, 0, 4, null!, 0) },
        { "values offset past the end", m => m.WriteMultipleRegisters(1, 0, new ushort[2], 1, 2) },
    };

    [Theory]
    [MemberData(nameof(InvalidCalls))]
    public void Transact_RequestOutsideTheProtocol_RefusedWithZeroBytesOnTheBus(string why, Func<ModbusMaster, ModbusResult> call)
    {
        Bus bus = Bus.Rtu().WithInverter();

        ModbusResult result = call(bus.Master);

        Assert.True(result.Status == ModbusStatus.InvalidRequest, why);
        Assert.Equal(0, result.Attempts);
        Assert.Empty(bus.Link.Written);
        Assert.Equal(0, bus.Link.DiscardCalls);
        Assert.Equal(1, bus.Master.Counters.InvalidRequests);
        Assert.Equal(0, bus.Master.Counters.Requests);
        Assert.Equal(Bus.StartMs, bus.Now);
    }

    [Fact]
    public void Transact_WriteFails_LinkErrorWithoutRetryAndHealthUntouched()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.WriteStatus = LinkStatus.Error;

        ModbusResult result = bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal(ModbusStatus.LinkError, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, bus.Master.Counters.LinkErrors);
        Assert.Equal(0, bus.Master.Counters.Retries);
        Assert.Equal(SlaveState.Unknown, bus.Master.Health(1).State);
        Assert.Equal(0, bus.Master.Health(1).ConsecutiveFailures);
    }

    [Fact]
    public void Transact_ReadFails_LinkErrorAndTheNextRequestWorksOnceTheLinkIsBack()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.FailReads = true;
        Assert.Equal(ModbusStatus.LinkError, bus.ReadHolding(1, 0, 2, new ushort[2]).Status);

        bus.Link.FailReads = false;
        var values = new ushort[2];
        bus.Link.Then(Reply.Normal);

        Assert.Equal(ModbusStatus.Ok, bus.ReadHolding(1, 0, 2, values).Status);
        Assert.Equal(Bus.Expected(1, 0, 2), values);
    }

    [Theory]
    [InlineData(9600, 10, 4)]    // 3.5 x 10 / 9600 = 3.65 ms
    [InlineData(9600, 11, 5)]    // 8E1: 3.5 x 11 / 9600 = 4.01 ms
    [InlineData(19200, 10, 2)]   // 1.82 ms
    [InlineData(38400, 10, 2)]   // fixed 1.75 ms above 19200 (serial line 2.5.1.1)
    [InlineData(115200, 10, 2)]
    public void Transact_BackToBackRequests_HoldT35OfSilenceAndNoMore(int baud, int bitsPerChar, int silenceMs)
    {
        Bus bus = Bus.Rtu(new MasterOptions { BaudRate = baud, BitsPerChar = bitsPerChar }).WithInverter();
        var values = new ushort[2];

        for (int k = 0; k < 5; k++)
        {
            Assert.True(bus.ReadHolding(1, 0, 2, values).IsOk);
        }

        Assert.All(bus.Link.Writes.Skip(1), w => Assert.Equal(silenceMs, w.QuietBeforeMs));
    }

    [Fact]
    public void Transact_AfterATimeout_NextRequestWaitsT35FromTheEndOfTheWait()
    {
        Bus bus = Bus.Rtu(new MasterOptions { Retries = 0 }).WithInverter();
        bus.Link.Then(Reply.Silence);

        bus.ReadHolding(1, 0, 2, new ushort[2]);
        bus.ReadHolding(1, 0, 2, new ushort[2]);

        long firstToSecond = bus.Link.Writes[1].AtMs - bus.Link.Writes[0].AtMs;
        Assert.Equal(Bus.Request8Bytes9600Ms + 1000 + Bus.Silence9600Ms, firstToSecond);
    }

    [Fact]
    public void Transact_OnTcp_NoInterFrameSilence()
    {
        Bus bus = Bus.Tcp().WithInverter();

        for (int k = 0; k < 3; k++)
        {
            Assert.True(bus.ReadHolding(1, 0, 2, new ushort[2]).IsOk);
        }

        Assert.Empty(bus.Clock.Sleeps);
        Assert.All(bus.Link.Writes.Skip(1), w => Assert.Equal(0, w.QuietBeforeMs));
    }

    [Fact]
    public void Transact_EveryAttempt_FlushesInputBeforeWriting()
    {
        Bus bus = Bus.Rtu().WithInverter();
        bus.Link.Then(Reply.Silence, new Reply { FlipCrc = true }, Reply.Normal, Reply.Normal);

        bus.ReadHolding(1, 0, 2, new ushort[2]);
        bus.ReadHolding(1, 0, 2, new ushort[2]);

        Assert.Equal("DWDWDWDW", bus.Link.Trace.ToString());
    }

    [Fact]
    public void ReadRegisters_DestinationOffset_FillsOnlyThatWindow()
    {
        Bus bus = Bus.Rtu().WithInverter();
        ushort[] dest = [7, 7, 7, 7, 7];

        bus.Master.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, 10, 3, dest, 1);

        Assert.Equal([7, 1010, 1011, 1012, 7], dest);
    }

    internal static SlaveImage LoadGoldenSlave(ScriptedSlaveLink link)
    {
        SlaveImage slave = link.AddSlave(RtuVectors.Slave);
        slave.SetCoils(RtuVectors.Address[0], RtuVectors.Bits[0]);
        slave.SetDiscrete(RtuVectors.Address[1], RtuVectors.Bits[1]);
        slave.SetHolding(RtuVectors.Address[2], RtuVectors.Registers[2]);
        slave.SetInput(RtuVectors.Address[3], RtuVectors.Registers[3]);
        slave.SetCoils(RtuVectors.Address[4], false);
        slave.SetHolding(RtuVectors.Address[5], 0, 0);
        return slave;
    }

    private static void AssertReadValues(int i, bool[] bits, ushort[] registers)
    {
        if (RtuVectors.Function[i] <= 0x02)
        {
            Assert.Equal(RtuVectors.Bits[i], bits);
        }

        if (RtuVectors.Function[i] is 0x03 or 0x04)
        {
            Assert.Equal(RtuVectors.Registers[i], registers);
        }
    }
}
