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
    public static LineOverrides Parse(CommandLine cli, bool serial)
    {
        foreach (string option in new[] { "baud", "parity", "stop-bits" })
        {
            if (!serial && cli.Has(option))
            {
                throw new UsageException($"--{option} applies to --port only");
            }
        }

        int? baud = cli.Has("baud") ? cli.Int("baud", 9600, 1, int.MaxValue) : null;
        if (baud is not null && Array.IndexOf(BusSettings.BaudRates, baud.Value) < 0)
        {
            throw new UsageException($"--baud must be one of {string.Join(", ", BusSettings.BaudRates)}, not {baud}");
        }

        Parity? parity = cli.Text("parity") switch
        {
            null => null,
            "none" => Links.Parity.None,
            "even" => Links.Parity.Even,
            "odd" => Links.Parity.Odd,
            string other => throw new UsageException($"--parity must be none, even or odd, not '{other}'"),
        };
        return new LineOverrides(baud, parity, cli.Has("stop-bits") ? cli.Int("stop-bits", 1, 1, 2) : null);
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
    public static SimulateOptions Parse(CommandLine cli)
    {
        string? serial = cli.Text("port");
        int? tcp = cli.Has("tcp") ? cli.Int("tcp", 0, 0, 65535) : null;
        int? rtuOverTcp = cli.Has("rtu-over-tcp") ? cli.Int("rtu-over-tcp", 0, 0, 65535) : null;
        if (serial is null && tcp is null && rtuOverTcp is null)
        {
            throw new UsageException("give at least one medium: --port PATH, --tcp PORT or --rtu-over-tcp PORT");
        }

        FaultRule[] faults = FaultOption.Parse(cli.Text("fault"));
        if (tcp is not null && faults.Any(f => f.Kind == FaultKind.CrcError))
        {
            throw new UsageException("--fault crc needs RTU framing (--port or --rtu-over-tcp): MODBUS TCP carries no CRC");
        }

        DateTime now = DateTime.Now;
        var options = new SimulateOptions(
            cli.Text("map") ?? MapFile.DefaultPath,
            serial,
            LineOverrides.Parse(cli, serial is not null),
            tcp,
            rtuOverTcp,
            ParseAddress(cli.Text("bind") ?? "127.0.0.1"),
            faults,
            (byte)cli.Int("exception-code", Core.Modbus.ExceptionCode.SlaveDeviceFailure, 1, 255),
            cli.Int("seed", 1, 0, int.MaxValue),
            cli.Has("start-hour") ? cli.Int("start-hour", 0, 0, 23) : now.TimeOfDay.TotalHours,
            cli.Int("speed", 1, 1, 86_400),
            cli.Int("turnaround-ms", 5, 0, 10_000),
            cli.Int("seconds", 0, 0, int.MaxValue),
            cli.Flag("verbose"));
        cli.RejectUnknown();
        return options;
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out IPAddress? address) ? address : throw new UsageException($"--bind must be an IP address, not '{text}'");
}
