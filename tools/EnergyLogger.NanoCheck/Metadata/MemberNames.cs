using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// Names as the reports and the allow list spell them: "Namespace.Type", nested types "Outer+Inner"
/// (the .NET Type.FullName form), members "Namespace.Type::Method".
/// </summary>
public static class MemberNames
{
    public static string Type(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return Type(reader, declaring) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string Type(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return Type(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string Method(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return Type(reader, method.GetDeclaringType()) + "::" + reader.GetString(method.Name);
    }

    public static string Field(MetadataReader reader, FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        return Type(reader, field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
    }
}
