using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// One place where nanoCLR computes differently from .NET. <see cref="Method"/> is "Namespace.Type::Method"
/// (or "Namespace.Type" for a type-level hit) and is what an allow-list line names.
/// </summary>
public sealed record IlHit(string RuleId, string Message, string Method, MethodDefinitionHandle MethodHandle, int? IlOffset)
{
    /// <summary>The source line from the PDB; null without a PDB or for a hit outside any method body.</summary>
    public SourceLine? Source { get; init; }

    /// <summary>The allow-list reason when the hit is allowed.</summary>
    public string? AllowedBecause { get; init; }
}

/// <summary>Where rules report. Source lines are filled in by the checker, which owns the PDB.</summary>
public sealed class HitList
{
    private readonly List<IlHit> hits = new();

    public IReadOnlyList<IlHit> Hits => hits;

    public void Add(string ruleId, string message, MethodFrame frame, int ilOffset)
    {
        hits.Add(new IlHit(ruleId, message, frame.Name, frame.Handle, ilOffset));
    }

    public void Add(string ruleId, string message, string member, MethodDefinitionHandle anchor, int? ilOffset)
    {
        hits.Add(new IlHit(ruleId, message, member, anchor, ilOffset));
    }
}
