using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>
/// The conv.* family and the unsigned loads. conv.u1/u2/u4/u8 (and their ovf forms) set nanoCLR's unsigned
/// tag; conv.i4 keeps a tag it finds (reference §2: `(int)(uint)x` still widens unsigned); conv.i1/i2
/// sign-extend into a signed value; conv.i8 is where a 32-bit tag goes wrong, and yields a 64-bit
/// value that the rule has already reported.
/// </summary>
public static class Conversions
{
    public static StackValue Apply(IlInstruction ins, StackValue a)
    {
        var integer = a.IsInteger;
        switch (ins.OpCode)
        {
            case ILOpCode.Conv_i1 or ILOpCode.Conv_ovf_i1 or ILOpCode.Conv_ovf_i1_un:
                return Signed(ValueKind.Int32, a, 7, (sbyte)(a.IntConstant ?? 0));
            case ILOpCode.Conv_i2 or ILOpCode.Conv_ovf_i2 or ILOpCode.Conv_ovf_i2_un:
                return Signed(ValueKind.Int32, a, 15, (short)(a.IntConstant ?? 0));
            case ILOpCode.Conv_i4 or ILOpCode.Conv_ovf_i4 or ILOpCode.Conv_ovf_i4_un
                or ILOpCode.Conv_i or ILOpCode.Conv_ovf_i or ILOpCode.Conv_ovf_i_un:
                {
                    var kind = ins.OpCode is ILOpCode.Conv_i4 or ILOpCode.Conv_ovf_i4 or ILOpCode.Conv_ovf_i4_un
                        ? ValueKind.Int32
                        : ValueKind.NativeInt;
                    return Signed(kind, a, 31, (int)(a.IntConstant ?? 0)) with { UnsignedSource = integer ? a.UnsignedSource : null };
                }

            case ILOpCode.Conv_i8 or ILOpCode.Conv_ovf_i8 or ILOpCode.Conv_ovf_i8_un:
                if (a.Kind == ValueKind.Int64)
                {
                    return a;
                }

                return new StackValue(
                    ValueKind.Int64,
                    Bits: integer && a.IsNonNegative ? a.Bits : null,
                    IntConstant: integer ? a.IntConstant : null);

            case ILOpCode.Conv_u1 or ILOpCode.Conv_ovf_u1 or ILOpCode.Conv_ovf_u1_un:
                return Unsigned(ValueKind.Int32, ins, a, 8);
            case ILOpCode.Conv_u2 or ILOpCode.Conv_ovf_u2 or ILOpCode.Conv_ovf_u2_un:
                return Unsigned(ValueKind.Int32, ins, a, 16);
            case ILOpCode.Conv_u4 or ILOpCode.Conv_ovf_u4 or ILOpCode.Conv_ovf_u4_un:
                return Unsigned(ValueKind.Int32, ins, a, 32);
            case ILOpCode.Conv_u or ILOpCode.Conv_ovf_u or ILOpCode.Conv_ovf_u_un:
                return Unsigned(ValueKind.NativeInt, ins, a, 32);
            case ILOpCode.Conv_u8 or ILOpCode.Conv_ovf_u8 or ILOpCode.Conv_ovf_u8_un:
                // A 32-bit source is zero-extended, so its top 32 bits are clear.
                return Unsigned(ValueKind.Int64, ins, a, a.Is32Bit ? 32 : 64);

            case ILOpCode.Conv_r4 or ILOpCode.Conv_r8:
                return new StackValue(
                    ValueKind.Float,
                    FloatConstant: a.FloatConstant ?? a.IntConstant,
                    Origin: integer ? ValueOrigin.FromInteger : a.Origin & ValueOrigin.FromInteger);
            case ILOpCode.Conv_r_un:
                return new StackValue(
                    ValueKind.Float,
                    FloatConstant: a.IntConstant is { } c ? (double)(ulong)c : a.FloatConstant,
                    Origin: ValueOrigin.FromInteger);
            default:
                throw new AnalysisException($"{ins.Name} is not a conversion");
        }
    }

    /// <summary>
    /// ldind.u1/u2/u4 and ldelem.u1/u2/u4: a value of the loaded width. Only the 32-bit load keeps an unsigned
    /// tag; bytes and ushorts are promoted to a signed I4 on the stack (CLR_RT_HeapBlock::Promote).
    /// </summary>
    public static StackValue UnsignedLoad(IlInstruction ins)
    {
        return ins.OpCode switch
        {
            ILOpCode.Ldind_u1 or ILOpCode.Ldelem_u1 => new StackValue(ValueKind.Int32, Bits: 8),
            ILOpCode.Ldind_u2 or ILOpCode.Ldelem_u2 => new StackValue(ValueKind.Int32, Bits: 16),
            _ => new StackValue(ValueKind.Int32, UnsignedSource: ins.Name, Bits: 32),
        };
    }

    private static StackValue Signed(ValueKind kind, StackValue a, int maxBits, long folded)
    {
        return new StackValue(
            kind,
            Bits: a.IsInteger && a.Bits <= maxBits ? a.Bits : null,
            IntConstant: a.IntConstant is not null ? folded : null);
    }

    private static StackValue Unsigned(ValueKind kind, IlInstruction ins, StackValue a, int width)
    {
        var bits = a.IsInteger && a.IsNonNegative && a.Bits <= width ? a.Bits!.Value : width;
        return new StackValue(kind, UnsignedSource: ins.Name, Bits: bits, IntConstant: a.IsInteger ? a.IntConstant : null);
    }
}
