using System.IO.Ports;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

/// <summary>
/// A serial port through System.IO.Ports, for Windows and macOS (COM3, /dev/cu.usbserial-*), where there is no
/// termios link. 8 data bits, no handshake. A read waits at most its timeout and returns what has arrived, as
/// <see cref="SerialLink"/> does; the timing is the driver's, coarser than poll() on Linux. The kernel's RS-485 mode
/// is Linux's alone: there the adapter must switch direction itself.
/// </summary>
internal sealed class PortsLink : IByteLink, IDisposable
{
    private readonly SerialPort _port;

    private PortsLink(SerialPort port)
    {
        _port = port;
    }

    /// <summary>The line settings in System.IO.Ports' terms.</summary>
    public static SerialPort Describe(string path, int baud, Parity parity, int stopBits) => new(path, baud, parity switch
    {
        Parity.Even => System.IO.Ports.Parity.Even,
        Parity.Odd => System.IO.Ports.Parity.Odd,
        _ => System.IO.Ports.Parity.None,
    }, 8, stopBits == 2 ? StopBits.Two : StopBits.One)
    {
        Handshake = Handshake.None,
        // A whole 256-byte ADU at 11 bits per character, plus a second of slack for the driver.
        WriteTimeout = 1000 + (256 * 11 * 1000 / baud),
        ReadBufferSize = 4096,
    };

    /// <summary>Opens the port; throws <see cref="LinkOpenException"/> with the reason when it cannot.</summary>
    public static PortsLink Open(string path, int baud, Parity parity, int stopBits, Rs485Mode? rs485)
    {
        if (rs485 is not null)
        {
            throw new LinkOpenException($"{path}: RS-485 mode (--rs485) is a Linux kernel setting; on {Environment.OSVersion.Platform} use an adapter that switches direction itself");
        }

        SerialPort port = Describe(path, baud, parity, stopBits);
        try
        {
            port.Open();
            // Whatever the line carried before we owned it is not an answer to us.
            port.DiscardInBuffer();
            return new PortsLink(port);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new LinkOpenException($"cannot open {path}: {e.Message}");
        }
    }

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        try
        {
            _port.Write(buffer, offset, count);
            return LinkStatus.Ok;
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            return LinkStatus.Error;
        }
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        received = 0;
        try
        {
            if (timeoutMs <= 0 && _port.BytesToRead == 0)
            {
                return LinkStatus.Timeout;
            }

            _port.ReadTimeout = Math.Max(1, timeoutMs);
            received = _port.Read(buffer, offset, count);
            return received > 0 ? LinkStatus.Ok : LinkStatus.Error;
        }
        catch (TimeoutException)
        {
            return LinkStatus.Timeout;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return LinkStatus.Error;
        }
    }

    public void DiscardInput()
    {
        try
        {
            _port.DiscardInBuffer();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // A port that is gone shows on the next read.
        }
    }

    public void Dispose() => _port.Dispose();
}
