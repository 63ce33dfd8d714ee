namespace EnergyLogger.Host.Mqtt;

/// <summary>The variable-length "Remaining Length" of the fixed header. MQTT 3.1.1, 2.2.3.</summary>
public static class RemainingLength
{
    /// <summary>Four bytes of seven bits: 268,435,455 (2.2.3 table 2.4).</summary>
    public const int Max = 268_435_455;

    public const int MaxBytes = 4;

    /// <summary>Bytes the encoding of <paramref name="value"/> takes.</summary>
    public static int Size(int value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    /// <summary>Writes the encoding and returns its length; 0 when the value is out of range.</summary>
    public static int Encode(int value, byte[] buf, int offset)
    {
        if (value < 0 || value > Max)
        {
            return 0;
        }

        int n = 0;
        do
        {
            byte digit = (byte)(value % 128);
            value /= 128;
            if (value > 0)
            {
                digit |= 0x80;
            }

            buf[offset + n++] = digit;
        }
        while (value > 0);
        return n;
    }
}
