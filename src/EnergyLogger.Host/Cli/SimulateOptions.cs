using System.CommandLine;
using System.Net;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Cli;

/// <summary>Serial line settings the simulator opens its port with.</summary>
internal sealed record LineSettings(int Baud, Parity Parity, int StopBits)
{
    public override string ToString() => $"{Baud} 8{Parity.ToString()[0]}{StopBits}";
}

/// <summary>What the command line changes of the map's line settings.</summary>
internal sealed record LineOverrides(int? Baud, Parity? Parity, int? StopBits)
{
    public static LineOverrides Parse(ParseResult result, Option<int?> baudOption, Option<string> parityOption, Option<int?> stopBitsOption, bool serial)
    {
        foreach (Option option in new Option[] { baudOption, parityOption, stopBitsOption })
        {
            if (!serial && result.IsGiven(option))
            {
                throw new UsageException($"{option.Name} applies to --port only");
            }
        }

        int? baud = result.GetValue(baudOption);
        if (baud is not null && Array.IndexOf(BusSettings.BaudRates, baud.Value) < 0)
        {
            throw new UsageException($"--baud must be one of {string.Join(", ", BusSettings.BaudRates)}, not {baud}");
        }

        Parity? parity = result.GetValue(parityOption) switch
        {
            null => null,
            "none" => Links.Parity.None,
            "even" => Links.Parity.Even,
            "odd" => Links.Parity.Odd,
            string other => throw new UsageException($"--parity must be none, even or odd, not '{other}'"),
        };
        return new LineOverrides(baud, parity, result.GetValue(stopBitsOption));
    }

    /// <summary>The map device's line settings with these overrides.</summary>
    public LineSettings Apply(DeviceDefinition device)
    {
        Parity mapParity = device.Parity switch
        {
            SerialParity.Even => Links.Parity.Even,
            SerialParity.Odd => Links.Parity.Odd,
            _ => Links.Parity.None,
        };
        return new LineSettings(Baud ?? device.BaudRate, Parity ?? mapParity, StopBits ?? device.StopBits);
    }
}

/// <summary>The options of <c>energylogger simulate</c>, checked before anything opens.</summary>
internal sealed record SimulateOptions(
    string MapPath,
    string? SerialPath,
    LineOverrides Line,
    int? TcpPort,
    int? RtuOverTcpPort,
    IPAddress Bind,
    FaultRule[] Faults,
    byte ExceptionCode,
    int Seed,
    double StartHour,
    int Speed,
    int TurnaroundMs,
    int Seconds,
    bool Verbose)
{
    /// <summary>The options as the command line declares them; <see cref="Parse"/> checks what they hold together.</summary>
    public sealed class Declared
    {
        private readonly Option<string> _port = CliOption.Text("--port", "PATH", "MEDIUM: RTU on a tty or pty (e.g. one end of a socat pty pair); line settings from the map");
        private readonly Option<int?> _baud = CliOption.OptionalInt("--baud", "N", "--port: override the map's baud rate", 1, int.MaxValue);
        private readonly Option<string> _parity = CliOption.Choice("--parity", "--port: override the map's parity", "none", "even", "odd");
        private readonly Option<int?> _stopBits = CliOption.OptionalInt("--stop-bits", "N", "--port: override the map's stop bits: 1 or 2", 1, 2);
        private readonly Option<int?> _tcp = CliOption.OptionalInt("--tcp", "PORT", "MEDIUM: MODBUS TCP server (MBAP) on PORT; 0 picks a free port and prints it", 0, 65535);
        private readonly Option<int?> _rtuOverTcp = CliOption.OptionalInt("--rtu-over-tcp", "PORT", "MEDIUM: RTU frames over TCP, as a serial-to-Ethernet converter carries them", 0, 65535);
        private readonly Option<string> _bind = CliOption.Text("--bind", "ADDRESS", "address the TCP ports listen on (0.0.0.0 for all) [default: 127.0.0.1]");
        private readonly Option<string> _map = CliOption.Text("--map", "FILE", $"register map of the simulated inverter [default: the bundled {MapFile.DefaultName}]");
        private readonly Option<string> _fault = CliOption.Text("--fault", "LIST", $"comma-separated MODE, MODE:P (probability) or MODE:every=N; modes: {FaultOption.ModeList}");
        private readonly Option<int> _exceptionCode = CliOption.Int("--exception-code", "N", "code of the exception fault's replies (4 slave device failure; 6 is busy)", Core.Modbus.ExceptionCode.SlaveDeviceFailure, 1, 255);
        private readonly Option<int> _seed = CliOption.Int("--seed", "N", "seeds the faults and the simulated day's clouds and load", 1, 0, int.MaxValue);
        private readonly Option<int?> _startHour = CliOption.OptionalInt("--start-hour", "H", "simulated time of day at start [default: the local time now]", 0, 23);
        private readonly Option<int> _speed = CliOption.Int("--speed", "N", "simulated seconds per real second (60 runs an hour per minute)", 1, 1, 86_400);
        private readonly Option<int> _turnaroundMs = CliOption.Int("--turnaround-ms", "MS", "the slave's think time before each reply", 5, 0, 10_000);
        private readonly Option<int> _seconds = CliOption.Int("--seconds", "N", "stop after N seconds (0: run until Ctrl+C)", 0, 0, int.MaxValue);
        private readonly Option<bool> _verbose = CliOption.Flag("--verbose", "one line per request served");

        public Option[] All => [_port, _baud, _parity, _stopBits, _tcp, _rtuOverTcp, _bind, _map, _fault, _exceptionCode, _seed, _startHour, _speed, _turnaroundMs, _seconds, _verbose];

        public SimulateOptions Parse(ParseResult result)
        {
            string? serial = result.GetValue(_port);
            int? tcp = result.GetValue(_tcp);
            int? rtuOverTcp = result.GetValue(_rtuOverTcp);
            if (serial is null && tcp is null && rtuOverTcp is null)
            {
                throw new UsageException("give at least one medium: --port PATH, --tcp PORT or --rtu-over-tcp PORT");
            }

            FaultRule[] faults = FaultOption.Parse(result.GetValue(_fault));
            if (tcp is not null && faults.Any(f => f.Kind == FaultKind.CrcError))
            {
                throw new UsageException("--fault crc needs RTU framing (--port or --rtu-over-tcp): MODBUS TCP carries no CRC");
            }

            return new SimulateOptions(
                result.GetValue(_map) ?? MapFile.DefaultPath,
                serial,
                LineOverrides.Parse(result, _baud, _parity, _stopBits, serial is not null),
                tcp,
                rtuOverTcp,
                ParseAddress(result.GetValue(_bind) ?? "127.0.0.1"),
                faults,
                (byte)result.GetValue(_exceptionCode),
                result.GetValue(_seed),
                result.GetValue(_startHour) ?? DateTime.Now.TimeOfDay.TotalHours,
                result.GetValue(_speed),
                result.GetValue(_turnaroundMs),
                result.GetValue(_seconds),
                result.GetValue(_verbose));
        }
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out IPAddress? address) ? address : throw new UsageException($"--bind must be an IP address, not '{text}'");
}
