using System.Globalization;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>--fault LIST</c>: comma-separated rules, each <c>MODE</c> (every request), <c>MODE:P</c> (each
/// request with probability P) or <c>MODE:every=N</c> (every N-th request).
/// </summary>
internal static class FaultOption
{
    public static string ModeList => string.Join(", ", FaultRule.Names.Select(n => n.Name));

    public static FaultRule[] Parse(string? text)
    {
        if (text is null)
        {
            return [];
        }

        return text.Split(',', StringSplitOptions.TrimEntries).Select(ParseRule).ToArray();
    }

    private static FaultRule ParseRule(string rule)
    {
        int colon = rule.IndexOf(':');
        string name = colon < 0 ? rule : rule[..colon];
        FaultKind kind = Array.Find(FaultRule.Names, n => n.Name == name).Kind;
        if (kind == FaultKind.None)
        {
            throw new UsageException($"--fault: unknown mode '{name}' (modes: {ModeList})");
        }

        if (colon < 0)
        {
            return new FaultRule(kind, 1, 0);
        }

        string when = rule[(colon + 1)..];
        if (when.StartsWith("every=", StringComparison.Ordinal))
        {
            return new FaultRule(kind, 0, WholeNumber.Parse("--fault", when["every=".Length..], 1, int.MaxValue));
        }

        bool ok = double.TryParse(when, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double probability);
        return ok && probability > 0 && probability <= 1
            ? new FaultRule(kind, probability, 0)
            : throw new UsageException($"--fault: '{rule}' needs a probability above 0 and at most 1, or every=N");
    }
}
