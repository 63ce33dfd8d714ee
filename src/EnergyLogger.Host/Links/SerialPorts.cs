using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>Opens a serial port with the link the operating system has: termios on Linux, System.IO.Ports elsewhere.</summary>
internal static class SerialPorts
{
    /// <summary>Throws <see cref="LinkOpenException"/> with the reason when the port cannot be opened as asked.</summary>
    public static IByteLink Open(string path, int baud, Parity parity, int stopBits, Rs485Mode? rs485 = null) => OperatingSystem.IsLinux()
        ? SerialLink.Open(path, baud, parity, stopBits, rs485)
        : PortsLink.Open(path, baud, parity, stopBits, rs485);
}
