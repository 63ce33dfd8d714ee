using System.Reflection.Emit;
using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [user-generic] Reference §1: the 1.x runtime has no generics. MDP writes no generic-parameter table,
/// so a generic type or method compiles and then crashes nanoCLR. Reported at each generic declaration
/// (GenericParam rows) and at each use of a generic instantiation outside generic code.
/// </summary>
public sealed class UserGenericRule : IlRule
{
    public const string RuleId = "user-generic";

    private const string Why = "nanoFramework 1.x has no generics: MDP drops the generic parameters and nanoCLR crashes (reference §1); use object or a concrete type";

    public override string Id => RuleId;

    public override void CheckAssembly(LoadedAssembly assembly, MemberResolver resolver, HitList hits)
    {
        var reader = assembly.Reader;
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            if (type.GetGenericParameters().Count > 0)
            {
                var name = MemberNames.Type(reader, typeHandle);
                hits.Add(Id, $"generic type {name}: {Why}", name, TypeAnchors.FirstMethodWithBody(reader, typeHandle), null);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                if (reader.GetMethodDefinition(methodHandle).GetGenericParameters().Count > 0)
                {
                    var name = MemberNames.Method(reader, methodHandle);
                    hits.Add(Id, $"generic method {name}: {Why}", name, methodHandle, null);
                }
            }
        }
    }

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        var ins = site.Instruction;
        if (ins.Token == 0 || ins.OperandType is OperandType.InlineString or OperandType.InlineSig)
        {
            return;
        }

        var reader = site.Resolver.Types;
        string? what = ins.TokenHandle.Kind switch
        {
            HandleKind.MethodSpecification => $"instantiates generic method {site.Resolver.Method(ins.TokenHandle).FullName}",
            HandleKind.MemberReference or HandleKind.MethodDefinition when ins.OperandType == OperandType.InlineMethod
                && site.Resolver.Method(ins.TokenHandle).DeclaringType.ContainsGeneric
                => $"uses generic type {site.Resolver.Method(ins.TokenHandle).DeclaringType.FullName}",
            HandleKind.MemberReference when ins.OperandType == OperandType.InlineField
                && site.Resolver.Field(ins.TokenHandle).DeclaringType.ContainsGeneric
                => $"uses generic type {site.Resolver.Field(ins.TokenHandle).DeclaringType.FullName}",
            HandleKind.TypeSpecification when reader.FromToken(ins.TokenHandle).ContainsGeneric
                => $"uses generic type {reader.FromToken(ins.TokenHandle).FullName}",
            _ => null,
        };

        if (what is not null && !TypeAnchors.IsInsideGeneric(site.Resolver.Reader, site.Frame.Handle))
        {
            hits.Add(Id, $"{ins.Name} {what}: {Why}", site.Frame, ins.Offset);
        }
    }
}
