using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// Decodes signatures (locals, parameters, returns, fields, type specs) into <see cref="TypeShape"/>s.
/// A type that the signature names by token is classified by name: the System primitives become
/// primitives (a constrained. or box operand names System.Double by TypeRef), enums are recognised in
/// this assembly and, through <see cref="SiblingAssemblies"/>, in the DLLs beside it.
/// </summary>
public sealed class TypeShapeProvider : ISignatureTypeProvider<TypeShape, object?>
{
    private static readonly Dictionary<string, PrimitiveTypeCode> PrimitiveNames = new()
    {
        ["System.Boolean"] = PrimitiveTypeCode.Boolean,
        ["System.Char"] = PrimitiveTypeCode.Char,
        ["System.SByte"] = PrimitiveTypeCode.SByte,
        ["System.Byte"] = PrimitiveTypeCode.Byte,
        ["System.Int16"] = PrimitiveTypeCode.Int16,
        ["System.UInt16"] = PrimitiveTypeCode.UInt16,
        ["System.Int32"] = PrimitiveTypeCode.Int32,
        ["System.UInt32"] = PrimitiveTypeCode.UInt32,
        ["System.Int64"] = PrimitiveTypeCode.Int64,
        ["System.UInt64"] = PrimitiveTypeCode.UInt64,
        ["System.Single"] = PrimitiveTypeCode.Single,
        ["System.Double"] = PrimitiveTypeCode.Double,
        ["System.IntPtr"] = PrimitiveTypeCode.IntPtr,
        ["System.UIntPtr"] = PrimitiveTypeCode.UIntPtr,
        ["System.String"] = PrimitiveTypeCode.String,
        ["System.Object"] = PrimitiveTypeCode.Object,
        ["System.Void"] = PrimitiveTypeCode.Void,
    };

    private readonly MetadataReader reader;
    private readonly SiblingAssemblies? siblings;
    // Keyed with the signature's type kind: a TypeRef read from a box operand (kind unknown) and from a
    // valuetype signature may classify differently when the defining assembly is not at hand.
    private readonly Dictionary<(EntityHandle, byte), TypeShape> cache = new();

    public TypeShapeProvider(MetadataReader reader, SiblingAssemblies? siblings)
    {
        this.reader = reader;
        this.siblings = siblings;
    }

