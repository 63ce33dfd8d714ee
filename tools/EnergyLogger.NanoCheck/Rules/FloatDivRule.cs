using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [float-div] Reference §2 "Division and overflow": `x / 0.0`, `0.0 / 0.0` and `x % 0.0` throw
/// System.Exception on nanoCLR instead of giving Infinity or NaN. A floating-point div or rem is
/// reported unless its divisor is a non-zero constant.
/// </summary>
public sealed class FloatDivRule : IlRule
{
    public const string RuleId = "float-div";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (site.OpCode is not (ILOpCode.Div or ILOpCode.Rem))
        {
            return;
        }

        var divisor = site.Peek(0);
        if (!divisor.IsFloat && !site.Peek(1).IsFloat)
        {
            return;
        }

        if (IsNonZeroConstant(divisor))
        {
            return;
        }

        hits.Add(
            Id,
            $"floating-point {site.Instruction.Name} by a value that may be 0: nanoCLR throws System.Exception instead of " +
            "giving Infinity or NaN (reference §2 'Division and overflow'); test the divisor first",
            site.Frame,
            site.Instruction.Offset);
    }

    private static bool IsNonZeroConstant(StackValue value) =>
        value.FloatConstant is { } f ? f != 0 : value.IntConstant is { } i && i != 0;
}
