using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Metadata;

public enum ShapeKind
{
    /// <summary>A built-in type: the numeric types, bool, char, string, object, IntPtr, void.</summary>
    Primitive,
    Class,
    ValueType,
    /// <summary>An enum whose underlying type is known (Primitive holds it).</summary>
    Enum,
    SzArray,
    /// <summary>An array with an ArrayShape (int[,]): not supported by nanoCLR (reference §1).</summary>
    MultiArray,
    ByRef,
    Pointer,
    GenericParameter,
    GenericInstance,
    FunctionPointer,
}

/// <summary>
/// What a signature says about a type, reduced to what the checks need: the stack kind it loads as,
/// whether nanoCLR tags it unsigned, whether it is an enum, a double, a Hashtable, and whether it uses
/// a construct nanoCLR does not have (generics, multidimensional arrays).
/// </summary>
public sealed class TypeShape
{
    private TypeShape(ShapeKind kind, string fullName, PrimitiveTypeCode primitive, TypeShape? element, IReadOnlyList<TypeShape> arguments)
    {
        Kind = kind;
        FullName = fullName;
        Primitive = primitive;
        Element = element;
        Arguments = arguments;
        ContainsMultiArray = kind == ShapeKind.MultiArray || (element?.ContainsMultiArray ?? false) || arguments.Any(a => a.ContainsMultiArray);
        ContainsGeneric = kind is ShapeKind.GenericParameter or ShapeKind.GenericInstance || (element?.ContainsGeneric ?? false);
    }

    public ShapeKind Kind { get; }

    /// <summary>"System.Int32", "EnergyLogger.Core.Json.JsonKind", "System.Byte[]", "System.Int32[,]".</summary>
    public string FullName { get; }

    /// <summary>The primitive itself, or an enum's underlying type; 0 for everything else.</summary>
    public PrimitiveTypeCode Primitive { get; }

    /// <summary>Array element, by-ref or pointer target, or the generic type of an instantiation.</summary>
    public TypeShape? Element { get; }

    public IReadOnlyList<TypeShape> Arguments { get; }

    public bool ContainsMultiArray { get; }

    public bool ContainsGeneric { get; }

    public bool IsFloatingPoint => Kind == ShapeKind.Primitive && Primitive is PrimitiveTypeCode.Single or PrimitiveTypeCode.Double;

    public bool IsEnum => Kind == ShapeKind.Enum;

    public static TypeShape Of(PrimitiveTypeCode code) => new(ShapeKind.Primitive, PrimitiveName(code), code, null, Array.Empty<TypeShape>());

    public static TypeShape Named(ShapeKind kind, string fullName) => new(kind, fullName, 0, null, Array.Empty<TypeShape>());

    public static TypeShape EnumOf(string fullName, PrimitiveTypeCode underlying) => new(ShapeKind.Enum, fullName, underlying, null, Array.Empty<TypeShape>());

    public static TypeShape Wrap(ShapeKind kind, TypeShape element, string suffix) => new(kind, element.FullName + suffix, 0, element, Array.Empty<TypeShape>());

    public static TypeShape Instance(TypeShape generic, IReadOnlyList<TypeShape> arguments) =>
        new(ShapeKind.GenericInstance, generic.FullName + "<" + string.Join(",", arguments.Select(a => a.FullName)) + ">", 0, generic, arguments);

    public override string ToString() => FullName;

    private static string PrimitiveName(PrimitiveTypeCode code) => code switch
    {
        PrimitiveTypeCode.Boolean => "System.Boolean",
        PrimitiveTypeCode.Char => "System.Char",
        PrimitiveTypeCode.SByte => "System.SByte",
        PrimitiveTypeCode.Byte => "System.Byte",
        PrimitiveTypeCode.Int16 => "System.Int16",
        PrimitiveTypeCode.UInt16 => "System.UInt16",
        PrimitiveTypeCode.Int32 => "System.Int32",
        PrimitiveTypeCode.UInt32 => "System.UInt32",
        PrimitiveTypeCode.Int64 => "System.Int64",
        PrimitiveTypeCode.UInt64 => "System.UInt64",
        PrimitiveTypeCode.Single => "System.Single",
        PrimitiveTypeCode.Double => "System.Double",
        PrimitiveTypeCode.IntPtr => "System.IntPtr",
        PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
        PrimitiveTypeCode.String => "System.String",
        PrimitiveTypeCode.Object => "System.Object",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        PrimitiveTypeCode.Void => "System.Void",
        _ => code.ToString(),
    };
}
