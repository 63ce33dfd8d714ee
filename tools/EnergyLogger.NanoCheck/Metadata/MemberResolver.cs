using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>A method as a call, newobj or ldftn names it, with its decoded signature.</summary>
public sealed record MethodTarget(
    TypeShape DeclaringType,
    string Name,
    MethodSignature<TypeShape> Signature,
    bool DefinedHere,
    bool IsGenericInstantiation)
{
    /// <summary>"System.Double::ToString".</summary>
    public string FullName => DeclaringType.FullName + "::" + Name;

    public bool Is(string declaringType, string name) => DeclaringType.FullName == declaringType && Name == name;
}

/// <summary>A field as ldfld, stfld, ldsfld or stsfld names it.</summary>
public sealed record FieldTarget(TypeShape DeclaringType, string Name, TypeShape Type)
{
    public string FullName => DeclaringType.FullName + "::" + Name;
}

/// <summary>Resolves the member tokens of IL operands (cached: a token is decoded once per assembly).</summary>
public sealed class MemberResolver
{
    private readonly MetadataReader reader;
    private readonly Dictionary<EntityHandle, MethodTarget> methods = new();
    private readonly Dictionary<EntityHandle, FieldTarget> fields = new();

    public MemberResolver(MetadataReader reader, TypeShapeProvider types)
    {
        this.reader = reader;
        Types = types;
    }

    public TypeShapeProvider Types { get; }

    public MetadataReader Reader => reader;

    public MethodTarget Method(EntityHandle handle)
    {
        if (methods.TryGetValue(handle, out var known))
        {
            return known;
        }

        var target = handle.Kind switch
        {
            HandleKind.MethodDefinition => FromDefinition((MethodDefinitionHandle)handle),
            HandleKind.MemberReference => FromReference((MemberReferenceHandle)handle),
            HandleKind.MethodSpecification => FromSpecification((MethodSpecificationHandle)handle),
            _ => throw new BadImageFormatException($"token 0x{MetadataTokens.GetToken(handle):x8} is not a method"),
        };
        methods[handle] = target;
        return target;
    }

    public FieldTarget Field(EntityHandle handle)
    {
        if (fields.TryGetValue(handle, out var known))
        {
            return known;
        }

        FieldTarget target;
        if (handle.Kind == HandleKind.FieldDefinition)
        {
            var field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
            target = new FieldTarget(
                Types.FromToken(field.GetDeclaringType()),
                reader.GetString(field.Name),
                field.DecodeSignature(Types, null));
        }
        else if (handle.Kind == HandleKind.MemberReference)
        {
            var member = reader.GetMemberReference((MemberReferenceHandle)handle);
            target = new FieldTarget(Parent(member.Parent), reader.GetString(member.Name), member.DecodeFieldSignature(Types, null));
        }
        else
        {
            throw new BadImageFormatException($"token 0x{MetadataTokens.GetToken(handle):x8} is not a field");
        }

        fields[handle] = target;
        return target;
    }

    /// <summary>The signature of a calli operand (a StandAloneSig token).</summary>
    public MethodSignature<TypeShape> CallSite(EntityHandle handle)
    {
        return reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(Types, null);
    }

    private MethodTarget FromDefinition(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return new MethodTarget(
            Types.FromToken(method.GetDeclaringType()),
            reader.GetString(method.Name),
            method.DecodeSignature(Types, null),
            DefinedHere: true,
            IsGenericInstantiation: false);
    }

    private MethodTarget FromReference(MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        var parent = member.Parent;
        if (parent.Kind == HandleKind.MethodDefinition)
        {
            // A vararg call site names its MethodDef as parent.
            return FromDefinition((MethodDefinitionHandle)parent) with { Signature = member.DecodeMethodSignature(Types, null) };
        }

        return new MethodTarget(
            Parent(parent),
            reader.GetString(member.Name),
            member.DecodeMethodSignature(Types, null),
            DefinedHere: parent.Kind == HandleKind.TypeDefinition,
            IsGenericInstantiation: false);
    }

    private MethodTarget FromSpecification(MethodSpecificationHandle handle)
    {
        var spec = reader.GetMethodSpecification(handle);
        return Method(spec.Method) with { IsGenericInstantiation = true };
    }

    private TypeShape Parent(EntityHandle parent)
    {
        return parent.Kind switch
        {
            HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => Types.FromToken(parent),
            HandleKind.ModuleReference => TypeShape.Named(ShapeKind.Class, "<Module>"),
            _ => TypeShape.Named(ShapeKind.Class, "?"),
        };
    }
}
