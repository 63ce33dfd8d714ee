using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [float-to-int] Reference §2 "Division and overflow": float-to-integer conversion does not saturate on
/// nanoCLR ((int)1e10 = 1410065408, (long)NaN = long.MinValue) and rests on C undefined behaviour on the
/// device. Every conv to an integer type applied to a floating-point value is reported.
/// </summary>
public sealed class FloatToIntRule : IlRule
{
    public const string RuleId = "float-to-int";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (IsIntegerConversion(site.OpCode) && site.Peek().IsFloat)
        {
            hits.Add(
                Id,
                $"{site.Instruction.Name} of a floating-point value does not saturate on nanoCLR ((int)1e10 = 1410065408, NaN gives MinValue) " +
                "(reference §2 'Division and overflow'); range-check (and NaN-check) before converting",
                site.Frame,
                site.Instruction.Offset);
        }
    }

    private static bool IsIntegerConversion(ILOpCode op) => op is
        ILOpCode.Conv_i1 or ILOpCode.Conv_i2 or ILOpCode.Conv_i4 or ILOpCode.Conv_i8 or ILOpCode.Conv_i
        or ILOpCode.Conv_u1 or ILOpCode.Conv_u2 or ILOpCode.Conv_u4 or ILOpCode.Conv_u8 or ILOpCode.Conv_u
        or ILOpCode.Conv_ovf_i1 or ILOpCode.Conv_ovf_i2 or ILOpCode.Conv_ovf_i4 or ILOpCode.Conv_ovf_i8 or ILOpCode.Conv_ovf_i
        or ILOpCode.Conv_ovf_u1 or ILOpCode.Conv_ovf_u2 or ILOpCode.Conv_ovf_u4 or ILOpCode.Conv_ovf_u8 or ILOpCode.Conv_ovf_u
        or ILOpCode.Conv_ovf_i1_un or ILOpCode.Conv_ovf_i2_un or ILOpCode.Conv_ovf_i4_un or ILOpCode.Conv_ovf_i8_un or ILOpCode.Conv_ovf_i_un
        or ILOpCode.Conv_ovf_u1_un or ILOpCode.Conv_ovf_u2_un or ILOpCode.Conv_ovf_u4_un or ILOpCode.Conv_ovf_u8_un or ILOpCode.Conv_ovf_u_un;
}
