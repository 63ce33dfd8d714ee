using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Links;

internal enum BusMedium
{
    /// <summary>RTU on a tty or pty.</summary>
    Serial,
    /// <summary>MODBUS TCP: MBAP header, no CRC.</summary>
    ModbusTcp,
    /// <summary>RTU frames, CRC included, carried over TCP by a serial-to-Ethernet converter.</summary>
    RtuOverTcp,
}

/// <summary>
/// How to reach the bus, as every command gives it: <c>--port</c> with line settings, <c>--tcp</c> or
/// <c>--rtu-over-tcp</c>, plus the master's timeout and retries. Parsing only checks; <see cref="Bus.Open"/> connects.
/// </summary>
internal sealed record BusSettings(BusMedium Medium, string Target, int Port, int Baud, Parity Parity, int StopBits, int TimeoutMs, int Retries)
{
    public static readonly int[] BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

    public static readonly string[] HelpLines =
    [
        "  --port PATH               serial port (tty or pty), MODBUS RTU",
        "    --baud N                1200 to 921600 (default 9600)",
        "    --parity P              none, even or odd (default none)",
        "    --stop-bits N           1 or 2 (default 1)",
        "  --tcp HOST:PORT           MODBUS TCP server",
        "  --rtu-over-tcp HOST:PORT  RTU frames through a serial-to-TCP converter",
        "  --timeout MS              response timeout per attempt (default 1000)",
        "  --retries N               extra attempts after a timeout or bad reply (default 2)",
    ];

    public string Describe() => Medium == BusMedium.Serial ? Target : $"{Target}:{Port}";

    public static BusSettings Parse(CommandLine cli)
    {
        string? path = cli.Text("port");
        string? tcp = cli.Text("tcp");
        string? rtuOverTcp = cli.Text("rtu-over-tcp");
        int given = (path is null ? 0 : 1) + (tcp is null ? 0 : 1) + (rtuOverTcp is null ? 0 : 1);
        if (given != 1)
        {
            throw new UsageException(given == 0 ? "give the bus: --port PATH, --tcp HOST:PORT or --rtu-over-tcp HOST:PORT" : "--port, --tcp and --rtu-over-tcp exclude each other");
        }

        int timeout = cli.Int("timeout", 1000, 10, 60000);
        int retries = cli.Int("retries", 2, 0, 10);
        if (path is not null)
        {
            return new BusSettings(BusMedium.Serial, path, 0, ParseBaud(cli), ParseParity(cli), cli.Int("stop-bits", 1, 1, 2), timeout, retries);
        }

        foreach (string serialOnly in new[] { "baud", "parity", "stop-bits" })
        {
            if (cli.Has(serialOnly))
            {
                throw new UsageException($"--{serialOnly} applies to --port only");
            }
        }

        BusMedium medium = tcp is not null ? BusMedium.ModbusTcp : BusMedium.RtuOverTcp;
        string option = tcp is not null ? "tcp" : "rtu-over-tcp";
        (string host, int port) = ParseEndpoint(option, tcp ?? rtuOverTcp!);
        return new BusSettings(medium, host, port, 0, Parity.None, 1, timeout, retries);
    }

    /// <summary>The master's timing for this medium.</summary>
    public MasterOptions MasterOptions()
    {
        var options = new MasterOptions { ResponseTimeoutMs = TimeoutMs, Retries = Retries };
        switch (Medium)
        {
            case BusMedium.Serial:
                options.BaudRate = Baud;
                options.BitsPerChar = RtuTiming.BitsPerChar(Parity != Parity.None, StopBits);
                break;
            case BusMedium.ModbusTcp:
                options.BaudRate = 0;
                break;
            case BusMedium.RtuOverTcp:
                // The converter keeps the serial timing; a routed network may deliver one frame in
                // segments tens of milliseconds apart, so only a longer gap ends a frame.
                options.BaudRate = 0;
                options.InterByteTimeoutMs = 100;
                break;
        }

        return options;
    }

    private static int ParseBaud(CommandLine cli)
    {
        int baud = cli.Int("baud", 9600, 1, int.MaxValue);
        return Array.IndexOf(BaudRates, baud) >= 0
            ? baud
            : throw new UsageException($"--baud must be one of {string.Join(", ", BaudRates)}, not {baud}");
    }

    private static Parity ParseParity(CommandLine cli) => cli.Text("parity") switch
    {
        null or "none" => Parity.None,
        "even" => Parity.Even,
        "odd" => Parity.Odd,
        string other => throw new UsageException($"--parity must be none, even or odd, not '{other}'"),
    };

    private static (string Host, int Port) ParseEndpoint(string option, string text)
    {
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon].Trim('[', ']') : "";
        if (host.Length == 0 || colon == text.Length - 1)
        {
            throw new UsageException($"--{option} must be HOST:PORT, not '{text}'");
        }

        return (host, CommandLine.ParseInt(option, text[(colon + 1)..], 1, 65535));
    }
}
