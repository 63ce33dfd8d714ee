using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [enum-tostring] Reference §2 "Text": Enum.ToString() gives the number ("1") on nanoCLR, not the name.
/// Reported for System.Enum::ToString, for ToString under `constrained. TheEnum` or on a boxed enum, and
/// for a boxed enum given to concatenation or formatting. Enums are recognised in the checked assembly
/// and in the assemblies beside it.
/// </summary>
public sealed class EnumToStringRule : IlRule
{
    public const string RuleId = "enum-tostring";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        var callee = site.Callee;
        if (callee is null)
        {
            return;
        }

        if (callee.Is("System.Enum", "ToString"))
        {
            Report(site, $"{callee.FullName} is called", hits);
            return;
        }

        foreach (var (type, how) in FormattedValues.Find(site))
        {
            if (type.Kind == ShapeKind.Enum)
            {
                Report(site, how, hits);
            }
        }
    }

    private void Report(InstructionSite site, string how, HitList hits)
    {
        hits.Add(
            Id,
            $"{how}: an enum's ToString gives its number on nanoCLR, not its name (reference §2 'Text'); map the value to text explicitly",
            site.Frame,
            site.Instruction.Offset);
    }
}
