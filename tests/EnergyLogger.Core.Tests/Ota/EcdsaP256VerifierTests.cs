using System.Security.Cryptography;
using EnergyLogger.Core.Ota;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// The portable ECDSA P-256 verifier against RFC 6979, NIST CAVP and Wycheproof vectors (each also checked
/// with .NET's ECDsa, so the table itself is proven), against public keys it must refuse, and in a round
/// trip against signatures made by .NET.
/// </summary>
public sealed class EcdsaP256VerifierTests
{
    private static readonly byte[] N = Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    public static TheoryData<int> Vectors() => Indexes(OtaVectors.EcdsaNames.Length);

    public static TheoryData<int> BadKeys() => Indexes(OtaVectors.BadKeyNames.Length);

    private static TheoryData<int> Indexes(int count)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static SignatureCheck Check(byte[] key, byte[] message, byte[] signature)
    {
        var verifier = new EcdsaP256Verifier();
        Assert.Equal(SignatureCheck.Valid, verifier.SetPublicKey(key, 0, key.Length));
        byte[] digest = SHA256.HashData(message);
        return verifier.Verify(digest, 0, signature, 0, signature.Length);
    }

    private static ECDsa DotNetKey(byte[] key)
    {
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key[1..33], Y = key[33..65] },
        });
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_PublishedVector_AcceptsExactlyTheValidOnes(int i)
    {
        byte[] key = OtaVectors.Bytes(OtaVectors.EcdsaKey[i]);
        byte[] message = OtaVectors.Bytes(OtaVectors.EcdsaMessage[i]);
        byte[] signature = OtaVectors.Bytes(OtaVectors.EcdsaSignature[i]);

        SignatureCheck check = Check(key, message, signature);

        Assert.True((check == SignatureCheck.Valid) == OtaVectors.EcdsaValid[i], OtaVectors.EcdsaNames[i] + ": " + check);
        using ECDsa dotnet = DotNetKey(key);
        Assert.Equal(OtaVectors.EcdsaValid[i], dotnet.VerifyData(message, signature, HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData("r = 0, s = 0")]
    [InlineData("r = 1, s = n")]
    [InlineData("r = n, s = 1")]
    [InlineData("r is larger than n")]
    [InlineData("s is larger than n")]
    public void Verify_ScalarOutsideOneToNMinusOne_IsOutOfRange(string name)
    {
        int i = Array.FindIndex(OtaVectors.EcdsaNames, n => n.EndsWith(name, StringComparison.Ordinal));

        SignatureCheck check = Check(OtaVectors.Bytes(OtaVectors.EcdsaKey[i]), OtaVectors.Bytes(OtaVectors.EcdsaMessage[i]), OtaVectors.Bytes(OtaVectors.EcdsaSignature[i]));

        Assert.Equal(SignatureCheck.ScalarOutOfRange, check);
    }

    [Theory]
    [InlineData("point at infinity")]
    [InlineData("signature over the message \"test\"")]
    [InlineData("point duplication (Q = G)")]
    [InlineData("point duplication (Q = -G)")]
    public void Verify_WellFormedButWrong_IsMismatch(string part)
    {
        int i = Array.FindIndex(OtaVectors.EcdsaNames, n => n.Contains(part, StringComparison.Ordinal));

        SignatureCheck check = Check(OtaVectors.Bytes(OtaVectors.EcdsaKey[i]), OtaVectors.Bytes(OtaVectors.EcdsaMessage[i]), OtaVectors.Bytes(OtaVectors.EcdsaSignature[i]));

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void SetPublicKey_InvalidKey_RefusedAndVerifierHoldsNoKey(int i)
    {
        var verifier = new EcdsaP256Verifier();
        byte[] good = OtaVectors.Bytes(OtaVectors.EcdsaKey[0]);
        Assert.Equal(SignatureCheck.Valid, verifier.SetPublicKey(good, 0, good.Length));
        byte[] bad = OtaVectors.Bytes(OtaVectors.BadKey[i]);

        SignatureCheck check = verifier.SetPublicKey(bad, 0, bad.Length);

        Assert.Equal(OtaVectors.BadKeyOffCurve[i] ? SignatureCheck.KeyNotOnCurve : SignatureCheck.MalformedKey, check);
        Assert.False(verifier.HasKey);
        byte[] signature = OtaVectors.Bytes(OtaVectors.EcdsaSignature[0]);
        Assert.Equal(SignatureCheck.NoKey, verifier.Verify(new byte[32], 0, signature, 0, signature.Length));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(72)]
    public void Verify_SignatureNot64Bytes_IsMalformed(int length)
    {
        var verifier = new EcdsaP256Verifier();
        byte[] key = OtaVectors.Bytes(OtaVectors.EcdsaKey[0]);
        verifier.SetPublicKey(key, 0, key.Length);

        Assert.Equal(SignatureCheck.MalformedSignature, verifier.Verify(new byte[32], 0, new byte[length], 0, length));
    }

    [Fact]
    public void Verify_NoKeySet_IsNoKey()
    {
        Assert.Equal(SignatureCheck.NoKey, new EcdsaP256Verifier().Verify(new byte[32], 0, new byte[64], 0, 64));
    }

    [Fact]
    public void Verify_SignaturesMadeByDotNet_AllAcceptedAndEveryTamperingRefused()
    {
        var random = new Random(6979);
        var verifier = new EcdsaP256Verifier();
        byte[] digest = new byte[32];
        for (int round = 0; round < 48; round++)
        {
            using ECDsa signer = SeededKey(random);
            ECParameters publicPart = signer.ExportParameters(false);
            byte[] key = [0x04, .. publicPart.Q.X!, .. publicPart.Q.Y!];
            Assert.Equal(SignatureCheck.Valid, verifier.SetPublicKey(key, 0, key.Length));
            byte[] message = new byte[random.Next(0, 300)];
            random.NextBytes(message);
            byte[] signature = signer.SignData(message, HashAlgorithmName.SHA256);
            SHA256.HashData(message, digest);

            Assert.Equal(SignatureCheck.Valid, verifier.Verify(digest, 0, signature, 0, signature.Length));
            Assert.Equal(SignatureCheck.Valid, verifier.Verify(digest, 0, Malleate(signature), 0, 64));

            int bit = random.Next(0, 256);
            digest[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(SignatureCheck.Mismatch, verifier.Verify(digest, 0, signature, 0, signature.Length));
            digest[bit / 8] ^= (byte)(1 << (bit % 8));

            byte[] flipped = (byte[])signature.Clone();
            bit = random.Next(0, 512);
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(SignatureCheck.Valid, verifier.Verify(digest, 0, flipped, 0, 64));
        }
    }

    [Fact]
    public void Verify_KeyOfAnotherSigner_IsMismatch()
    {
        var random = new Random(186);
        using ECDsa signer = SeededKey(random);
        using ECDsa other = SeededKey(random);
        ECParameters otherPublic = other.ExportParameters(false);
        byte[] otherKey = [0x04, .. otherPublic.Q.X!, .. otherPublic.Q.Y!];
        byte[] message = "manifest"u8.ToArray();

        SignatureCheck check = Check(otherKey, message, signer.SignData(message, HashAlgorithmName.SHA256));

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    /// <summary>A key whose private scalar comes from the seeded generator, so every run signs with the same keys.</summary>
    private static ECDsa SeededKey(Random random)
    {
        byte[] d = new byte[32];
        do
        {
            random.NextBytes(d);
        }
        while (d.AsSpan().SequenceCompareTo(N) >= 0 || d.All(b => b == 0));

        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
    }

    /// <summary>r || (n - s): the other valid signature of the same digest.</summary>
    private static byte[] Malleate(byte[] signature)
    {
        var n = new System.Numerics.BigInteger(N, isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        byte[] twin = (byte[])signature.Clone();
        byte[] low = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        Array.Clear(twin, 32, 32);
        low.CopyTo(twin, 64 - low.Length);
        return twin;
    }
}
