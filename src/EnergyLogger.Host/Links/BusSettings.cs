using EnergyLogger.Core.Modbus;

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
/// <c>--rtu-over-tcp</c>, the kernel's RS-485 mode for a port that needs it, plus the master's timeout and retries (Cli/BusOptions.cs checks them);
/// <see cref="Bus.Open"/> connects. <see cref="ConnectDelayMs"/> holds the first request of each TCP connection back (0: none).
/// </summary>
internal sealed record BusSettings(BusMedium Medium, string Target, int Port, int Baud, Parity Parity, int StopBits, int TimeoutMs, int Retries, int ConnectDelayMs = 0, Rs485Mode? Rs485 = null)
{
    public static readonly int[] BaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

    public string Describe() => Medium == BusMedium.Serial ? Target : $"{Target}:{Port}";

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
}
