using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>The ECMA-335 evaluation-stack kinds, plus the reference/value-type split the rules need.</summary>
public enum ValueKind
{
    Int32,
    Int64,
    NativeInt,
    Float,
    ObjectRef,
    ValueType,
    Pointer,
}

/// <summary>What a value is known to be derived from, for rules that follow a result to its use.</summary>
[Flags]
public enum ValueOrigin
{
    None = 0,

    /// <summary>The result of String.Compare/CompareTo (a character difference on nanoCLR, reference §2 "Text").</summary>
    StringCompare = 1,

    /// <summary>A floating-point value converted from an integer: it cannot be NaN.</summary>
    FromInteger = 2,
}

/// <summary>
/// One abstract evaluation-stack slot. Besides its kind it carries the facts the rules reason about:
/// <list type="bullet">
/// <item><see cref="UnsignedSource"/>: nanoCLR tags every stack value with its type and keeps a U4/U8 tag
/// through later operations (reference §2 "Unsigned values that stay unsigned"); non-null names the
/// operation that set the tag.</item>
/// <item><see cref="Bits"/>: the value is known to lie in [0, 2^Bits). A tagged value whose top bit is
/// known clear widens, shifts and divides the same signed or unsigned, so it cannot go wrong.</item>
/// <item>constants, for the rules whose verdict depends on the divisor.</item>
/// <item><see cref="Boxed"/> and <see cref="Type"/>: what a reference holds, for the ToString rules.</item>
/// <item><see cref="Parameter"/>: the value is the unchanged value of that argument, so a method's
/// NaN-unsafe comparison can be traced to what its callers pass.</item>
/// </list>
/// </summary>
public readonly record struct StackValue(
    ValueKind Kind,
    TypeShape? Type = null,
    string? UnsignedSource = null,
    int? Bits = null,
    long? IntConstant = null,
    double? FloatConstant = null,
    TypeShape? Boxed = null,
    ValueOrigin Origin = ValueOrigin.None,
    int? Parameter = null)
{
    public int Width => Kind == ValueKind.Int64 ? 64 : 32;

    public bool IsInteger => Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.NativeInt;

    public bool Is32Bit => Kind is ValueKind.Int32 or ValueKind.NativeInt;

    public bool IsFloat => Kind == ValueKind.Float;

    /// <summary>The sign bit is known to be clear, so signed and unsigned readings agree.</summary>
    public bool IsNonNegative => Bits is { } b && b < Width;

    /// <summary>Tagged unsigned by nanoCLR and possibly above the signed range: the values that go wrong.</summary>
    public bool IsRiskyUnsigned => UnsignedSource is not null && IsInteger && !IsNonNegative;

    public bool IsConstant => IntConstant is not null || FloatConstant is not null;

    public static StackValue Int(long constant) => new(
        ValueKind.Int32,
        IntConstant: constant,
        Bits: constant >= 0 ? BitLength((ulong)constant) : null);

    public static StackValue Long(long constant) => new(
        ValueKind.Int64,
        IntConstant: constant,
        Bits: constant >= 0 ? BitLength((ulong)constant) : null);

    public static StackValue Real(double constant) => new(ValueKind.Float, FloatConstant: constant);

    /// <summary>
    /// A value loaded from a variable, field, array element or call return of <paramref name="type"/>.
    /// nanoCLR keeps the declared type as the runtime tag, so uint and ulong give tagged values; byte, ushort
    /// and char are promoted to a signed I4 when loaded (CLR_RT_HeapBlock::Promote in nf-interpreter), so
    /// they carry no tag.
    /// </summary>
    public static StackValue FromType(TypeShape type, string source)
    {
        var primitive = type.Kind is ShapeKind.Primitive or ShapeKind.Enum ? type.Primitive : 0;
        var tag = primitive is PrimitiveTypeCode.UInt32 or PrimitiveTypeCode.UInt64
            ? $"{source} ({CSharpName(primitive)})"
            : null;
        return primitive switch
        {
            PrimitiveTypeCode.Boolean => new StackValue(ValueKind.Int32, type, Bits: 1),
            PrimitiveTypeCode.Byte => new StackValue(ValueKind.Int32, type, tag, Bits: 8),
            PrimitiveTypeCode.UInt16 or PrimitiveTypeCode.Char => new StackValue(ValueKind.Int32, type, tag, Bits: 16),
            PrimitiveTypeCode.UInt32 => new StackValue(ValueKind.Int32, type, tag, Bits: 32),
            PrimitiveTypeCode.SByte or PrimitiveTypeCode.Int16 or PrimitiveTypeCode.Int32 => new StackValue(ValueKind.Int32, type),
            PrimitiveTypeCode.Int64 => new StackValue(ValueKind.Int64, type),
            PrimitiveTypeCode.UInt64 => new StackValue(ValueKind.Int64, type, tag, Bits: 64),
            PrimitiveTypeCode.Single or PrimitiveTypeCode.Double => new StackValue(ValueKind.Float, type),
            PrimitiveTypeCode.IntPtr or PrimitiveTypeCode.UIntPtr => new StackValue(ValueKind.NativeInt, type),
            _ => type.Kind switch
            {
                ShapeKind.ValueType or ShapeKind.GenericInstance when !IsReferenceInstance(type) => new StackValue(ValueKind.ValueType, type),
                ShapeKind.ByRef or ShapeKind.Pointer => new StackValue(ValueKind.Pointer, type),
                ShapeKind.FunctionPointer => new StackValue(ValueKind.NativeInt, type),
                _ => new StackValue(ValueKind.ObjectRef, type),
            },
        };
    }

    public static int BitLength(ulong value) => value == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(value);

    /// <summary>The C# keyword of a primitive, for messages ("uint", "ulong").</summary>
    public static string CSharpName(PrimitiveTypeCode code) => code switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        _ => code.ToString(),
    };

    /// <summary>
    /// The least precise value that holds on both paths of a join: facts survive only where both agree,
    /// except the unsigned tag, which is kept when either path sets it (the hit may happen on that path).
    /// </summary>
    public static StackValue Merge(StackValue a, StackValue b)
    {
        if (a == b)
        {
            return a;
        }

        var kind = a.Kind == b.Kind ? a.Kind : Widest(a.Kind, b.Kind);
        return new StackValue(
            kind,
            SameType(a.Type, b.Type),
            a.UnsignedSource ?? b.UnsignedSource,
            a.Bits is { } x && b.Bits is { } y ? Math.Max(x, y) : null,
            a.IntConstant == b.IntConstant ? a.IntConstant : null,
            a.FloatConstant.Equals(b.FloatConstant) ? a.FloatConstant : null,
            SameType(a.Boxed, b.Boxed),
            MergeOrigin(a.Origin, b.Origin),
            a.Parameter == b.Parameter ? a.Parameter : null);
    }

    /// <summary>"Derived from" facts hold if either path has them; "cannot be NaN" only if both do.</summary>
    private static ValueOrigin MergeOrigin(ValueOrigin a, ValueOrigin b)
    {
        return ((a | b) & ~ValueOrigin.FromInteger) | (a & b & ValueOrigin.FromInteger);
    }

    private static TypeShape? SameType(TypeShape? a, TypeShape? b)
    {
        return a is not null && b is not null && a.FullName == b.FullName ? a : null;
    }

    private static ValueKind Widest(ValueKind a, ValueKind b)
    {
        // Only unverifiable IL mixes kinds at a join; keep the one the numeric rules care about.
        if (a == ValueKind.Float || b == ValueKind.Float)
        {
            return ValueKind.Float;
        }

        if (a == ValueKind.Int64 || b == ValueKind.Int64)
        {
            return ValueKind.Int64;
        }

        return a is ValueKind.ObjectRef or ValueKind.Pointer ? a : b;
    }

    private static bool IsReferenceInstance(TypeShape type)
    {
        return type.Kind == ShapeKind.GenericInstance && type.Element?.Kind != ShapeKind.ValueType;
    }
}
