using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>The engine through SerialLink and TcpLink against the pymodbus slave, every function code on every medium.</summary>
public sealed class MasterOverPeerTests(ModbusPeer peer) : IClassFixture<ModbusPeer>
{
    public static TheoryData<Medium> Media => new() { Medium.Serial9600, Medium.Serial19200, Medium.ModbusTcp, Medium.RtuOverTcp };

    [Theory]
    [MemberData(nameof(Media))]
    public void ReadHoldingRegisters_SeededBlock_ReturnsPeerWordsAndDecodes(Medium medium)
    {
        using Session session = Open(medium);
        var regs = new ushort[PeerData.Holding.Length];

        ModbusResult result = session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadHoldingRegisters, PeerData.HoldingBlock, regs.Length, regs, 0);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(PeerData.Holding, regs);
        Assert.Equal(-123456, ValueCodec.ToInt64(regs, 4, RegisterType.Int32, WordOrder.Abcd));
        Assert.Equal(230.5, ValueCodec.ToDouble(regs, 6, RegisterType.Float32, WordOrder.Abcd));
        Assert.Equal(0x0102030405060708, ValueCodec.ToInt64(regs, 8, RegisterType.UInt64, WordOrder.Abcd));
        Assert.Equal("SN-2024", ValueCodec.ToText(regs, 12, 4, WordOrder.Abcd));
        Assert.Equal(0x12345678, ValueCodec.ToInt64(regs, 16, RegisterType.UInt32, WordOrder.Cdab));
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void ReadInputRegisters_SeededBlock_ReturnsPeerWords(Medium medium)
    {
        using Session session = Open(medium);
        var regs = new ushort[PeerData.Input.Length];

        ModbusResult result = session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadInputRegisters, 0, regs.Length, regs, 0);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(PeerData.Input, regs);
        Assert.Equal(-1.5, ValueCodec.ToDouble(regs, 16, RegisterType.Float32, WordOrder.Abcd));
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void ReadCoils_FirstTwenty_MatchPeerPattern(Medium medium)
    {
        using Session session = Open(medium);
        var bits = new bool[20];

        ModbusResult result = session.Master.ReadBits(PeerData.Slave, FunctionCode.ReadCoils, 0, bits.Length, bits, 0);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Enumerable.Range(0, 20).Select(PeerData.Coil), bits);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void ReadDiscreteInputs_FirstTwenty_MatchPeerPattern(Medium medium)
    {
        using Session session = Open(medium);
        var bits = new bool[20];

        ModbusResult result = session.Master.ReadBits(PeerData.Slave, FunctionCode.ReadDiscreteInputs, 0, bits.Length, bits, 0);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(Enumerable.Range(0, 20).Select(PeerData.DiscreteInput), bits);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void WriteSingleCoil_On_ReadsBackOn(Medium medium)
    {
        using Session session = Open(medium);
        int address = PeerData.WritableCoils + Slot(0, medium);
        var bits = new bool[2];

        Assert.Equal(ModbusStatus.Ok, session.Master.WriteSingleCoil(PeerData.Slave, address, true).Status);
        Assert.Equal(ModbusStatus.Ok, session.Master.ReadBits(PeerData.Slave, FunctionCode.ReadCoils, address, 2, bits, 0).Status);
        Assert.Equal(new[] { true, false }, bits);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void WriteSingleRegister_Value_ReadsBackValue(Medium medium)
    {
        using Session session = Open(medium);
        int address = PeerData.WritableRegisters + Slot(1, medium);
        var regs = new ushort[1];

        Assert.Equal(ModbusStatus.Ok, session.Master.WriteSingleRegister(PeerData.Slave, address, 0xBEEF).Status);
        Assert.Equal(ModbusStatus.Ok, session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadHoldingRegisters, address, 1, regs, 0).Status);
        Assert.Equal(0xBEEF, regs[0]);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void WriteMultipleCoils_Pattern_ReadsBackPattern(Medium medium)
    {
        using Session session = Open(medium);
        int address = PeerData.WritableCoils + Slot(2, medium);
        bool[] pattern = [true, false, true, true, false, false, true, false, true, true];
        var bits = new bool[pattern.Length];

        Assert.Equal(ModbusStatus.Ok, session.Master.WriteMultipleCoils(PeerData.Slave, address, pattern, 0, pattern.Length).Status);
        Assert.Equal(ModbusStatus.Ok, session.Master.ReadBits(PeerData.Slave, FunctionCode.ReadCoils, address, bits.Length, bits, 0).Status);
        Assert.Equal(pattern, bits);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void WriteMultipleRegisters_EncodedValues_ReadBackAndDecode(Medium medium)
    {
        using Session session = Open(medium);
        int address = PeerData.WritableRegisters + Slot(3, medium);
        var written = new ushort[4];
        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromDouble(-40.25, RegisterType.Float32, WordOrder.Cdab, written, 0));
        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromInt64(-70000, RegisterType.Int32, WordOrder.Abcd, written, 2));
        var regs = new ushort[4];

        Assert.Equal(ModbusStatus.Ok, session.Master.WriteMultipleRegisters(PeerData.Slave, address, written, 0, 4).Status);
        Assert.Equal(ModbusStatus.Ok, session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadHoldingRegisters, address, 4, regs, 0).Status);
        Assert.Equal(written, regs);
        Assert.Equal(-40.25, ValueCodec.ToDouble(regs, 0, RegisterType.Float32, WordOrder.Cdab));
        Assert.Equal(-70000, ValueCodec.ToInt64(regs, 2, RegisterType.Int32, WordOrder.Abcd));
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void M2_ReadPastRegisterSpace_ReturnsException02WithoutRetry(Medium medium)
    {
        using Session session = Open(medium);
        var regs = new ushort[2];

        ModbusResult result = session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadHoldingRegisters, PeerData.RegisterSpace + 0x1000, 2, regs, 0);

        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(ExceptionCode.IllegalDataAddress, result.ExceptionCode);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, session.Master.Counters.Exceptions);
    }

    [Theory]
    [MemberData(nameof(Media))]
    public void M4_SilentSlave_TimesOutAfterRetriesAndTheBusStillServesOthers(Medium medium)
    {
        using Session session = Open(medium, timeoutMs: 150, retries: 1);
        var regs = new ushort[1];

        ModbusResult silent = session.Master.ReadRegisters(PeerData.SilentSlave, FunctionCode.ReadHoldingRegisters, PeerData.HoldingBlock, 1, regs, 0);

        // Short waits only for the slave that never answers: the peer that does answer may be kept from running for
        // longer than 150 ms on a loaded machine, so its read gets the default wait.
        session.Master.Options.ResponseTimeoutMs = new MasterOptions().ResponseTimeoutMs;
        ModbusResult next = session.Master.ReadRegisters(PeerData.Slave, FunctionCode.ReadHoldingRegisters, PeerData.HoldingBlock, 1, regs, 0);

        Assert.Equal(ModbusStatus.Timeout, silent.Status);
        Assert.Equal(2, silent.Attempts);
        Assert.Equal(2, session.Master.Counters.Timeouts);
        Assert.Equal(ModbusStatus.Ok, next.Status);
        Assert.Equal(PeerData.Holding[0], regs[0]);
    }

    /// <summary>Write tests share the peer, so each takes its own 16-address slice per medium.</summary>
    private static int Slot(int test, Medium medium) => (test * 0x40) + ((int)medium * 0x10);

    private Session Open(Medium medium, int timeoutMs = 1000, int retries = 2)
    {
        var options = new MasterOptions { ResponseTimeoutMs = timeoutMs, Retries = retries, BaudRate = 0 };
        IModbusFramer framer = medium == Medium.ModbusTcp ? new MbapFramer() : new RtuFramer();
        IByteLink link;
        if (ModbusPeer.IsSerial(medium))
        {
            options.BaudRate = ModbusPeer.Baud(medium);
            link = SerialLink.Open(peer.SerialPath(medium), options.BaudRate, Parity.None, 1);
        }
        else
        {
            link = TcpLink.Connect("127.0.0.1", medium == Medium.ModbusTcp ? peer.TcpPort : peer.RtuOverTcpPort, 5000);
        }

        return new Session(new ModbusMaster(link, new SystemClock(), framer, options), (IDisposable)link);
    }

    private sealed record Session(ModbusMaster Master, IDisposable Link) : IDisposable
    {
        public void Dispose() => Link.Dispose();
    }
}
