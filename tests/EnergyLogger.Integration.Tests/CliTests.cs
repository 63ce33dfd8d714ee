using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary><c>energylogger read</c> and <c>write</c> as a user runs them, against the pymodbus slave.</summary>
public sealed class CliTests(ModbusPeer peer) : IClassFixture<ModbusPeer>
{
    public static TheoryData<string, string[]> ReadTypes => new()
    {
        { "--address 0x1000 --count 2", ["1234", "65534"] },
        { "--address 0x1001 --type s16", ["-2"] },
        { "--address 0x1002 --count 4 --type u32", ["305419896", "4294843840"] },
        { "--address 0x1004 --type s32", ["-123456"] },
        { "--address 0x1006 --type f32", ["230.5"] },
        { "--address 0x1008 --type u64", ["72623859790382856"] },
        { "--address 0x1008 --type s64", ["72623859790382856"] },
        { "--address 0x100C --count 4 --type string", ["SN-2024"] },
        { "--address 0x1010 --type u32 --word-order cdab", ["305419896"] },
        { "--address 0x1002 --type u32 --word-order badc", ["873625686"] },
        { "--address 0x1002 --count 2 --type hex", ["0x1234", "0x5678"] },
        { "--address 0x0FFF --count 2 --type bool", ["0", "1"] },
        { "--fc 4 --address 0 --count 3", ["1000", "1001", "1002"] },
        { "--fc 4 --address 0x10 --type f32", ["-1.5"] },
        { "--fc 1 --address 0 --count 7", ["1", "0", "0", "1", "0", "0", "1"] },
        { "--fc 2 --address 0 --count 4", ["0", "1", "0", "1"] },
    };

    [Theory]
    [MemberData(nameof(ReadTypes))]
    public void Read_EachTypeOverSerial_PrintsOneValuePerLine(string options, string[] expected)
    {
        var outcome = Run("read", Medium.Serial9600, options);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(expected, outcome.Lines);
        Assert.Equal("", outcome.Stderr);
    }

