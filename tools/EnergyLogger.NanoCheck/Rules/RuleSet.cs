namespace EnergyLogger.NanoCheck.Rules;

/// <summary>Every rule of `nanocheck il`, in the order of reference §1 and §2.</summary>
public static class RuleSet
{
    public static IReadOnlyList<IlRule> All { get; } = new IlRule[]
    {
        new UserGenericRule(),
        new MultidimArrayRule(),
        new NanCompareRule(),
        new FloatDivRule(),
        new IntMinDivRule(),
        new FloatToIntRule(),
        new UnsignedWidenRule(),
        new DoubleToStringRule(),
        new StringCompareRule(),
        new TryParseRule(),
        new Base64EmptyRule(),
        new EnumToStringRule(),
        new StaticConstructorRule(),
        new HashtableOrderRule(),
    };

    public static IReadOnlyList<IlRule> Active(bool strict) => All.Where(r => strict || !r.StrictOnly).ToArray();

    public static bool IsKnown(string id) => All.Any(r => r.Id == id);
}
