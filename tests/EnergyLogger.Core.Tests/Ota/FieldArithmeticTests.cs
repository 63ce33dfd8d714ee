using System.Numerics;
using System.Reflection;
using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// The internal prime-field arithmetic under the verifier, against BigInteger: the P-256 field with its
/// fast reduction (every carry and fold case is reached by values next to 0, p and 2^256), and the
/// Montgomery arithmetic of the group order n.
/// </summary>
public sealed class FieldArithmeticTests
{
    private static readonly BigInteger P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
    private static readonly BigInteger N = BigInteger.Parse("0ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", System.Globalization.NumberStyles.HexNumber);
    private static readonly Assembly Core = typeof(Sha256).Assembly;

    private static object Create(string type, params object[] args) =>
        Activator.CreateInstance(Core.GetType("EnergyLogger.Core.Ota." + type)!, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null, args, null)!;

    private static uint[] Call(object field, string method, params uint[][] args)
    {
        uint[] result = new uint[8];
        field.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.Public)!.Invoke(field, [.. args, result]);
        return result;
    }

    private static uint[] Limbs(BigInteger value)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        uint[] limbs = new uint[8];
        for (int i = 0; i < bytes.Length; i++)
        {
            limbs[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        }

        return limbs;
    }

    private static BigInteger Value(uint[] limbs) => new(limbs.SelectMany(BitConverter.GetBytes).ToArray(), isUnsigned: true, isBigEndian: false);

    /// <summary>Values next to the edges of the field and of the word sums in the reduction, then seeded random ones.</summary>
    private static IEnumerable<BigInteger> Operands(BigInteger modulus, int seed)
    {
        BigInteger two256 = BigInteger.One << 256;
        foreach (BigInteger v in new[] { BigInteger.Zero, BigInteger.One, 2, modulus - 1, modulus - 2, modulus >> 1, two256 - modulus, (BigInteger.One << 255) - 1, (BigInteger.One << 224) - 1, (BigInteger.One << 192) + 1, BigInteger.One << 96 })
        {
            yield return v % modulus;
        }

        var random = new Random(seed);
        byte[] bytes = new byte[32];
        for (int i = 0; i < 40; i++)
        {
            random.NextBytes(bytes);
            if (i % 4 == 0)
            {
                Array.Fill(bytes, (byte)0xFF, 0, 16);
            }

            yield return new BigInteger(bytes, isUnsigned: true) % modulus;
        }
    }

    [Fact]
    public void P256Field_MultiplyAddSubtract_MatchBigIntegerModP()
    {
        object field = Create("P256Field");
        BigInteger[] values = Operands(P, 256).ToArray();
        foreach (BigInteger a in values)
        {
            foreach (BigInteger b in values)
            {
                Assert.Equal(a * b % P, Value(Call(field, "Multiply", Limbs(a), Limbs(b))));
                Assert.Equal((a + b) % P, Value(Call(field, "Add", Limbs(a), Limbs(b))));
                Assert.Equal(((a - b) % P + P) % P, Value(Call(field, "Subtract", Limbs(a), Limbs(b))));
            }
        }
    }

    [Fact]
    public void P256Field_Invert_GivesTheInverse()
    {
        object field = Create("P256Field");
        foreach (BigInteger a in Operands(P, 7).Where(v => !v.IsZero).Take(12))
        {
            Assert.Equal(BigInteger.ModPow(a, P - 2, P), Value(Call(field, "Invert", Limbs(a))));
        }
    }

    [Fact]
    public void MontgomeryModulus_OrderN_MultipliesAndInvertsLikeBigInteger()
    {
        object order = Create("MontgomeryModulus", [Limbs(N)]);
        BigInteger[] values = Operands(N, 186).ToArray();
        foreach (BigInteger a in values)
        {
            uint[] aMont = Call(order, "ToMontgomery", Limbs(a));
            Assert.Equal(a * (BigInteger.One << 256) % N, Value(aMont));
            foreach (BigInteger b in values.Take(12))
            {
                // A plain value times a Montgomery-form one is the plain product: how the verifier forms u1 and u2.
                Assert.Equal(a * b % N, Value(Call(order, "Multiply", Limbs(b), aMont)));
            }

            if (!a.IsZero)
            {
                BigInteger inverseMont = Value(Call(order, "Invert", aMont));
                Assert.Equal(BigInteger.ModPow(a, N - 2, N) * (BigInteger.One << 256) % N, inverseMont);
            }
        }
    }
}
