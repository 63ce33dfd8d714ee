namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// CRC-16/MODBUS the slow way, bit by bit (MODBUS over serial line v1.02, 6.2.2), so the fakes seal
/// and check frames without borrowing the table-driven code under test.
/// </summary>
public static class ReferenceCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        int crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return (ushort)crc;
    }

    /// <summary>The frame followed by its CRC, low byte first.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> frame)
    {
        ushort crc = Compute(frame);
        var adu = new byte[frame.Length + 2];
        frame.CopyTo(adu);
        adu[^2] = (byte)crc;
        adu[^1] = (byte)(crc >> 8);
        return adu;
    }

    public static bool IsIntact(ReadOnlySpan<byte> adu)
    {
        return adu.Length >= 4 && Compute(adu[..^2]) == (adu[^2] | (adu[^1] << 8));
    }
}
