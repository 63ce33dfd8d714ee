using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// How the loader splits an application image into nanoFramework assemblies (AssemblyImage), and the release key the
/// device build compiles in: a key the verifier refused would stop every boot at start-up.
/// </summary>
public sealed class AssemblyImageTests
{
    /// <summary>A format-2 assembly header (nanoCLR_Types.h CLR_RECORD_ASSEMBLY) naming <paramref name="length"/>, padded with filler.</summary>
    private static byte[] Assembly(int length, string marker = "NFMRK2")
    {
        byte[] pe = new byte[length];
        RandomNumberGenerator.Fill(pe);
        Array.Clear(pe, 0, 8);
        System.Text.Encoding.ASCII.GetBytes(marker).CopyTo(pe, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(pe.AsSpan(36 + (17 * 4)), (uint)length);
        return pe;
    }

    [Theory]
    [InlineData(128, 128)]
    [InlineData(4096, 4096)]
    [InlineData(301_337, 301_337)]
    public void Length_Format2Header_GivesTheTotalSize(int length, int expected)
    {
        Assert.Equal(expected, AssemblyImage.Length(Assembly(length), 0, AssemblyImage.HeaderLength, UpdatePackage.MaxImageLength));
    }

    [Fact]
    public void Length_BadHeaders_Refused()
    {
        byte[] good = Assembly(1000);
        Assert.Equal(-1, AssemblyImage.Length(Assembly(1000, "NFMRK1"), 0, AssemblyImage.HeaderLength, 5000));
        Assert.Equal(-1, AssemblyImage.Length(good, 0, AssemblyImage.HeaderLength - 1, 5000));
        Assert.Equal(-1, AssemblyImage.Length(good, 0, AssemblyImage.HeaderLength, 999));
        Assert.Equal(-1, AssemblyImage.Length(Assembly(AssemblyImage.MinAssemblyLength - 1), 0, AssemblyImage.HeaderLength, 5000));
        byte[] huge = Assembly(1000);
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(104), 0xFFFF_FFF0);
        Assert.Equal(-1, AssemblyImage.Length(huge, 0, AssemblyImage.HeaderLength, int.MaxValue));
    }

    [Fact]
    public void Next_WalksAnImageOfAssembliesOnFourByteBoundaries()
    {
        byte[][] assemblies = [Assembly(301), Assembly(4096), Assembly(129)];
        byte[] image = [.. assemblies[0], 0, 0, 0, .. assemblies[1], .. assemblies[2], 0, 0, 0];

        var found = new List<(int Position, int Length)>();
        for (int at = 0; at < image.Length; )
        {
            int length = AssemblyImage.Length(image, at, Math.Min(AssemblyImage.HeaderLength, image.Length - at), image.Length - at);
            Assert.True(length > 0, "header at " + at);
            found.Add((at, length));
            at = AssemblyImage.Next(at, length);
        }

        Assert.Equal([(0, 301), (304, 4096), (4400, 129)], found);
        Assert.Equal(assemblies[1], image[304..4400]);
    }

    [Fact]
    public void DeviceReleaseKey_IsAPointTheVerifierAccepts_WithTheKeyIdItsCommentNames()
    {
        string source = File.ReadAllText(MapFiles.Repo("src/EnergyLogger.Device/ReleaseKey.cs"));
        byte[] point = [.. Regex.Matches(source, "0x([0-9A-F]{2})").Select(m => Convert.ToByte(m.Groups[1].Value, 16))];

        Assert.Equal(UpdatePackage.PublicKeyLength, point.Length);
        _ = new PackageVerifier(point);
        byte[] keyId = new byte[UpdatePackage.KeyIdLength];
        UpdatePackage.KeyId(point, 0, new Sha256(), keyId);
        Assert.Contains("key id " + Convert.ToHexStringLower(keyId), source);
    }
}
