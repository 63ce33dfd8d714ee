using System.Runtime.InteropServices;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Links;

internal enum Parity
{
    None,
    Even,
    Odd,
}

/// <summary>
/// A Linux tty or pty in raw mode, 8 data bits, driven through termios directly so the host needs no
/// System.IO.Ports package. Reads wait in poll() (VMIN = VTIME = 0), so a timeout is exact and read()
/// never blocks.
/// </summary>
internal sealed class SerialLink : IByteLink, IDisposable
{
    private int _fd;
    private readonly int _writeTimeoutMs;

    private SerialLink(int fd, int baud)
    {
        _fd = fd;

        // A whole 256-byte ADU at 11 bits per character, plus a second of slack for the driver.
        _writeTimeoutMs = 1000 + (256 * 11 * 1000 / baud);
    }

    /// <summary>Opens and configures the port; throws <see cref="LinkOpenException"/> with the reason when it cannot.</summary>
    public static SerialLink Open(string path, int baud, Parity parity, int stopBits, Rs485Mode? rs485 = null)
    {
        uint speed = Termios.SpeedCode(baud);
        if (speed == 0 || stopBits is not (1 or 2))
        {
            throw new ArgumentException($"unsupported line settings {baud} baud, {stopBits} stop bits");
        }

        int fd = Termios.Open(path, Termios.ReadWrite | Termios.NoControllingTty | Termios.NonBlocking | Termios.CloseOnExec);
        if (fd < 0)
        {
            throw new LinkOpenException($"cannot open {path}: {Termios.ErrorText(Marshal.GetLastPInvokeError())}");
        }

        string? error = Configure(fd, speed, parity, stopBits);
        if (error is not null)
        {
            Termios.Close(fd);
            throw new LinkOpenException($"cannot set up {path}: {error}");
        }

        if (rs485 is not null && Termios.Control(fd, Termios.SetRs485, rs485.ToStruct()) != 0)
        {
            // A pty, a USB adapter that switches direction itself, or a UART driver without RS-485 support answers ENOTTY or EINVAL.
            int errno = Marshal.GetLastPInvokeError();
            Termios.Close(fd);
            throw new LinkOpenException($"{path}: the driver refuses RS-485 mode (TIOCSRS485 {rs485}): {Termios.ErrorText(errno)}; "
                + "adapters that switch direction on their own need no --rs485");
        }

        return new SerialLink(fd, baud);
    }

    public LinkStatus Write(byte[] buffer, int offset, int count)
    {
        CheckRange(buffer, offset, count);
        if (_fd < 0)
        {
            return LinkStatus.Error;
        }

        int sent = 0;
        while (sent < count)
        {
            nint written = Termios.Write(_fd, ref buffer[offset + sent], (nuint)(count - sent));
            if (written > 0)
            {
                sent += (int)written;
                continue;
            }

            int errno = Marshal.GetLastPInvokeError();
            bool retry = written < 0 && (errno == Termios.Interrupted || (errno == Termios.TryAgain && WaitUntil(Termios.PollOut, _writeTimeoutMs) == LinkStatus.Ok));
            if (!retry)
            {
                return LinkStatus.Error;
            }
        }

        return LinkStatus.Ok;
    }

    public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
    {
        CheckRange(buffer, offset, count);
        received = 0;
        long deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            LinkStatus ready = WaitUntil(Termios.PollIn, (int)Math.Max(0, deadline - Environment.TickCount64));
            if (ready != LinkStatus.Ok)
            {
                return ready;
            }

            nint got = Termios.Read(_fd, ref buffer[offset], (nuint)count);
            if (got > 0)
            {
                received = (int)got;
                return LinkStatus.Ok;
            }

            // 0 is end of file and EIO a pty whose other end closed: the medium is gone.
            int errno = Marshal.GetLastPInvokeError();
            if (got == 0 || (errno != Termios.TryAgain && errno != Termios.Interrupted))
            {
                return LinkStatus.Error;
            }
        }
    }

    public void DiscardInput()
    {
        if (_fd >= 0)
        {
            Termios.Flush(_fd, Termios.FlushInput);
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Termios.Close(_fd);
            _fd = -1;
        }
    }

    /// <summary>Returns null on success, else why the port refused the settings.</summary>
    private static string? Configure(int fd, uint speed, Parity parity, int stopBits)
    {
        if (Termios.GetAttributes(fd, out Termios.Settings settings) != 0)
        {
            return "not a serial port: " + Termios.ErrorText(Marshal.GetLastPInvokeError());
        }

        Termios.MakeRaw(ref settings);
        settings.ControlFlags &= ~(Termios.CharSize | Termios.TwoStopBits | Termios.ParityEnable | Termios.ParityOdd | Termios.HardwareFlow);
        settings.ControlFlags |= Termios.Char8 | Termios.EnableReceiver | Termios.IgnoreModemLines;
        settings.ControlFlags |= stopBits == 2 ? Termios.TwoStopBits : 0;
        settings.ControlFlags |= parity switch
        {
            Parity.Even => Termios.ParityEnable,
            Parity.Odd => Termios.ParityEnable | Termios.ParityOdd,
            _ => 0u,
        };
        settings.ControlChars[Termios.VMin] = 0;
        settings.ControlChars[Termios.VTime] = 0;
        if (Termios.SetInputSpeed(ref settings, speed) != 0 || Termios.SetOutputSpeed(ref settings, speed) != 0
            || Termios.SetAttributes(fd, Termios.SetNow, ref settings) != 0)
        {
            return Termios.ErrorText(Marshal.GetLastPInvokeError());
        }

        // Whatever the line carried before we owned it is not an answer to us.
        Termios.Flush(fd, Termios.FlushInput);
        return null;
    }

    /// <summary>Ok when the port is ready for <paramref name="events"/>, Timeout, or Error on hang-up and closed ports.</summary>
    private LinkStatus WaitUntil(short events, int timeoutMs)
    {
        while (_fd >= 0)
        {
            var poll = new Termios.PollFd { Fd = _fd, Events = events };
            int ready = Termios.Poll(ref poll, 1, timeoutMs);
            if (ready == 0)
            {
                return LinkStatus.Timeout;
            }

            if (ready > 0)
            {
                return (poll.Returned & events) != 0 ? LinkStatus.Ok : LinkStatus.Error;
            }

            if (Marshal.GetLastPInvokeError() != Termios.Interrupted)
            {
                break;
            }
        }

        return LinkStatus.Error;
    }

    /// <summary>The native calls write through raw pointers, so a bad range must never reach them.</summary>
    private static void CheckRange(byte[] buffer, int offset, int count)
    {
        if (offset < 0 || count <= 0 || offset > buffer.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"bytes {offset}..{offset + count} outside a {buffer.Length}-byte buffer");
        }
    }
}
