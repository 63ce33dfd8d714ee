using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>A method prepared for simulation: its decoded IL, and the declared types of its variables.</summary>
public sealed class MethodFrame
{
    private MethodFrame(
        MethodDefinitionHandle handle,
        string name,
        MethodBodyBlock body,
        IReadOnlyList<IlInstruction> instructions,
        IReadOnlyList<TypeShape> arguments,
        IReadOnlyList<string> argumentNames,
        IReadOnlyList<TypeShape> locals,
        TypeShape returnType)
    {
        Handle = handle;
        Name = name;
        Body = body;
        Instructions = instructions;
        Arguments = arguments;
        ArgumentNames = argumentNames;
        Locals = locals;
        ReturnType = returnType;
        AddressTaken = new bool[arguments.Count + locals.Count];
        foreach (var instruction in instructions)
        {
            // A variable whose address is taken can change behind the simulator's back: no stored facts.
            switch (instruction.OpCode)
            {
                case ILOpCode.Ldarga or ILOpCode.Ldarga_s:
                    AddressTaken[instruction.Integer] = true;
                    break;
                case ILOpCode.Ldloca or ILOpCode.Ldloca_s:
                    AddressTaken[arguments.Count + instruction.Integer] = true;
                    break;
            }
        }
    }

    public MethodDefinitionHandle Handle { get; }

    /// <summary>"Namespace.Type::Method", as hits and the allow list name it.</summary>
    public string Name { get; }

    public bool IsStaticConstructor => Name.EndsWith("::.cctor", StringComparison.Ordinal);

    public MethodBodyBlock Body { get; }

    public IReadOnlyList<IlInstruction> Instructions { get; }

    /// <summary>Argument types, `this` first for instance methods (a by-ref for value types).</summary>
    public IReadOnlyList<TypeShape> Arguments { get; }

    public IReadOnlyList<string> ArgumentNames { get; }

    public IReadOnlyList<TypeShape> Locals { get; }

    public TypeShape ReturnType { get; }

    public bool[] AddressTaken { get; }

    public int VariableCount => Arguments.Count + Locals.Count;

    public static MethodFrame Create(LoadedAssembly assembly, MethodDefinitionHandle handle, MethodBodyBlock body, TypeShapeProvider types)
    {
        var reader = assembly.Reader;
        var method = reader.GetMethodDefinition(handle);
        var signature = method.DecodeSignature(types, null);

        var arguments = new List<TypeShape>();
        var names = new List<string>();
        if (signature.Header.IsInstance)
        {
            var declaring = types.FromToken(method.GetDeclaringType());
            arguments.Add(declaring.Kind is ShapeKind.ValueType or ShapeKind.Enum
                ? types.GetByReferenceType(declaring)
                : declaring);
            names.Add("this");
        }

        var parameterNames = new string[signature.ParameterTypes.Length];
        foreach (var parameterHandle in method.GetParameters())
        {
            var parameter = reader.GetParameter(parameterHandle);
            if (parameter.SequenceNumber >= 1 && parameter.SequenceNumber <= parameterNames.Length)
            {
                parameterNames[parameter.SequenceNumber - 1] = reader.GetString(parameter.Name);
            }
        }

        for (var i = 0; i < signature.ParameterTypes.Length; i++)
        {
            arguments.Add(signature.ParameterTypes[i]);
            names.Add(parameterNames[i] ?? $"A_{i}");
        }

        var locals = body.LocalSignature.IsNil
            ? (IReadOnlyList<TypeShape>)Array.Empty<TypeShape>()
            : reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(types, null);

        return new MethodFrame(
            handle,
            MemberNames.Method(reader, handle),
            body,
            IlDecoder.Decode(body),
            arguments,
            names,
            locals,
            signature.ReturnType);
    }
}
