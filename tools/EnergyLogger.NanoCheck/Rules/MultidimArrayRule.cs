using System.Reflection.Emit;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [multidim-array] Reference §1: multidimensional arrays (`int[,]`) are not supported; one got through
/// MDP and crashed nanoCLR. Reported at each instruction that creates or indexes one, at each method
/// whose signature or locals hold one, and at each field of such a type. Jagged arrays are fine.
/// </summary>
public sealed class MultidimArrayRule : IlRule
{
    public const string RuleId = "multidim-array";

    private const string Why = "nanoCLR does not support multidimensional arrays (reference §1); use a jagged array (int[][]) or index a flat array";

    public override string Id => RuleId;

    public override void CheckAssembly(LoadedAssembly assembly, MemberResolver resolver, HitList hits)
    {
        var reader = assembly.Reader;
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            foreach (var fieldHandle in reader.GetTypeDefinition(typeHandle).GetFields())
            {
                var type = resolver.Field(fieldHandle).Type;
                if (type.ContainsMultiArray)
                {
                    var name = MemberNames.Field(reader, fieldHandle);
                    hits.Add(Id, $"field {name} is a {type.FullName}: {Why}", name, TypeAnchors.FirstMethodWithBody(reader, typeHandle), null);
                }
            }
        }
    }

    public override void CheckMethod(MethodFrame frame, MemberResolver resolver, HitList hits)
    {
        var where = frame.Arguments.Concat(new[] { frame.ReturnType }).FirstOrDefault(t => t.ContainsMultiArray) is { } signature
            ? $"signature uses {signature.FullName}"
            : frame.Locals.FirstOrDefault(t => t.ContainsMultiArray) is { } local
                ? $"local of type {local.FullName}"
                : null;
        if (where is not null)
        {
            hits.Add(Id, $"method {where}: {Why}", frame.Name, frame.Handle, null);
        }
    }

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        var ins = site.Instruction;
        TypeShape? shape = ins.OperandType switch
        {
            OperandType.InlineMethod => site.Resolver.Method(ins.TokenHandle).DeclaringType,
            OperandType.InlineField => site.Resolver.Field(ins.TokenHandle).Type,
            OperandType.InlineType => site.Resolver.Types.FromToken(ins.TokenHandle),
            OperandType.InlineTok when ins.TokenHandle.Kind is System.Reflection.Metadata.HandleKind.TypeDefinition
                or System.Reflection.Metadata.HandleKind.TypeReference or System.Reflection.Metadata.HandleKind.TypeSpecification
                => site.Resolver.Types.FromToken(ins.TokenHandle),
            _ => null,
        };

        if (shape is { ContainsMultiArray: true })
        {
            hits.Add(Id, $"{ins.Name} uses {shape.FullName}: {Why}", site.Frame, ins.Offset);
        }
    }
}
