using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Size;

/// <summary>Measures one assembly against reference §1: byte code, string table, per-type, per-method, rows.</summary>
public static class AssemblyMeasurer
{
    public static AssemblyMeasurement Measure(string path)
    {
        using var file = LoadedAssembly.Open(path);
        return Measure(file);
    }

    public static AssemblyMeasurement Measure(LoadedAssembly file)
    {
        var reader = file.Reader;
        var types = new TypeShapeProvider(reader, null);
        var sizes = new List<MethodSize>();
        int byteCode = 0, rawIl = 0;
        Extreme instanceMethods = Extreme.None, virtualMethods = Extreme.None, staticMethods = Extreme.None;
        Extreme staticFields = Extreme.None, instanceFields = Extreme.None;
        Extreme arguments = Extreme.None, locals = Extreme.None, stack = Extreme.None;
        Extreme switches = Extreme.None, clauses = Extreme.None, branches = Extreme.None;

        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = MemberNames.Type(reader, typeHandle);

            // MDP splits a type's methods into virtual, non-virtual instance and static, 255 each
            // (nanoTypeDefinitionTable.cs:274-286); lambdas count in the compiler's <>c class.
            int virtuals = 0, instances = 0, statics = 0;
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if ((method.Attributes & MethodAttributes.Virtual) != 0)
                {
                    virtuals++;
                }
                else if ((method.Attributes & MethodAttributes.Static) != 0)
                {
                    statics++;
                }
                else
                {
                    instances++;
                }

                var methodName = MemberNames.Method(reader, methodHandle);
                arguments = arguments.Max(ArgumentCount(reader, method), methodName);

                var body = file.GetBody(method);
                if (body is null)
                {
                    continue;
                }

                var cost = ByteCodeSize.Measure(body, IlDecoder.Decode(body));
                byteCode += cost.ByteCode;
                rawIl += cost.RawIl;
                sizes.Add(new MethodSize(methodName, cost.ByteCode));
                locals = locals.Max(LocalCount(reader, body), methodName);
                stack = stack.Max(body.MaxStack, methodName);
                switches = switches.Max(cost.MaxSwitchTargets, methodName);
                clauses = clauses.Max(cost.ExceptionClauses, methodName);
                branches = branches.Max(cost.MaxBranchDistance, methodName);
            }

            virtualMethods = virtualMethods.Max(virtuals, typeName);
            instanceMethods = instanceMethods.Max(instances, typeName);
            staticMethods = staticMethods.Max(statics, typeName);

            int staticCount = 0, instanceCount = 0;
            foreach (var fieldHandle in type.GetFields())
            {
                if ((reader.GetFieldDefinition(fieldHandle).Attributes & FieldAttributes.Static) != 0)
                {
                    staticCount++;
                }
                else
                {
                    instanceCount++;
                }
            }

            staticFields = staticFields.Max(staticCount, typeName);
            instanceFields = instanceFields.Max(instanceCount, typeName);
        }

        int memberRefMethods = 0, memberRefFields = 0;
        foreach (var handle in reader.MemberReferences)
        {
            if (reader.GetMemberReference(handle).GetKind() == MemberReferenceKind.Field)
            {
                memberRefFields++;
            }
            else
            {
                memberRefMethods++;
            }
        }

        var typeDefs = reader.GetTableRowCount(TableIndex.TypeDef);
        return new AssemblyMeasurement
        {
            Name = file.Name,
            Path = file.Path,
            ByteCode = byteCode,
            RawIl = rawIl,
            Methods = reader.MethodDefinitions.Count,

            // Row 1 is <Module>, which holds no code of the project.
            Types = Math.Max(0, typeDefs - 1),
            Fields = reader.FieldDefinitions.Count,
            StringBytes = EstimateStringTable(reader),
            InstanceMethodsPerType = instanceMethods,
            VirtualMethodsPerType = virtualMethods,
            StaticMethodsPerType = staticMethods,
            StaticFieldsPerType = staticFields,
            InstanceFieldsPerType = instanceFields,
            Arguments = arguments,
            Locals = locals,
            EvaluationStack = stack,
            SwitchTargets = switches,
            ExceptionClauses = clauses,
            BranchDistance = branches,
            MethodDefRows = reader.GetTableRowCount(TableIndex.MethodDef),
            MemberRefMethodRows = memberRefMethods,
            MemberRefFieldRows = memberRefFields,
            FieldDefRows = reader.GetTableRowCount(TableIndex.Field),
            TypeDefRows = typeDefs,
            TypeRefRows = reader.GetTableRowCount(TableIndex.TypeRef),
            TypeSpecRows = reader.GetTableRowCount(TableIndex.TypeSpec),
            Forbidden = ForbiddenConstructs.Scan(reader, types),
            MethodSizes = sizes.OrderByDescending(s => s.ByteCode).ThenBy(s => s.Method, StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>
    /// The string table MDP builds: each distinct name the tables use (types, namespaces, fields, methods,
    /// parameters, member references) and each user string, stored as UTF-8 with a terminating 0.
    /// </summary>
    public static int EstimateStringTable(MetadataReader reader)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        void Add(StringHandle handle)
        {
            if (!handle.IsNil)
            {
                strings.Add(reader.GetString(handle));
            }
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            Add(type.Name);
            Add(type.Namespace);
        }

        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            Add(type.Name);
            Add(type.Namespace);
        }

        foreach (var handle in reader.FieldDefinitions)
        {
            Add(reader.GetFieldDefinition(handle).Name);
        }

        foreach (var handle in reader.MethodDefinitions)
        {
            var method = reader.GetMethodDefinition(handle);
            Add(method.Name);
            foreach (var parameter in method.GetParameters())
            {
                Add(reader.GetParameter(parameter).Name);
            }
        }

        foreach (var handle in reader.MemberReferences)
        {
            Add(reader.GetMemberReference(handle).Name);
        }

        if (reader.GetHeapSize(HeapIndex.UserString) > 1)
        {
            var handle = MetadataTokens.UserStringHandle(1);
            while (!handle.IsNil)
            {
                strings.Add(reader.GetUserString(handle));
                handle = reader.GetNextHandle(handle);
            }
        }

        strings.Remove(string.Empty);
        return strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
    }

    private static int ArgumentCount(MetadataReader reader, MethodDefinition method)
    {
        var blob = reader.GetBlobReader(method.Signature);
        var header = blob.ReadSignatureHeader();
        if (header.IsGeneric)
        {
            blob.ReadCompressedInteger();
        }

        var parameters = blob.ReadCompressedInteger();
        return parameters + (header.IsInstance ? 1 : 0);
    }

    private static int LocalCount(MetadataReader reader, MethodBodyBlock body)
    {
        if (body.LocalSignature.IsNil)
        {
            return 0;
        }

        var blob = reader.GetBlobReader(reader.GetStandaloneSignature(body.LocalSignature).Signature);
        blob.ReadSignatureHeader();
        return blob.ReadCompressedInteger();
    }
}
