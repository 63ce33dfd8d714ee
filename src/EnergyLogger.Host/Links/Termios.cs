using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EnergyLogger.Host.Links;

/// <summary>
/// The slice of the Linux C library a raw serial port needs. Layouts and constants are those of the
/// generic Linux ABI (asm-generic/termbits.h, fcntl.h, poll.h) used by x86-64, ARM and ARM64.
/// </summary>
internal static class Termios
{
    public const int ReadWrite = 0x2;          // O_RDWR
    public const int NoControllingTty = 0x100; // O_NOCTTY: opening the port must not make it our terminal
    public const int NonBlocking = 0x800;      // O_NONBLOCK: do not wait for carrier on open; reads wait in poll()
    public const int CloseOnExec = 0x80000;    // O_CLOEXEC

    public const uint CharSize = 0x30;         // CSIZE
    public const uint Char8 = 0x30;            // CS8
    public const uint TwoStopBits = 0x40;      // CSTOPB
    public const uint EnableReceiver = 0x80;   // CREAD
    public const uint ParityEnable = 0x100;    // PARENB
    public const uint ParityOdd = 0x200;       // PARODD
    public const uint IgnoreModemLines = 0x800; // CLOCAL
    public const uint HardwareFlow = 0x80000000; // CRTSCTS

    public const int VTime = 5;
    public const int VMin = 6;
    public const int SetNow = 0;               // TCSANOW
    public const int FlushInput = 0;           // TCIFLUSH

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;

    public const nuint SetRs485 = 0x542F;      // TIOCSRS485 (asm-generic/ioctls.h)

    public const int Interrupted = 4;          // EINTR
    public const int TryAgain = 11;            // EAGAIN

    [InlineArray(32)]
    public struct ControlChars
    {
        private byte _first;
    }

    /// <summary>struct termios of glibc and musl: four flag words, the line discipline, NCCS = 32, two speeds.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Settings
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte LineDiscipline;
        public ControlChars ControlChars;
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    /// <summary>The Bxxxx speed code of a baud rate, or 0 when Linux has none for it.</summary>
    public static uint SpeedCode(int baud) => baud switch
    {
        1200 => 0x9,
        2400 => 0xB,
        4800 => 0xC,
        9600 => 0xD,
        19200 => 0xE,
        38400 => 0xF,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        460800 => 0x1004,
        921600 => 0x1007,
        _ => 0,
    };

    public static string ErrorText(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int GetAttributes(int fd, out Settings settings);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int SetAttributes(int fd, int when, ref Settings settings);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    public static extern void MakeRaw(ref Settings settings);

    [DllImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    public static extern int SetInputSpeed(ref Settings settings, uint speed);

    [DllImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    public static extern int SetOutputSpeed(ref Settings settings, uint speed);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static extern int Control(int fd, nuint request, byte[] argument);

    [DllImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static extern int Flush(int fd, int queue);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static extern int Poll(ref PollFd fd, nuint count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    public static extern nint Read(int fd, ref byte buffer, nuint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, ref byte buffer, nuint count);
}
