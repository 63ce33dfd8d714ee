using System.Globalization;

namespace EnergyLogger.Host.Cli;

/// <summary>The integers options take: decimal or 0x-prefixed hex, within a range the error states.</summary>
internal static class WholeNumber
{
    public static bool TryParse(string text, int min, int max, out int value)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool ok = hex
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long wide)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out wide);
        ok = ok && wide >= min && wide <= max;
        value = ok ? (int)wide : 0;
        return ok;
    }

    /// <summary>The value of <paramref name="option"/> (named with its dashes), or a usage error that names it.</summary>
    public static int Parse(string option, string text, int min, int max) =>
        TryParse(text, min, max, out int value) ? value : throw new UsageException(Error(option, text, min, max));

    public static string Error(string option, string text, int min, int max) => $"{option} must be a whole number from {min} to {max}, not '{text}'";
}
