using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [string-compare] Reference §2 "Text": string.Compare is ordinal on nanoCLR and returns the character
/// difference (31, say), not -1/0/1. Its result (followed through locals) is reported where it is
/// compared with anything but the constant 0, or switched on; `&lt; 0`, `== 0`, `> 0` are fine.
/// </summary>
public sealed class StringCompareRule : IlRule
{
    public const string RuleId = "string-compare";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (site.OpCode == ILOpCode.Switch)
        {
            if (IsCompareResult(site.Peek()))
            {
                Report(site, "switched on", hits);
            }

            return;
        }

        if (!IsComparison(site.OpCode))
        {
            return;
        }

        var right = site.Peek(0);
        var left = site.Peek(1);
        if ((IsCompareResult(left) && !IsZero(right)) || (IsCompareResult(right) && !IsZero(left)))
        {
            Report(site, "compared with a value other than 0", hits);
        }
    }

    private static bool IsCompareResult(StackValue value) => (value.Origin & ValueOrigin.StringCompare) != 0;

    private static bool IsZero(StackValue value) => value.IntConstant == 0;

    private static bool IsComparison(ILOpCode op) => op is
        ILOpCode.Ceq or ILOpCode.Cgt or ILOpCode.Cgt_un or ILOpCode.Clt or ILOpCode.Clt_un
        or ILOpCode.Beq or ILOpCode.Beq_s or ILOpCode.Bne_un or ILOpCode.Bne_un_s
        or ILOpCode.Bge or ILOpCode.Bge_s or ILOpCode.Bge_un or ILOpCode.Bge_un_s
        or ILOpCode.Bgt or ILOpCode.Bgt_s or ILOpCode.Bgt_un or ILOpCode.Bgt_un_s
        or ILOpCode.Ble or ILOpCode.Ble_s or ILOpCode.Ble_un or ILOpCode.Ble_un_s
        or ILOpCode.Blt or ILOpCode.Blt_s or ILOpCode.Blt_un or ILOpCode.Blt_un_s;

    private void Report(InstructionSite site, string how, HitList hits)
    {
        hits.Add(
            Id,
            $"the result of String.Compare/CompareTo is {how}: on nanoCLR it is the character difference, not -1/0/1 " +
            "(reference §2 'Text'); compare it with 0 only",
            site.Frame,
            site.Instruction.Offset);
    }
}
