using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using Xunit;

namespace EnergyLogger.Integration.Tests.Simulator;

/// <summary>
/// <c>energylogger simulate</c> as a real process, read by the project's own master and by
/// <c>energylogger read</c> over a socat pty pair, MODBUS TCP and RTU over TCP, with every fault mode.
/// </summary>
public sealed class SimulateCommandTests
{
    // battery_cycles of the bundled Deye map: a constant of the model (412), so a read is exact at any time.
    private const int CyclesRegister = 10056;
    private const ushort Cycles = 412;

    public enum Via
    {
        Pty,
        ModbusTcp,
        RtuOverTcp,
    }

    public static TheoryData<string, ModbusStatus> FaultRows => new()
    {
        { "silence", ModbusStatus.Timeout },
        { "crc", ModbusStatus.CrcError },
        { "exception", ModbusStatus.Exception },
        { "garbage", ModbusStatus.Ok },
        { "wrong-slave", ModbusStatus.WrongSlave },
        { "truncate", ModbusStatus.Truncated },
    };

    [Fact]
    public void Read_NoFaults_EveryMediumReturnsTheModelsRegister()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true);

        foreach (string[] bus in new[] { Pty(simulator), Tcp(simulator), RtuOverTcp(simulator) })
        {
            EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["read", .. bus, "--address", CyclesRegister.ToString()]);

            Assert.True(outcome.ExitCode == 0, outcome + "\n" + simulator.Output);
            Assert.Equal(Cycles.ToString(), outcome.Stdout.Trim());
        }
    }

    [Fact]
    public void Read_OneBasedAddress_ReadsTheRegisterOneBelow()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true);

        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["read", .. Tcp(simulator), "--address", (CyclesRegister + 1).ToString(), "--one-based"]);

        Assert.True(outcome.ExitCode == 0, outcome + "\n" + simulator.Output);
        Assert.Equal(Cycles.ToString(), outcome.Stdout.Trim());
    }

    [Theory]
    [MemberData(nameof(FaultRows))]
    public void Master_FaultOnEveryRequest_EndsWithItsStatusOnEveryMedium(string mode, ModbusStatus expected)
    {
        // MBAP has no CRC, so the crc fault is served on the RTU media only.
        bool tcp = mode != "crc";
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp, "--fault", mode);

        foreach (Via via in tcp ? Enum.GetValues<Via>() : [Via.Pty, Via.RtuOverTcp])
        {
            (ModbusResult result, ushort value, IModbusFramer framer) = ReadOnce(simulator, via);

            Assert.True(expected == result.Status, $"{mode} via {via}: {result.Status}\n{simulator.Output}");
            Assert.Equal(1, result.Attempts);
            if (expected == ModbusStatus.Ok)
            {
                Assert.Equal(Cycles, value);
                Assert.True(framer.NoiseBytes > 0, $"{via}: the garbage should be dropped as noise");
            }

            if (expected == ModbusStatus.Exception)
            {
                Assert.Equal(ExceptionCode.SlaveDeviceFailure, result.ExceptionCode);
            }
        }
    }

    [Fact]
    public void Master_SilenceEveryThirdRequest_TimesOutOnExactlyThoseRequests()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true, "--fault", "silence:every=3");

        ModbusStatus[] statuses = Enumerable.Range(0, 6).Select(_ => ReadOnce(simulator, Via.ModbusTcp).Result.Status).ToArray();

        Assert.Equal([ModbusStatus.Ok, ModbusStatus.Ok, ModbusStatus.Timeout, ModbusStatus.Ok, ModbusStatus.Ok, ModbusStatus.Timeout], statuses);
        Assert.Contains("served 6 requests, faults: silence 2", simulator.Stop());
    }

    [Fact]
    public void Master_BusyExceptionCode_RetriesWithBackoffThenReportsException06()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true, "--fault", "exception", "--exception-code", "6");
        using TcpLink link = TcpLink.Connect("127.0.0.1", simulator.TcpPort, 5000);
        var master = new ModbusMaster(link, new SystemClock(), new MbapFramer(), new MasterOptions { BaudRate = 0, BusyRetries = 2, BusyBackoffMs = 10 });
        var value = new ushort[1];

        ModbusResult result = master.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, CyclesRegister, 1, value, 0);

        // M3: exception 06 (busy) is retried within the budget, then reported.
        Assert.Equal(ModbusStatus.Exception, result.Status);
        Assert.Equal(ExceptionCode.SlaveDeviceBusy, result.ExceptionCode);
        Assert.Equal(3, result.Attempts);
    }

    [Theory]
    [InlineData("crc", "slave 1 answered with a bad CRC (CRC error, 3 attempts)")]
    [InlineData("exception", "slave 1 answered exception 04 (slave device failure)")]
    [InlineData("wrong-slave", "a slave other than 1 answered (wrong slave, 3 attempts)")]
    [InlineData("truncate", "the reply of slave 1 stopped short (truncated, 3 attempts)")]
    public void ReadCommand_FaultOverPty_ExitsOneNamingTheStatus(string mode, string message)
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: false, "--fault", mode);

        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["read", .. Pty(simulator), "--timeout", "200", "--address", CyclesRegister.ToString()]);

        Assert.True(outcome.ExitCode == 1, outcome + "\n" + simulator.Output);
        Assert.Equal($"energylogger read: {message}", outcome.Stderr.Trim());
    }

    [Fact]
    public void ReadCommand_SilenceOverTcp_ExitsOneWithTimeout()
    {
        using SimulatorProcess simulator = SimulatorProcess.Start(tcp: true, "--fault", "silence");

        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["read", .. Tcp(simulator), "--timeout", "200", "--retries", "1", "--address", "0"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("energylogger read: slave 1 did not answer within 200 ms (timeout, 2 attempts)", outcome.Stderr.Trim());
    }

    [Theory]
    [InlineData(new[] { "--tcp", "0", "--fault", "crc" }, "energylogger simulate: --fault crc needs RTU framing (--port or --rtu-over-tcp): MODBUS TCP carries no CRC")]
    [InlineData(new[] { "--tcp", "0", "--fault", "noise" }, "energylogger simulate: --fault: unknown mode 'noise' (modes: silence, crc, exception, garbage, wrong-slave, truncate)")]
    [InlineData(new[] { "--tcp", "0", "--fault", "silence:1.5" }, "energylogger simulate: --fault: 'silence:1.5' needs a probability above 0 and at most 1, or every=N")]
    [InlineData(new[] { "--fault", "silence" }, "energylogger simulate: give at least one medium: --port PATH, --tcp PORT or --rtu-over-tcp PORT")]
    [InlineData(new[] { "--tcp", "0", "--baud", "9600" }, "energylogger simulate: --baud applies to --port only")]
    public void Simulate_WrongOptions_ExitsTwoWithOneLine(string[] args, string message)
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run(["simulate", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(message, outcome.Stderr.Trim());
    }

    [Fact]
    public void Simulate_MissingPort_ExitsOneNamingThePath()
    {
        EnergyLoggerProcess.Outcome outcome = EnergyLoggerProcess.Run("simulate", "--port", "/dev/ttyEnergyLoggerMissing");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("energylogger simulate: cannot open /dev/ttyEnergyLoggerMissing: No such file or directory (errno 2)", outcome.Stderr.Trim());
    }

    private static string[] Pty(SimulatorProcess simulator) => ["--port", simulator.MasterPty];

    private static string[] Tcp(SimulatorProcess simulator) => ["--tcp", $"127.0.0.1:{simulator.TcpPort}"];

    private static string[] RtuOverTcp(SimulatorProcess simulator) => ["--rtu-over-tcp", $"127.0.0.1:{simulator.RtuOverTcpPort}"];

    /// <summary>One FC03 read of the cycles register, no retries, through a fresh link of the given medium.</summary>
    private static (ModbusResult Result, ushort Value, IModbusFramer Framer) ReadOnce(SimulatorProcess simulator, Via via)
    {
        IByteLink link = via switch
        {
            Via.Pty => SerialLink.Open(simulator.MasterPty, 9600, Parity.None, 1),
            Via.ModbusTcp => TcpLink.Connect("127.0.0.1", simulator.TcpPort, 5000),
            _ => TcpLink.Connect("127.0.0.1", simulator.RtuOverTcpPort, 5000),
        };
        using var owned = (IDisposable)link;
        IModbusFramer framer = via == Via.ModbusTcp ? new MbapFramer() : new RtuFramer();
        var options = new MasterOptions { Retries = 0, ResponseTimeoutMs = 300, BaudRate = via == Via.Pty ? 9600 : 0, InterByteTimeoutMs = via == Via.RtuOverTcp ? 100 : 20 };
        var master = new ModbusMaster(link, new SystemClock(), framer, options);
        var value = new ushort[1];
        ModbusResult result = master.ReadRegisters(1, FunctionCode.ReadHoldingRegisters, CyclesRegister, 1, value, 0);
        return (result, value[0], framer);
    }
}
