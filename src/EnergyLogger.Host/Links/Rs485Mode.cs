using System.Buffers.Binary;
using System.Globalization;

namespace EnergyLogger.Host.Links;

/// <summary>
/// The Linux kernel's RS-485 mode for a serial port (TIOCSRS485): the UART driver itself drives RTS as the
/// transceiver's direction line, raised <see cref="BeforeMs"/> before a frame and dropped <see cref="AfterMs"/>
/// after it, for adapters and Raspberry Pi HATs whose transceiver does not switch direction on its own.
/// <see cref="RtsLowOnSend"/> is for transceivers wired the other way round (driver enabled by RTS low).
/// Given as <c>BEFORE_MS,AFTER_MS[,rts-low]</c> on the command line and in the host config's <c>bus.rs485</c>.
/// </summary>
internal sealed record Rs485Mode(int BeforeMs, int AfterMs, bool RtsLowOnSend)
{
    /// <summary>The delays the kernel clamps to (drivers cap them at 100 ms; more is never what a transceiver needs).</summary>
    public const int MaxDelayMs = 100;

    /// <summary>sizeof(struct serial_rs485): flags, two delays, then five 32-bit words of padding and addresses.</summary>
    public const int StructBytes = 32;

    // include/uapi/linux/serial.h
    public const uint Enabled = 1u << 0;      // SER_RS485_ENABLED
    public const uint RtsOnSend = 1u << 1;    // SER_RS485_RTS_ON_SEND: RTS high (logical 1) while sending
    public const uint RtsAfterSend = 1u << 2; // SER_RS485_RTS_AFTER_SEND: RTS high after sending

    public const string Syntax = "BEFORE_MS,AFTER_MS[,rts-low]";

    /// <summary>Parses <c>BEFORE_MS,AFTER_MS[,rts-low]</c>; the message says what is wrong.</summary>
    public static Rs485Mode? TryParse(string text, out string? error)
    {
        error = null;
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
        {
            error = $"'{text}' is not {Syntax}";
            return null;
        }

        int[] delays = new int[2];
        for (int i = 0; i < 2; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out delays[i]) || delays[i] > MaxDelayMs)
            {
                error = $"'{parts[i]}' is not a delay of 0 to {MaxDelayMs} ms ({Syntax})";
                return null;
            }
        }

        bool low = false;
        if (parts.Length == 3)
        {
            if (!parts[2].Equals("rts-low", StringComparison.OrdinalIgnoreCase))
            {
                error = $"'{parts[2]}' is not rts-low ({Syntax})";
                return null;
            }

            low = true;
        }

        return new Rs485Mode(delays[0], delays[1], low);
    }

    public uint Flags => Enabled | (RtsLowOnSend ? RtsAfterSend : RtsOnSend);

    /// <summary>struct serial_rs485 as the kernel reads it: native-endian 32-bit words, the rest zero.</summary>
    public byte[] ToStruct()
    {
        var bytes = new byte[StructBytes];
        Span<byte> s = bytes;
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s, Flags);
            BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)BeforeMs);
            BinaryPrimitives.WriteUInt32LittleEndian(s[8..], (uint)AfterMs);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, Flags);
            BinaryPrimitives.WriteUInt32BigEndian(s[4..], (uint)BeforeMs);
            BinaryPrimitives.WriteUInt32BigEndian(s[8..], (uint)AfterMs);
        }

        return bytes;
    }

    public override string ToString() => $"{BeforeMs},{AfterMs}" + (RtsLowOnSend ? ",rts-low" : "");
}
