using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// An estimate of the IL instructions the nanoFramework interpreter executes for the update checks, as a
/// guide to device time (nanoFramework interprets IL; it has no JIT). Each hot method's IL is read from the
/// Core assembly as built, its loops are found from the backward branches, and each loop body is
/// multiplied by its trip count, which comes from the algorithm (64 SHA-256 rounds, 8 limbs, ...).
/// Not counted: call overhead, bounds checks and the interpreter's own cost per instruction, so the real
/// figure is somewhat higher. Device time = instructions / the interpreter's rate, measured on the dongle.
/// </summary>
internal static class InterpreterCost
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    private static readonly Assembly Core = typeof(Sha256).Assembly;

    /// <summary>IL per byte hashed: one compression (16 + 48 schedule words, 64 rounds) per 64-byte block.</summary>
    public static double Sha256PerByte { get; } = PerCall("Sha256", "Compress", 16, 48, 64) / 64.0;

    /// <summary>IL per P-256 signature verification of the given digest and signature.</summary>
    public static long EcdsaVerify(byte[] digest, byte[] signature)
    {
        // A product mod p: clear 16 words, 8 rows of 8 word products; the fast reduction with one fold
        // (copying 8 words), and two carry passes of 8 words.
        long fieldMultiply = PerCall("P256Field", "Multiply", 16, 8, 8) + PerCall("P256Field", "Reduce", 8, 1) + (2 * PerCall("P256Field", "Propagate", 8));

        // A Montgomery product mod n: clear 10 limbs, 8 rows of 8 multiply and 7 reduce steps, copy 8 limbs.
        long orderMultiply = PerCall("MontgomeryModulus", "Multiply", 10, 8, 7, 8, 8);

        // A modular add or subtract is one 8-limb add or subtract and mostly a one-limb compare.
        long addOrSubtract = PerCall("PrimeField", "Add") + PerCall("Uint256", "Add", 8) + PerCall("Uint256", "Compare", 1);
        var (fieldMultiplies, orderMultiplies, adds) = EcdsaOperations(digest, signature);
        return (fieldMultiplies * fieldMultiply) + (orderMultiplies * orderMultiply) + (adds * addOrSubtract);
    }

    /// <summary>
    /// Field and scalar operations of one verification, counted from the code of P256Curve and
    /// EcdsaP256Verifier: a doubling is 8 products and 16 adds or subtracts, an addition 16 and 13; the
    /// joint multiplication doubles 256 times and adds where a bit of u1 or u2 is set; each inversion is
    /// an exponentiation by m - 2 (255 squarings and a product per further set bit); w, u1, u2 and the
    /// Montgomery conversion are 3 products mod n, the affine x 2 products mod p.
    /// </summary>
    private static (long Field, long Order, long Adds) EcdsaOperations(byte[] digest, byte[] signature)
    {
        BigInteger n = BigInteger.Parse("0ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", System.Globalization.NumberStyles.HexNumber);
        BigInteger p = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber);
        BigInteger e = new BigInteger(digest, isUnsigned: true, isBigEndian: true) % n;
        BigInteger r = new(signature.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        BigInteger s = new(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        BigInteger w = BigInteger.ModPow(s, n - 2, n);
        BigInteger u1 = e * w % n;
        BigInteger u2 = r * w % n;
        long additions = 0;
        for (int bit = 0; bit < 256; bit++)
        {
            if (!(u1 >> bit).IsEven || !(u2 >> bit).IsEven)
            {
                additions++;
            }
        }

        long field = (256 * 8) + (additions * 16) + Inversion(p) + 2;
        long order = Inversion(n) + 3;
        long adds = (256 * 16) + (additions * 13);
        return (field, order, adds);
    }

    private static long Inversion(BigInteger modulus)
    {
        BigInteger exponent = modulus - 2;
        return 255 + (long)BigInteger.PopCount(exponent) - 1;
    }

    /// <summary>
    /// IL instructions of one call: the instructions outside loops once, each loop body times its trip
    /// count (trips are given in the order of the loops' closing branches, inner loops first).
    /// </summary>
    private static long PerCall(string type, string method, params int[] trips) =>
        PerCall(Core.GetType("EnergyLogger.Core.Ota." + type, throwOnError: true)!, method, trips);

    /// <summary>
    /// IL per stored record of the outbox's compact encoding (RecordCodec.Capture and Encode, the varints, and
    /// JsonNumberFormat.Decompose for each number), for a layout of <paramref name="slots"/> slots of which
    /// <paramref name="numbers"/> are numbers and <paramref name="changed"/> moved since the record before. A number is taken
    /// as 4 digits before the point (DecimalExponent's loop 3 times) and one trailing zero; a delta as 2 varint bytes.
    /// </summary>
    public static long EncodeRecord(int slots, int numbers, int changed)
    {
        Type codec = typeof(Core.Telemetry.RecordCodec);
        Type format = typeof(Core.Json.JsonNumberFormat);
        Type varint = typeof(Core.Telemetry.Varint);
        int bitmap = (slots + 7) / 8;
        long decompose = PerCall(codec, "SetNumber") + PerCall(format, "Decompose", 1) + PerCall(format, "Round") + PerCall(format, "DecimalExponent", 3, 0);
        long capture = PerCall(codec, "Capture", slots) + (numbers * decompose);
        long writeVarint = PerCall(varint, "WriteSigned") + PerCall(varint, "WriteZigzag", 1, 0);
        long channel = PerCall(codec, "Channel", bitmap, slots, bitmap, 0) + (changed * writeVarint) + (slots * (PerCall(codec, "Carried") + PerCall(codec, "Rescalable")));
        long qualities = PerCall(codec, "Qualities", slots, 0);
        long encode = PerCall(codec, "Encode") + (3 * writeVarint) + channel + qualities;
        return capture + encode;
    }

    private static long PerCall(Type owner, string method, params int[] trips)
    {
        MethodInfo info = owner
            .GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .First(m => m.Name == method);
        var (offsets, loops) = Decode(info.GetMethodBody()!.GetILAsByteArray()!);
        if (loops.Count != trips.Length)
        {
            throw new InvalidOperationException($"{owner.Name}.{method} has {loops.Count} loops; the cost model names {trips.Length}: update it");
        }

        bool Inside(int inner, int outer) => inner != outer && loops[inner].To >= loops[outer].To && loops[inner].From <= loops[outer].From;

        long Count(int from, int to) => offsets.Count(o => o >= from && o <= to);

        // The loop's own instructions once per iteration, each directly nested loop times its trips.
        long Cost(int self)
        {
            long total = self < 0 ? offsets.Count : Count(loops[self].To, loops[self].From);
            for (int i = 0; i < loops.Count; i++)
            {
                bool child = (self < 0 || Inside(i, self)) && !Enumerable.Range(0, loops.Count).Any(j => j != self && Inside(i, j) && (self < 0 || Inside(j, self)));
                if (child)
                {
                    total += (trips[i] * Cost(i)) - Count(loops[i].To, loops[i].From);
                }
            }

            return total;
        }

        return Cost(-1);
    }

    /// <summary>Instruction offsets, and each loop as (closing branch offset, target offset).</summary>
    private static (List<int> Offsets, List<(int From, int To)> Loops) Decode(byte[] il)
    {
        var offsets = new List<int>();
        var loops = new List<(int From, int To)>();
        int pos = 0;
        while (pos < il.Length)
        {
            int start = pos;
            ushort code = il[pos++];
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il[pos++]);
            }

            OpCode op = OpCodesByValue[code];
            offsets.Add(start);
            int operand = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pos)),
                _ => 4,
            };
            int target = op.OperandType switch
            {
                OperandType.ShortInlineBrTarget => pos + 1 + (sbyte)il[pos],
                OperandType.InlineBrTarget => pos + 4 + BitConverter.ToInt32(il, pos),
                _ => int.MaxValue,
            };
            if (target < start)
            {
                loops.Add((start, target));
            }

            pos += operand;
        }

        return (offsets, loops);
    }
}
