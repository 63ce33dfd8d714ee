using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>
/// Results of the arithmetic and bitwise opcodes. The result takes the left operand's type, as nanoCLR's
/// numeric operations do (CLR_RT_HeapBlock::NumericAdd and its siblings keep the first operand's data type):
/// so the unsigned tag set by conv.u4 or a uint load survives when the left operand has it (reference §2),
/// and the
/// known range (<see cref="StackValue.Bits"/>) is followed so that a tagged value that provably stays
/// below the sign bit (a byte shifted right, a ushort masked) is not reported.
/// </summary>
public static class Arithmetic
{
    public static StackValue Binary(ILOpCode op, StackValue left, StackValue right)
    {
        var isShift = op is ILOpCode.Shl or ILOpCode.Shr or ILOpCode.Shr_un;
        var kind = isShift ? left.Kind : NumericKind(left.Kind, right.Kind);
        if (kind is not (ValueKind.Int32 or ValueKind.Int64 or ValueKind.NativeInt))
        {
            return new StackValue(kind);
        }

        var width = kind == ValueKind.Int64 ? 64 : 32;
        var tag = left.UnsignedSource;
        if (op is ILOpCode.Shr or ILOpCode.Div or ILOpCode.Rem && (left.IsRiskyUnsigned || right.IsRiskyUnsigned))
        {
            // This signed operation on a tagged value is itself the hit; the result is not reported again.
            tag = null;
        }

        var bits = ResultBits(op, left, right, width);
        return new StackValue(kind, UnsignedSource: tag, Bits: bits is { } b && b <= width ? b : null);
    }

    public static StackValue Unary(ILOpCode op, StackValue value)
    {
        if (!value.IsInteger)
        {
            return new StackValue(value.Kind, FloatConstant: op == ILOpCode.Neg ? -value.FloatConstant : null);
        }

        // -x and ~x may set the sign bit: the range is lost, the tag is not.
        return new StackValue(
            value.Kind,
            UnsignedSource: value.UnsignedSource,
            IntConstant: op == ILOpCode.Neg ? -value.IntConstant : ~value.IntConstant,
            Origin: op == ILOpCode.Neg ? value.Origin : ValueOrigin.None);
    }

    public static ValueKind NumericKind(ValueKind a, ValueKind b)
    {
        if (a == ValueKind.Float || b == ValueKind.Float)
        {
            return ValueKind.Float;
        }

        if (a == ValueKind.Int64 || b == ValueKind.Int64)
        {
            return ValueKind.Int64;
        }

        if (a == ValueKind.Pointer || b == ValueKind.Pointer)
        {
            return ValueKind.Pointer;
        }

        return a == ValueKind.NativeInt || b == ValueKind.NativeInt ? ValueKind.NativeInt : ValueKind.Int32;
    }

    /// <summary>An upper bound on the result's significant bits when both operands are non-negative, else null.</summary>
    private static int? ResultBits(ILOpCode op, StackValue left, StackValue right, int width)
    {
        int? l = left.IsNonNegative ? left.Bits : null;
        int? r = right.IsNonNegative ? right.Bits : null;
        var shift = right.IntConstant is { } k ? (int)(k & (width - 1)) : (int?)null;
        switch (op)
        {
            case ILOpCode.And:
                return l is { } a && r is { } b ? Math.Min(a, b) : l ?? r;
            case ILOpCode.Or:
            case ILOpCode.Xor:
                return l is { } c && r is { } d ? Math.Max(c, d) : null;
            case ILOpCode.Add:
            case ILOpCode.Add_ovf:
            case ILOpCode.Add_ovf_un:
                return l is { } e && r is { } f ? Math.Max(e, f) + 1 : null;
            case ILOpCode.Mul:
            case ILOpCode.Mul_ovf:
            case ILOpCode.Mul_ovf_un:
                return l is { } g && r is { } h ? g + h : null;
            case ILOpCode.Shl:
                return l is { } i && shift is { } s1 ? i + s1 : null;
            case ILOpCode.Shr:
                return l is { } j ? Math.Max(0, j - (shift ?? 0)) : null;
            case ILOpCode.Shr_un:
                if (shift is { } s2 && s2 > 0)
                {
                    return Math.Max(0, (l ?? width) - s2);
                }

                return l;
            case ILOpCode.Div:
                return l is { } m && r is not null ? m : null;
            case ILOpCode.Div_un:
                return l ?? (right.IntConstant is >= 2 ? width - 1 : null);
            case ILOpCode.Rem:
                return l is { } n && r is { } o ? Math.Min(n, o) : null;
            case ILOpCode.Rem_un:
                if (right.IntConstant is > 0 and var divisor)
                {
                    var bound = StackValue.BitLength((ulong)divisor - 1);
                    return l is { } p ? Math.Min(p, bound) : bound;
                }

                return l;
            default:
                return null;
        }
    }
}
