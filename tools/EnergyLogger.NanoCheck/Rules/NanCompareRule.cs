using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [nan-compare] Reference §2 "Comparisons with NaN": on nanoCLR `a > b` and `a >= b` are true when an
/// operand is NaN. C# emits these opcodes for `>`, `>=`, `!(a &lt; b)` and `!(a &lt;= b)` on floating
/// point; `&lt;`, `&lt;=`, `==`, `!=` compile to clt, cgt.un+ceq, blt, ble, bge.un, bgt.un, beq, bne.un,
/// which nanoCLR gets right. Integer comparisons use the same opcodes correctly and are not reported.
/// </summary>
public sealed class NanCompareRule : IlRule
{
    public const string RuleId = "nan-compare";

    public const string Message =
        "floating-point > or >= is true with NaN on nanoCLR: write it as b < a / b <= a, or test double.IsNaN first";

    public override string Id => RuleId;

    /// <summary>A cgt, clt.un, bgt, bge, ble.un or blt.un whose operands are floating point.</summary>
    public static bool IsUnsafeFloatComparison(InstructionSite site)
    {
        return site.OpCode is ILOpCode.Cgt or ILOpCode.Clt_un
            or ILOpCode.Bgt or ILOpCode.Bgt_s or ILOpCode.Bge or ILOpCode.Bge_s
            or ILOpCode.Ble_un or ILOpCode.Ble_un_s or ILOpCode.Blt_un or ILOpCode.Blt_un_s
            && (site.Peek(0).IsFloat || site.Peek(1).IsFloat);
    }

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (IsUnsafeFloatComparison(site))
        {
            hits.Add(Id, Message, site.Frame, site.Instruction.Offset);
            return;
        }

        if (site.Callee is { } callee && site.Callees is { } callees)
        {
            // A call that hands a possible NaN to a parameter the callee compares unsafely.
            var exposed = callees.Of(site.Instruction.TokenHandle)
                .Where(p => p.Index < callee.Signature.ParameterTypes.Length && MayBeNaN(site.Argument(callee, p.Index)))
                .ToList();
            if (exposed.Count > 0)
            {
                var names = string.Join(", ", exposed.Select(p => $"'{p.Name}'"));
                hits.Add(
                    Id,
                    $"calls {callee.FullName}, whose floating-point > or >= on {names} is true with NaN on nanoCLR ({exposed[0].Where}): " +
                    "make that comparison NaN-safe (b < a / b <= a), or test double.IsNaN before the call",
                    site.Frame,
                    site.Instruction.Offset);
            }
        }
    }

    private static bool MayBeNaN(StackValue value)
    {
        if ((value.Origin & ValueOrigin.FromInteger) != 0)
        {
            return false;
        }

        return value.FloatConstant is not { } constant || double.IsNaN(constant);
    }
}