    /// <summary>The shape of a TypeDef, TypeRef or TypeSpec token (box, newarr, constrained., castclass ...).</summary>
    public TypeShape FromToken(EntityHandle handle)
    {
        return handle.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)handle, 0),
            _ => TypeShape.Named(ShapeKind.Class, "?"),
        };
    }

    public TypeShape GetPrimitiveType(PrimitiveTypeCode typeCode) => TypeShape.Of(typeCode);

    public TypeShape GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        if (cache.TryGetValue((handle, rawTypeKind), out var known))
        {
            return known;
        }

        var name = MemberNames.Type(reader, handle);
        var shape = Classify(name, rawTypeKind, () => EnumUnderlying(reader, handle), () => IsValueType(reader, handle));
        cache[(handle, rawTypeKind)] = shape;
        return shape;
    }

    public TypeShape GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (cache.TryGetValue((handle, rawTypeKind), out var known))
        {
            return known;
        }

        var name = MemberNames.Type(reader, handle);
        var sibling = siblings?.Find(reader, handle);
        var shape = Classify(
            name,
            rawTypeKind,
            () => sibling is { } s ? EnumUnderlying(s.File.Reader, s.Handle) : null,
            () => sibling is { } s && IsValueType(s.File.Reader, s.Handle));
        cache[(handle, rawTypeKind)] = shape;
        return shape;
    }

    public TypeShape GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
    {
        if (cache.TryGetValue((handle, rawTypeKind), out var known))
        {
            return known;
        }

        var shape = reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        cache[(handle, rawTypeKind)] = shape;
        return shape;
    }

    public TypeShape GetSZArrayType(TypeShape elementType) => TypeShape.Wrap(ShapeKind.SzArray, elementType, "[]");

    public TypeShape GetArrayType(TypeShape elementType, ArrayShape shape) =>
        TypeShape.Wrap(ShapeKind.MultiArray, elementType, "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]");

    public TypeShape GetByReferenceType(TypeShape elementType) => TypeShape.Wrap(ShapeKind.ByRef, elementType, "&");

    public TypeShape GetPointerType(TypeShape elementType) => TypeShape.Wrap(ShapeKind.Pointer, elementType, "*");

    public TypeShape GetPinnedType(TypeShape elementType) => elementType;

    public TypeShape GetModifiedType(TypeShape modifier, TypeShape unmodifiedType, bool isRequired) => unmodifiedType;

    public TypeShape GetGenericInstantiation(TypeShape genericType, ImmutableArray<TypeShape> typeArguments) =>
        TypeShape.Instance(genericType, typeArguments);

    public TypeShape GetGenericMethodParameter(object? genericContext, int index) => TypeShape.Named(ShapeKind.GenericParameter, "!!" + index);

    public TypeShape GetGenericTypeParameter(object? genericContext, int index) => TypeShape.Named(ShapeKind.GenericParameter, "!" + index);

    public TypeShape GetFunctionPointerType(MethodSignature<TypeShape> signature) => TypeShape.Named(ShapeKind.FunctionPointer, "method*");

    private static TypeShape Classify(string name, byte rawTypeKind, Func<PrimitiveTypeCode?> enumUnderlying, Func<bool> isValueType)
    {
        if (PrimitiveNames.TryGetValue(name, out var primitive))
        {
            return TypeShape.Of(primitive);
        }

        if (enumUnderlying() is { } underlying)
        {
            return TypeShape.EnumOf(name, underlying);
        }

        var valueType = rawTypeKind == (byte)SignatureTypeKind.ValueType || (rawTypeKind == 0 && isValueType());
        return TypeShape.Named(valueType ? ShapeKind.ValueType : ShapeKind.Class, name);
    }

    /// <summary>The underlying type of an enum defined in <paramref name="reader"/>, or null when it is no enum.</summary>
    private static PrimitiveTypeCode? EnumUnderlying(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        if (BaseTypeName(reader, type) != "System.Enum")
        {
            return null;
        }

        foreach (var fieldHandle in type.GetFields())
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0)
            {
                var blob = reader.GetBlobReader(field.Signature);
                blob.ReadSignatureHeader();
                var code = blob.ReadSignatureTypeCode();
                return code switch
                {
                    SignatureTypeCode.Boolean => PrimitiveTypeCode.Boolean,
                    SignatureTypeCode.Char => PrimitiveTypeCode.Char,
                    SignatureTypeCode.SByte => PrimitiveTypeCode.SByte,
                    SignatureTypeCode.Byte => PrimitiveTypeCode.Byte,
                    SignatureTypeCode.Int16 => PrimitiveTypeCode.Int16,
                    SignatureTypeCode.UInt16 => PrimitiveTypeCode.UInt16,
                    SignatureTypeCode.UInt32 => PrimitiveTypeCode.UInt32,
                    SignatureTypeCode.Int64 => PrimitiveTypeCode.Int64,
                    SignatureTypeCode.UInt64 => PrimitiveTypeCode.UInt64,
                    _ => PrimitiveTypeCode.Int32,
                };
            }
        }

        return PrimitiveTypeCode.Int32;
    }

    private static bool IsValueType(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var baseName = BaseTypeName(reader, reader.GetTypeDefinition(handle));
        return baseName is "System.ValueType" or "System.Enum";
    }

    private static string? BaseTypeName(MetadataReader reader, TypeDefinition type)
    {
        var baseType = type.BaseType;
        if (baseType.IsNil)
        {
            // Interfaces and System.Object: a nil TypeDefOrRef still reports the TypeDef kind.
            return null;
        }

        return baseType.Kind switch
        {
            HandleKind.TypeReference => MemberNames.Type(reader, (TypeReferenceHandle)baseType),
            HandleKind.TypeDefinition => MemberNames.Type(reader, (TypeDefinitionHandle)baseType),
            _ => null,
        };
    }
}
