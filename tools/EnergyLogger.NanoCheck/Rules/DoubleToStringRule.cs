using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [double-tostring] Reference §2 "Text": nanoCLR's double.ToString keeps 15 digits, does not
/// round-trip, prints a wrong value for 1e15 &lt;= |x| &lt; 1e17, and "R" throws. Any ToString of a
/// double or float, direct, constrained, boxed or through concatenation, is reported.
/// </summary>
public sealed class DoubleToStringRule : IlRule
{
    public const string RuleId = "double-tostring";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        foreach (var (type, how) in FormattedValues.Find(site))
        {
            if (type.IsFloatingPoint)
            {
                var name = type.Primitive == PrimitiveTypeCode.Double ? "double" : "float";
                hits.Add(
                    Id,
                    $"{how}: {name}.ToString on nanoCLR keeps 15 digits, does not round-trip and misprints 1e15..1e17 " +
                    "(reference §2 'Text'); format with the project's own number formatter",
                    site.Frame,
                    site.Instruction.Offset);
            }
        }
    }
}
