using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Host.Simulator;
using Xunit;

namespace EnergyLogger.Integration.Tests.Simulator;

/// <summary>The engine against the built-in slave on a simulated 9600-baud line, in virtual time.</summary>
public sealed class SimulatedSerialLinkTests
{
    private const int Baud = 9600;
    private const int BitsPerChar = 10;
    private const int TurnaroundMs = 5;

    private readonly VirtualClock _clock = new();
    private readonly RegisterBank _bank = new();
    private readonly SimulatedSerialLink _line;
    private readonly ModbusMaster _master;

    public SimulatedSerialLinkTests()
    {
        _line = new SimulatedSerialLink(_clock, Baud, BitsPerChar, TurnaroundMs);
        _line.Attach(1, _bank);
        _master = new ModbusMaster(_line, _clock, new RtuFramer(), new MasterOptions { BaudRate = Baud, BitsPerChar = BitsPerChar, ResponseTimeoutMs = 200, Retries = 0 });
    }

    [Fact]
    public void ReadRegisters_TenHoldingRegisters_TakeTheirWireTime()
    {
        for (int i = 0; i < 10; i++)
        {
            _bank.HoldingRegisters[0x1000 + i] = (ushort)(100 * (i + 1));
        }

        var values = new ushort[10];
        long start = _clock.MonotonicMs;
        ModbusResult result = _master.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, 0x1000, 10, values, 0);

        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(new ushort[] { 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000 }, values);

        // t3.5 before the first request (4 ms: the bus state before it is unknown), 8-byte request (8.3 ms),
        // turnaround (5 ms) and 25-byte reply (26.0 ms) at 9600 8N1, in whole milliseconds.
        long elapsed = _clock.MonotonicMs - start;
        Assert.InRange(elapsed, 43, 46);
    }

    [Fact]
    public void WriteMultipleRegisters_ThenRead_ReturnsWhatWasWritten()
    {
        ModbusResult write = _master.WriteMultipleRegisters(1, 0x2000, [7, 8, 9], 0, 3);
        var values = new ushort[3];
        ModbusResult read = _master.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, 0x2000, 3, values, 0);

        Assert.Equal(ModbusStatus.Ok, write.Status);
        Assert.Equal(ModbusStatus.Ok, read.Status);
        Assert.Equal(new ushort[] { 7, 8, 9 }, values);
        Assert.Equal((ushort)8, _bank.HoldingRegisters[0x2001]);
    }

    [Fact]
    public void WriteCoils_ThenReadCoils_RoundTripsEveryBit()
    {
        bool[] pattern = [true, false, true, true, false, false, true, false, true];
        ModbusResult write = _master.WriteMultipleCoils(1, 10, pattern, 0, pattern.Length);
        var read = new bool[pattern.Length];
        ModbusResult result = _master.ReadBits(1, FunctionCode.ReadCoils, 10, pattern.Length, read, 0);

        Assert.Equal(ModbusStatus.Ok, write.Status);
        Assert.Equal(ModbusStatus.Ok, result.Status);
        Assert.Equal(pattern, read);
    }

    [Fact]
    public void ReadRegisters_IllegalRange_AnswersException02WithoutRetry()
    {
        _bank.MarkIllegal(FunctionCode.ReadInputRegisters, 50, 59);
        var values = new ushort[4];

        ModbusResult result = _master.ReadRegisters(1, FunctionCode.ReadInputRegisters, 48, 4, values, 0);

        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(ExceptionCode.IllegalDataAddress, result.ExceptionCode);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public void ReadRegisters_SlaveNotOnTheLine_TimesOutAfterTheResponseTimeout()
    {
        var values = new ushort[1];
        long start = _clock.MonotonicMs;

        ModbusResult result = _master.ReadRegisters(9, FunctionCode.ReadHoldingRegisters, 0, 1, values, 0);

        Assert.Equal(ModbusStatus.Timeout, result.Status);
        Assert.InRange(_clock.MonotonicMs - start, 200, 215);
    }
}
