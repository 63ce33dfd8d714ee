using System.Text;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Modbus;

public class Crc16Tests
{
    public static TheoryData<int> CrcCases => Indexes(CrcVectors.Data.Length);

    public static TheoryData<int> SeedCases => Indexes(SeedFrameVectors.Count);

    [Fact]
    public void Compute_CatalogueCheckString_Gives4B37()
    {
        byte[] input = Encoding.ASCII.GetBytes(CrcVectors.CheckInput);

        Assert.Equal(CrcVectors.CheckValue, Crc16.Compute(input, 0, input.Length));
    }

    [Theory]
    [MemberData(nameof(CrcCases))]
    public void Compute_GoldenData_MatchesIndependentValue(int i)
    {
        Assert.Equal(CrcVectors.Crc[i], Crc16.Compute(CrcVectors.Data[i], 0, CrcVectors.Data[i].Length));
    }

    [Fact]
    public void Compute_WithOffset_CoversOnlyTheGivenBytes()
    {
        byte[] padded = [0xAA, 0xBB, .. Encoding.ASCII.GetBytes(CrcVectors.CheckInput), 0xCC];

        Assert.Equal(CrcVectors.CheckValue, Crc16.Compute(padded, 2, 9));
    }

    [Fact]
    public void Append_WritesLowByteFirstAndReturnsNewLength()
    {
        var frame = new byte[10];
        Array.Copy(CrcVectors.Data[4], frame, 6);

        int length = Crc16.Append(frame, 0, 6);

        Assert.Equal(8, length);
        Assert.Equal(RtuVectors.Request[2], frame[..8]);
    }

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void IsValid_PrintedSeedFrames_TrueOnlyWhereTheCrcIsRight(int i)
    {
        byte[] printed = SeedFrameVectors.PrintedRequest[i];

        Assert.Equal(SeedFrameVectors.PrintedCrcIsRight[i], Crc16.IsValid(printed, 0, printed.Length));
        Assert.True(Crc16.IsValid(SeedFrameVectors.Request[i], 0, SeedFrameVectors.Request[i].Length));
        Assert.True(Crc16.IsValid(SeedFrameVectors.Response[i], 0, SeedFrameVectors.Response[i].Length));
        Assert.False(Crc16.IsValid(SeedFrameVectors.ResponseSwappedCrc[i], 0, SeedFrameVectors.ResponseSwappedCrc[i].Length));
    }

    [Fact]
    public void IsValid_EveryGoldenAdu_True()
    {
        foreach (byte[] adu in RtuVectors.Request.Concat(RtuVectors.Response).Concat(RtuVectors.Exception))
        {
            Assert.True(Crc16.IsValid(adu, 0, adu.Length), Convert.ToHexString(adu));
        }
    }

    [Fact]
    public void IsValid_AnySingleBitFlipped_False()
    {
        byte[] adu = RtuVectors.Response[2];
        for (int bit = 0; bit < adu.Length * 8; bit++)
        {
            byte[] flipped = (byte[])adu.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(Crc16.IsValid(flipped, 0, flipped.Length), $"bit {bit}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void IsValid_ShorterThanThreeBytes_False(int length)
    {
        Assert.False(Crc16.IsValid([0xFF, 0xFF], 0, length));
    }

    internal static TheoryData<int> Indexes(int count)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
