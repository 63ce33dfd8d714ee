using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// A rule that reports calls to library methods whose nanoCLR behaviour differs from .NET's
/// (reference §2). Subclasses say which methods and why.
/// </summary>
public abstract class CalledApiRule : IlRule
{
    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        if (site.Callee is { } callee && Matches(site, callee))
        {
            hits.Add(Id, $"{callee.FullName}: {Why}", site.Frame, site.Instruction.Offset);
        }
    }

    /// <summary>What nanoCLR does differently, and what to do instead.</summary>
    protected abstract string Why { get; }

    protected abstract bool Matches(InstructionSite site, MethodTarget callee);
}

/// <summary>
/// [hashtable-order] Reference §2 "Types, statics and time": Hashtable enumerates in a different order
/// on nanoCLR. Reported for GetEnumerator, Keys and Values on a Hashtable, also through the collection
/// interfaces when the receiver is known to be a Hashtable.
/// </summary>
public sealed class HashtableOrderRule : CalledApiRule
{
    public const string RuleId = "hashtable-order";

    public override string Id => RuleId;

    protected override string Why =>
        "Hashtable enumeration order differs on nanoCLR (reference §2 'Types, statics and time'); never let output depend on it: sort, or keep an ordered list";

    protected override bool Matches(InstructionSite site, MethodTarget callee)
    {
        if (callee.Name is not ("GetEnumerator" or "get_Keys" or "get_Values"))
        {
            return false;
        }

        return callee.DeclaringType.FullName == "System.Collections.Hashtable"
            || site.Receiver(callee)?.Type?.FullName == "System.Collections.Hashtable";
    }
}

/// <summary>[base64-empty] Reference §2 "Text": Convert.ToBase64String(new byte[0]) returns 4 garbage characters.</summary>
public sealed class Base64EmptyRule : CalledApiRule
{
    public const string RuleId = "base64-empty";

    public override string Id => RuleId;

    protected override string Why =>
        "returns 4 garbage characters for an empty array on nanoCLR (reference §2 'Text'); guard the empty case, then allow-list the call with the reason";

    protected override bool Matches(InstructionSite site, MethodTarget callee) => callee.Is("System.Convert", "ToBase64String");
}

/// <summary>
/// [tryparse] Reference §2 "Text": int.TryParse and long.TryParse leave MinValue in the out value on bad
/// input (.NET: 0). All the integer TryParse methods are reported.
/// </summary>
public sealed class TryParseRule : CalledApiRule
{
    public const string RuleId = "tryparse";

    private static readonly HashSet<string> IntegerTypes = new(StringComparer.Ordinal)
    {
        "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
        "System.Int32", "System.UInt32", "System.Int64", "System.UInt64",
    };

    public override string Id => RuleId;

    protected override string Why =>
        "leaves MinValue in the out value on failure on nanoCLR, not 0 (reference §2 'Text'); use the value only when it returns true";

    protected override bool Matches(InstructionSite site, MethodTarget callee) =>
        callee.Name == "TryParse" && IntegerTypes.Contains(callee.DeclaringType.FullName);
}