    public static TheoryData<Medium, string, string[]> ReadFunctionsPerMedium()
    {
        var data = new TheoryData<Medium, string, string[]>();
        foreach (Medium medium in new[] { Medium.Serial19200, Medium.ModbusTcp, Medium.RtuOverTcp })
        {
            data.Add(medium, "--fc 1 --address 0 --count 4", ["1", "0", "0", "1"]);
            data.Add(medium, "--fc 2 --address 0 --count 2", ["0", "1"]);
            data.Add(medium, "--fc 3 --address 0x1002 --count 4 --type u32", ["305419896", "4294843840"]);
            data.Add(medium, "--fc 4 --address 0x0E --count 4 --type u32", ["66454519", "3217031168"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadFunctionsPerMedium))]
    public void Read_EachFunctionCodeOverEachMedium_PrintsValues(Medium medium, string options, string[] expected)
    {
        var outcome = Run("read", medium, options);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(expected, outcome.Lines);
    }

    // Each row: write options, read-back options, expected read-back lines; {A} is the row's own address.
    public static readonly (string Write, string Read, string[] Expected)[] WriteCases =
    [
        ("--fc 5 --address {A} --value 1", "--fc 1 --address {A} --count 2", ["1", "0"]),
        ("--fc 6 --address {A} --value -5 --type s16", "--address {A} --type s16", ["-5"]),
        ("--fc 6 --address {A} --value 0xBEEF --type hex", "--address {A} --type hex", ["0xBEEF"]),
        ("--fc 15 --address {A} --values 1,0,1,1,0,0,0,0,1", "--fc 1 --address {A} --count 9", ["1", "0", "1", "1", "0", "0", "0", "0", "1"]),
        ("--fc 16 --address {A} --values 305419896,7 --type u32 --word-order cdab", "--address {A} --count 4 --type hex", ["0x5678", "0x1234", "0x0007", "0x0000"]),
        ("--fc 16 --address {A} --values 230.5,-0.25 --type f32", "--address {A} --count 4 --type f32", ["230.5", "-0.25"]),
        ("--fc 16 --address {A} --values -9000000000 --type s64", "--address {A} --count 4 --type s64", ["-9000000000"]),
        ("--fc 16 --address {A} --type string --value HELLO --count 4", "--address {A} --count 4 --type string", ["HELLO"]),
    ];

    public static TheoryData<Medium, int> WriteCasesPerMedium()
    {
        var data = new TheoryData<Medium, int>();
        foreach (Medium medium in Enum.GetValues<Medium>())
        {
            for (int i = 0; i < WriteCases.Length; i++)
            {
                data.Add(medium, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WriteCasesPerMedium))]
    public void Write_ThenRead_ReadsBackWhatWasWritten(Medium medium, int row)
    {
        (string write, string read, string[] expected) = WriteCases[row];
        bool coils = write.StartsWith("--fc 5", StringComparison.Ordinal) || write.StartsWith("--fc 15", StringComparison.Ordinal);
        int address = (coils ? 0x100 : 0x2000) + (row * 0x40) + ((int)medium * 0x10);

        var written = Run("write", medium, write.Replace("{A}", address.ToString()));
        var readBack = Run("read", medium, read.Replace("{A}", address.ToString()));

        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.StartsWith("wrote ", written.Stdout);
        Assert.True(readBack.ExitCode == 0, readBack.ToString());
        Assert.Equal(expected, readBack.Lines);
    }

    [Theory]
    [InlineData(Medium.Serial9600, "read", "--address 0x5000 --count 2")]
    [InlineData(Medium.ModbusTcp, "read", "--fc 4 --address 0x5000")]
    [InlineData(Medium.RtuOverTcp, "read", "--address 0x5000")]
    [InlineData(Medium.Serial19200, "write", "--fc 6 --address 0x5000 --value 1")]
    [InlineData(Medium.ModbusTcp, "write", "--fc 16 --address 0x5000 --values 1,2")]
    public void M2_IllegalAddress_ExitsOneWithTheExceptionLine(Medium medium, string verb, string options)
    {
        var outcome = Run(verb, medium, options);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal($"energylogger {verb}: slave 1 answered exception 02 (illegal data address)\n", outcome.Stderr);
    }

    [Theory]
    [InlineData(Medium.Serial9600)]
    [InlineData(Medium.ModbusTcp)]
    [InlineData(Medium.RtuOverTcp)]
    public void M4_SilentSlave_ExitsOneAfterOneAttemptNamingTheTimeout(Medium medium)
    {
        var outcome = Run("read", medium, "--slave 9 --address 0x1000 --timeout 200 --retries 0");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("energylogger read: slave 9 did not answer within 200 ms (timeout, 1 attempt)\n", outcome.Stderr);
    }

    [Theory]
    [InlineData("read --port /dev/ttyEnergyLoggerMissing --address 1", "energylogger read: cannot open /dev/ttyEnergyLoggerMissing: No such file or directory (errno 2)")]
    [InlineData("write --port /dev/null --fc 5 --address 1 --value 1", "energylogger write: cannot set up /dev/null: not a serial port: Inappropriate ioctl for device (errno 25)")]
    public void UnopenablePort_ExitsOneWithTheReason(string command, string expected)
    {
        var outcome = EnergyLoggerProcess.Run(command.Split(' '));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(expected + "\n", outcome.Stderr);
    }

    /// <summary>The peer's port is a pty: the kernel refuses RS-485 mode on it, and read exits 1 with the driver's answer.</summary>
    [Fact]
    public void Read_Rs485OnAPty_ExitsOneWithTheDriversRefusal()
    {
        var outcome = Run("read", Medium.Serial9600, "--slave 1 --address 0x1000 --rs485 2,1");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"energylogger read: {peer.SerialPath(Medium.Serial9600)}: the driver refuses RS-485 mode (TIOCSRS485 2,1): "
            + "Inappropriate ioctl for device (errno 25); adapters that switch direction on their own need no --rs485\n", outcome.Stderr);
    }

    // The port is /dev/null: a usage error must be caught before anything is opened.
    [Theory]
    [InlineData("read --address 1", "give the bus: --port PATH, --tcp HOST:PORT or --rtu-over-tcp HOST:PORT")]
    [InlineData("read --port /dev/null --tcp h:1 --address 1", "--port, --tcp and --rtu-over-tcp exclude each other")]
    [InlineData("read --port /dev/null", "--address is required")]
    [InlineData("read --port /dev/null --address 70000", "--address must be a whole number from 0 to 65535, not '70000'")]
    [InlineData("read --port /dev/null --address 1 --type u24", "--type must be u16 (default), s16, u32, s32, f32, u64, s64, string, bool or hex, not 'u24'")]
    [InlineData("read --port /dev/null --address 1 --type u32 --count 3", "--count 3 is not a whole number of u32 values (2 registers each)")]
    [InlineData("read --port /dev/null --address 1 --type string", "--type string needs --count (registers to read)")]
    [InlineData("read --port /dev/null --address 0xFFFF --count 2", "--address 65535 and --count 2 run past the last address 65535")]
    [InlineData("read --port /dev/null --address 1 --fc 1 --type u32", "--type and --word-order apply to registers (--fc 3 or 4)")]
    [InlineData("read --port /dev/null --address 1 --word-order xyzw", "--word-order must be abcd, cdab, badc or dcba, not 'xyzw'")]
    [InlineData("read --port /dev/null --address 1 --baud 1000", "--baud must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, not 1000")]
    [InlineData("read --port /dev/null --address 1 --parity mark", "--parity must be none, even or odd, not 'mark'")]
    [InlineData("read --tcp 127.0.0.1 --address 1", "--tcp must be HOST:PORT, not '127.0.0.1'")]
    [InlineData("read --tcp 127.0.0.1:502 --baud 9600 --address 1", "--baud applies to --port only")]
    [InlineData("read --port /dev/null --connect-delay 1000 --address 1", "--connect-delay applies to --tcp and --rtu-over-tcp only")]
    [InlineData("read --tcp 127.0.0.1:502 --connect-delay 20000 --address 1", "--connect-delay must be a whole number from 0 to 10000, not '20000'")]
    [InlineData("read --tcp 127.0.0.1:502 --rs485 2,1 --address 1", "--rs485 applies to --port only")]
    [InlineData("read --port /dev/null --rs485 2 --address 1", "--rs485: '2' is not BEFORE_MS,AFTER_MS[,rts-low]")]
    [InlineData("read --port /dev/null --rs485 2,500 --address 1", "--rs485: '500' is not a delay of 0 to 100 ms (BEFORE_MS,AFTER_MS[,rts-low])")]
    [InlineData("write --port /dev/null --rs485 2,1,rts-high --fc 5 --address 1 --value 1", "--rs485: 'rts-high' is not rts-low (BEFORE_MS,AFTER_MS[,rts-low])")]
    [InlineData("scan --tcp 127.0.0.1:502 --rs485 1,1", "--baud, --parity and --rs485 apply to --port only")]
    [InlineData("read --port /dev/null --address 1 --frobnicate 2", "unknown option --frobnicate")]
    [InlineData("read --port /dev/null --adress 3", "unknown option --adress (did you mean --address?)")]
    [InlineData("write --port /dev/null --fc 7 --address 1 --value 1", "--fc must be 5, 6, 15 or 16, not 7")]
    [InlineData("write --port /dev/null --fc 5 --address 1 --value 2", "--value: '2' is not 0, 1, on or off")]
    [InlineData("write --port /dev/null --fc 6 --address 1 --value 70000", "--value: '70000' does not fit u16")]
    [InlineData("write --port /dev/null --fc 6 --address 1 --value 1 --type u32", "--fc 6 writes one register; use --fc 16 for u32")]
    [InlineData("write --port /dev/null --fc 5 --address 1 --values 1,0", "--fc 5 writes one value: use --value")]
    [InlineData("write --port /dev/null --fc 15 --address 1 --value 1", "--fc 15 takes --values V1,V2,...")]
    [InlineData("write --port /dev/null --fc 16 --address 1 --values 1,x", "--values: 'x' is not a whole number")]
    [InlineData("write --port /dev/null --fc 16 --address 1 --values 1.5 --type s32", "--values: '1.5' is not a whole number")]
    [InlineData("write --port /dev/null --fc 16 --address 1 --values 1e39 --type f32", "--values: '1e39' does not fit f32")]
    [InlineData("write --port /dev/null --fc 16 --address 1 --type string --value TOOLONG --count 2", "--value 'TOOLONG' is longer than 4 characters")]
    public void UsageError_ExitsTwoWithOneLine(string command, string expected)
    {
        string[] args = command.Split(' ');

        var outcome = EnergyLoggerProcess.Run(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"energylogger {args[0]}: {expected}\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Theory]
    [InlineData("read", "--word-order")]
    [InlineData("write", "--values")]
    public void Help_PrintsOptionsAndExitsZero(string verb, string option)
    {
        var outcome = EnergyLoggerProcess.Run(verb, "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains($"Usage:\n  energylogger {verb} [options]\n", outcome.Stdout);
        Assert.Contains(option, outcome.Stdout);
        Assert.Contains("--rtu-over-tcp <HOST:PORT>", outcome.Stdout);
        Assert.Contains("--stop-bits", outcome.Stdout);
    }

    [Fact]
    public void Version_PrintsTheVersionAndTheCommitOfTheBuild()
    {
        var outcome = EnergyLoggerProcess.Run("--version");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"^energylogger 1\.0\.0 \(commit ([0-9a-f]{12}|unknown)\)\n$", outcome.Stdout);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("write")]
    public void Help_SaysAddressesCountFromZeroAndOffersOneBased(string verb)
    {
        var outcome = EnergyLoggerProcess.Run(verb, "--help");

        Assert.Contains("counted from 0", outcome.Stdout);
        Assert.Contains("--one-based", outcome.Stdout);
    }

    private EnergyLoggerProcess.Outcome Run(string verb, Medium medium, string options)
    {
        string[] bus = medium switch
        {
            Medium.ModbusTcp => ["--tcp", $"127.0.0.1:{peer.TcpPort}"],
            Medium.RtuOverTcp => ["--rtu-over-tcp", $"127.0.0.1:{peer.RtuOverTcpPort}"],
            _ => ["--port", peer.SerialPath(medium), "--baud", ModbusPeer.Baud(medium).ToString()],
        };
        return EnergyLoggerProcess.Run([verb, .. bus, .. options.Split(' ')]);
    }
}
