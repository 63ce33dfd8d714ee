using System.CommandLine;
using System.CommandLine.Parsing;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// The kinds of option the commands declare. System.CommandLine parses, rejects unknown options (with typo
/// suggestions), writes the help and completes; a value that is out of range gets one line naming the option.
/// </summary>
internal static class CliOption
{
    public static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    /// <summary>A text option whose values the shell completes; the command checks the value and says what is allowed.</summary>
    public static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { HelpName = string.Join('|', values), Description = description };
        option.CompletionSources.Add(values);
        return option;
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A whole number in [min, max] (decimal or 0x hex) that is <paramref name="defaultValue"/> when not given.</summary>
    public static Option<int> Int(string name, string helpName, string description, int defaultValue, int min, int max) =>
        new(name) { HelpName = helpName, Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => Parse(r, min, max) };

    /// <summary>A whole number in [min, max], or null when not given (the command picks what that means).</summary>
    public static Option<int?> OptionalInt(string name, string helpName, string description, int min, int max) =>
        new(name) { HelpName = helpName, Description = description, CustomParser = r => Parse(r, min, max) };

    /// <summary>True when the option is on the command line (not only its default).</summary>
    public static bool IsGiven(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>The option's value, or the usage error "--name is required".</summary>
    public static string Required(this ParseResult result, Option<string> option) =>
        result.GetValue(option) ?? throw new UsageException($"{option.Name} is required");

    /// <summary>The option's value, or the usage error "--name is required".</summary>
    public static int Required(this ParseResult result, Option<int?> option) =>
        result.GetValue(option) ?? throw new UsageException($"{option.Name} is required");

    private static int Parse(ArgumentResult result, int min, int max)
    {
        string text = result.Tokens[0].Value;
        if (WholeNumber.TryParse(text, min, max, out int value))
        {
            return value;
        }

        result.AddError(WholeNumber.Error(((OptionResult)result.Parent!).Option.Name, text, min, max));
        return 0;
    }
}
