using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// Type-level hits (a generic type, a field) have no IL offset; they are placed at the first method of
/// the type that has a body, whose first sequence point names the type's source file.
/// </summary>
public static class TypeAnchors
{
    public static MethodDefinitionHandle FirstMethodWithBody(MetadataReader reader, TypeDefinitionHandle type)
    {
        foreach (var handle in reader.GetTypeDefinition(type).GetMethods())
        {
            if (reader.GetMethodDefinition(handle).RelativeVirtualAddress != 0)
            {
                return handle;
            }
        }

        return default;
    }

    /// <summary>True when the method or its declaring types are generic (reported once, at the declaration).</summary>
    public static bool IsInsideGeneric(MetadataReader reader, MethodDefinitionHandle method)
    {
        var definition = reader.GetMethodDefinition(method);
        if (definition.GetGenericParameters().Count > 0)
        {
            return true;
        }

        var type = definition.GetDeclaringType();
        while (!type.IsNil)
        {
            var typeDefinition = reader.GetTypeDefinition(type);
            if (typeDefinition.GetGenericParameters().Count > 0)
            {
                return true;
            }

            type = typeDefinition.GetDeclaringType();
        }

        return false;
    }
}
