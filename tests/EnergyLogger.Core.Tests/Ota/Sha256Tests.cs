using System.Security.Cryptography;
using System.Text;
using EnergyLogger.Core.Ota;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>The portable SHA-256 against FIPS 180-4 vectors, against .NET's SHA256, and in every chunking.</summary>
public sealed class Sha256Tests
{
    public static TheoryData<int> Vectors()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < OtaVectors.Sha256Names.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static byte[] Message(int i)
    {
        byte[] unit = Encoding.ASCII.GetBytes(OtaVectors.Sha256Text[i]);
        byte[] message = new byte[unit.Length * OtaVectors.Sha256Repeat[i]];
        for (int at = 0; at < message.Length; at += unit.Length)
        {
            unit.CopyTo(message, at);
        }

        return message;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hash_PublishedVector_GivesPublishedDigest(int i)
    {
        byte[] message = Message(i);
        byte[] digest = new byte[Sha256.HashLength];

        new Sha256().Hash(message, 0, message.Length, digest, 0);

        Assert.Equal(OtaVectors.Sha256Digest[i], Convert.ToHexStringLower(digest));
        Assert.Equal(OtaVectors.Sha256Digest[i], Convert.ToHexStringLower(SHA256.HashData(message)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(4096)]
    public void Update_InChunksOfAnySize_MatchesOneShot(int chunk)
    {
        byte[] message = Message(4);
        var sha = new Sha256();
        for (int at = 0; at < message.Length; at += chunk)
        {
            sha.Update(message, at, Math.Min(chunk, message.Length - at));
        }

        byte[] digest = new byte[Sha256.HashLength];
        sha.Finish(digest, 0);

        Assert.Equal(OtaVectors.Sha256Digest[4], Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Update_SeededRandomLengthsAndSplits_MatchesDotNet()
    {
        var random = new Random(180_4);
        var sha = new Sha256();
        byte[] digest = new byte[Sha256.HashLength + 7];
        for (int round = 0; round < 300; round++)
        {
            byte[] message = new byte[random.Next(0, 700)];
            random.NextBytes(message);
            int at = 0;
            while (at < message.Length)
            {
                int take = random.Next(0, message.Length - at + 1);
                sha.Update(message, at, take);
                at += take;
            }

            sha.Finish(digest, 7);

            Assert.Equal(SHA256.HashData(message), digest[7..]);
            Assert.Equal(0, sha.Length);
        }
    }

    [Fact]
    public void Finish_ResetsForTheNextMessage()
    {
        var sha = new Sha256();
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        byte[] abc = "abc"u8.ToArray();
        sha.Update(abc, 0, 3);
        sha.Finish(first, 0);
        sha.Update(abc, 0, 3);
        sha.Finish(second, 0);

        Assert.Equal(first, second);
        Assert.Equal(OtaVectors.Sha256Digest[1], Convert.ToHexStringLower(second));
    }

    [Fact]
    public void Update_RangeOutsideTheBuffer_Throws()
    {
        var sha = new Sha256();

        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Update(new byte[4], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => sha.Finish(new byte[31], 0));
    }
}
