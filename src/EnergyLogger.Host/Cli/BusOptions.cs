using System.CommandLine;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// How read, write and the run config's <c>bus</c> reach the bus: <c>--port</c> with line settings, <c>--tcp</c> or
/// <c>--rtu-over-tcp</c>, plus the master's timeout and retries. Parsing only checks; <see cref="Bus.Open"/> connects.
/// </summary>
internal sealed class BusOptions
{
    public const string HelpText = "BUS: one of --port (MODBUS RTU on a tty or pty), --tcp or --rtu-over-tcp.";

    private readonly Option<string> _port = CliOption.Text("--port", "PATH", "serial port (tty or pty), MODBUS RTU");
    private readonly Option<int?> _baud = CliOption.OptionalInt("--baud", "N", "--port: 1200 to 921600 [default: 9600]", 1, int.MaxValue);
    private readonly Option<string> _parity = CliOption.Choice("--parity", "--port: parity [default: none]", "none", "even", "odd");
    private readonly Option<int?> _stopBits = CliOption.OptionalInt("--stop-bits", "N", "--port: 1 or 2 [default: 1]", 1, 2);
    private readonly Option<string> _rs485 = Rs485Option();
    private readonly Option<string> _tcp = CliOption.Text("--tcp", "HOST:PORT", "MODBUS TCP server");
    private readonly Option<string> _rtuOverTcp = CliOption.Text("--rtu-over-tcp", "HOST:PORT", "RTU frames through a serial-to-TCP converter");
    private readonly Option<int> _timeout = CliOption.Int("--timeout", "MS", "response timeout per attempt", 1000, 10, 60000);
    private readonly Option<int> _retries = CliOption.Int("--retries", "N", "extra attempts after a timeout or bad reply", 2, 0, 10);
    private readonly Option<int?> _connectDelay = CliOption.OptionalInt("--connect-delay", "MS", "--tcp, --rtu-over-tcp: wait after each connect before the first request (Huawei SDongle: 1000) [default: 0]", 0, 10000);

    public Option[] All => [_port, _baud, _parity, _stopBits, _rs485, _tcp, _rtuOverTcp, _timeout, _retries, _connectDelay];

    public BusSettings Parse(ParseResult result)
    {
        string? path = result.GetValue(_port);
        string? tcp = result.GetValue(_tcp);
        string? rtuOverTcp = result.GetValue(_rtuOverTcp);
        int given = (path is null ? 0 : 1) + (tcp is null ? 0 : 1) + (rtuOverTcp is null ? 0 : 1);
        if (given != 1)
        {
            throw new UsageException(given == 0 ? "give the bus: --port PATH, --tcp HOST:PORT or --rtu-over-tcp HOST:PORT" : "--port, --tcp and --rtu-over-tcp exclude each other");
        }

        int timeout = result.GetValue(_timeout);
        int retries = result.GetValue(_retries);
        if (path is not null)
        {
            if (result.IsGiven(_connectDelay))
            {
                throw new UsageException($"{_connectDelay.Name} applies to --tcp and --rtu-over-tcp only");
            }

            return new BusSettings(BusMedium.Serial, path, 0, Baud(result), ParseParity(result.GetValue(_parity)), result.GetValue(_stopBits) ?? 1, timeout, retries,
                Rs485: ParseRs485(result.GetValue(_rs485)));
        }

        foreach (Option serialOnly in new Option[] { _baud, _parity, _stopBits, _rs485 })
        {
            if (result.IsGiven(serialOnly))
            {
                throw new UsageException($"{serialOnly.Name} applies to --port only");
            }
        }

        int connectDelay = result.GetValue(_connectDelay) ?? 0;

        BusMedium medium = tcp is not null ? BusMedium.ModbusTcp : BusMedium.RtuOverTcp;
        string option = tcp is not null ? _tcp.Name : _rtuOverTcp.Name;
        (string host, int port) = ParseEndpoint(option, tcp ?? rtuOverTcp!);
        return new BusSettings(medium, host, port, 0, Links.Parity.None, 1, timeout, retries, connectDelay);
    }

    /// <summary>The one spelling of the RS-485 option, for read, write, scan and run.</summary>
    public static Option<string> Rs485Option() => CliOption.Text("--rs485", Rs485Mode.Syntax,
        "--port: the kernel's RS-485 mode (Linux), RTS driving the transceiver with these delays; rts-low for RTS low while sending");

    /// <summary>Null when not given; a usage error names the option.</summary>
    public static Rs485Mode? ParseRs485(string? text) => text is null
        ? null
        : Rs485Mode.TryParse(text, out string? error) ?? throw new UsageException("--rs485: " + error);

    private int Baud(ParseResult result)
    {
        int baud = result.GetValue(_baud) ?? 9600;
        return Array.IndexOf(BusSettings.BaudRates, baud) >= 0
            ? baud
            : throw new UsageException($"--baud must be one of {string.Join(", ", BusSettings.BaudRates)}, not {baud}");
    }

    private static Parity ParseParity(string? text) => text switch
    {
        null or "none" => Links.Parity.None,
        "even" => Links.Parity.Even,
        "odd" => Links.Parity.Odd,
        string other => throw new UsageException($"--parity must be none, even or odd, not '{other}'"),
    };

    internal static (string Host, int Port) ParseEndpoint(string option, string text)
    {
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0 || colon == text.Length - 1)
        {
            throw new UsageException($"{option} must be HOST:PORT, not '{text}'");
        }

        return (host, WholeNumber.Parse(option, text[(colon + 1)..], 1, 65535));
    }
}
