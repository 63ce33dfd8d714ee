using System.Text;
using EnergyLogger.Core.Cloud;
using Xunit;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Cloud;

public class OutboxRecordTests
{
    [Theory]
    // The check values of CRC-32/ISO-HDLC (the IEEE 802.3 CRC of zlib and PNG).
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    public void Crc32_CheckValues(string text, uint expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Crc32.Compute(bytes, 0, bytes.Length));
    }

    [Fact]
    public void Encode_Sample_GoldenHeaderAndCheckAccepts()
    {
        byte[] payload = Encoding.ASCII.GetBytes("{\"n\":1}");
        var buf = new byte[32];
        int n = OutboxRecord.Encode(buf, 0, payload, 0, payload.Length);
        Assert.Equal(OutboxRecord.HeaderBytes + 7, n);
        uint crc = Crc32.Compute([7, 0, .. payload], 0, 9);
        Assert.Equal(new byte[] { 0xEB, 0x01, 7, 0, (byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24) }, buf[..8]);
        Assert.Equal(7, OutboxRecord.Check(buf, 0, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    public void Check_AnyByteFlipped_Refused(int at)
    {
        byte[] payload = Encoding.ASCII.GetBytes("{\"n\":1}");
        var buf = new byte[32];
        int n = OutboxRecord.Encode(buf, 0, payload, 0, payload.Length);
        buf[at] ^= 0x01;
        Assert.Equal(0, OutboxRecord.Check(buf, 0, n));
    }

    [Fact]
    public void Check_Truncated_Refused()
    {
        var buf = new byte[32];
        int n = OutboxRecord.Encode(buf, 0, [1, 2, 3], 0, 3);
        Assert.Equal(0, OutboxRecord.Check(buf, 0, n - 1));
    }

    [Fact]
    public void Encode_EmptyOrTooBig_Zero()
    {
        Assert.Equal(0, OutboxRecord.Encode(new byte[32], 0, [], 0, 0));
        Assert.Equal(0, OutboxRecord.Encode(new byte[10], 0, new byte[5], 0, 5));
    }
}
