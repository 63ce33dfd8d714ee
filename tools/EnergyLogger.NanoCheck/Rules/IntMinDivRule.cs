using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [int-min-div] Reference §2 "Division and overflow": int.MinValue / -1 and int.MinValue % -1 (and the
/// long forms) kill the process on nanoCLR. A signed integer div or rem is reported unless its divisor
/// is a constant other than -1. Most divisors are harmless, so the rule is opt-in (--strict).
/// </summary>
public sealed class IntMinDivRule : IlRule
{
    public const string RuleId = "int-min-div";

    public override string Id => RuleId;

    public override bool StrictOnly => true;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (site.OpCode is not (ILOpCode.Div or ILOpCode.Rem))
        {
            return;
        }

        var divisor = site.Peek(0);
        var dividend = site.Peek(1);
        if (!divisor.IsInteger || !dividend.IsInteger || divisor.IntConstant is { } c && c != -1)
        {
            return;
        }

        hits.Add(
            Id,
            $"signed {site.Instruction.Name} by a divisor that may be -1: MinValue / -1 kills the process on nanoCLR " +
            "(reference §2 'Division and overflow'); rule the pair out first",
            site.Frame,
            site.Instruction.Offset);
    }
}
