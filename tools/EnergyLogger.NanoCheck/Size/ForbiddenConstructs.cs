using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Size;

/// <summary>
/// Table-level scan for what the 1.x runtime cannot run (reference §1): user-defined generics (any
/// GenericParam or MethodSpec row: MDP writes no generic-parameter table, nanoCLR crashes) and
/// multidimensional arrays (an ArrayShape in any signature: MDP lets one through, nanoCLR crashes).
/// </summary>
public static class ForbiddenConstructs
{
    public static IReadOnlyList<string> Scan(MetadataReader reader, TypeShapeProvider types)
    {
        var found = new List<string>();

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.GenericParam); row++)
        {
            var parameter = reader.GetGenericParameter(MetadataTokens.GenericParameterHandle(row));
            var owner = parameter.Parent.Kind == HandleKind.TypeDefinition
                ? "type " + MemberNames.Type(reader, (TypeDefinitionHandle)parameter.Parent)
                : "method " + MemberNames.Method(reader, (MethodDefinitionHandle)parameter.Parent);
            found.Add($"user-generic: generic parameter {reader.GetString(parameter.Name)} of {owner}");
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            found.Add($"user-generic: generic method instantiation {Describe(reader, spec.Method)}");
        }

        var arrays = new SortedSet<string>(StringComparer.Ordinal);
        void Check(Func<TypeShape?> decode, string where)
        {
            TypeShape? shape;
            try
            {
                shape = decode();
            }
            catch (BadImageFormatException)
            {
                return;
            }

            if (shape is { ContainsMultiArray: true })
            {
                arrays.Add($"multidim-array: {shape.FullName} in {where}");
            }
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            foreach (var fieldHandle in type.GetFields())
            {
                Check(() => reader.GetFieldDefinition(fieldHandle).DecodeSignature(types, null), "field " + MemberNames.Field(reader, fieldHandle));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var name = "method " + MemberNames.Method(reader, methodHandle);
                var signature = method.DecodeSignature(types, null);
                Check(() => signature.ReturnType, name);
                foreach (var parameter in signature.ParameterTypes)
                {
                    Check(() => parameter, name);
                }
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var handle = MetadataTokens.TypeSpecificationHandle(row);
            Check(() => types.FromToken(handle), "a type reference");
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var signature = reader.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
            {
                foreach (var local in signature.DecodeLocalSignature(types, null))
                {
                    Check(() => local, "a local variable");
                }
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MemberRef); row++)
        {
            var member = reader.GetMemberReference(MetadataTokens.MemberReferenceHandle(row));
            var name = reader.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                Check(() => member.DecodeFieldSignature(types, null), "field reference " + name);
            }
            else
            {
                var signature = member.DecodeMethodSignature(types, null);
                Check(() => signature.ReturnType, "method reference " + name);
                foreach (var parameter in signature.ParameterTypes)
                {
                    Check(() => parameter, "method reference " + name);
                }
            }
        }

        found.AddRange(arrays);
        return found;
    }

    private static string Describe(MetadataReader reader, EntityHandle method)
    {
        return method.Kind switch
        {
            HandleKind.MethodDefinition => MemberNames.Method(reader, (MethodDefinitionHandle)method),
            HandleKind.MemberReference => reader.GetString(reader.GetMemberReference((MemberReferenceHandle)method).Name),
            _ => "?",
        };
    }
}
