using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// How a wrong call is reported: one line on standard error, <c>energylogger VERB: what is wrong</c>, and exit
/// code 2. Of System.CommandLine's parse errors the most telling goes first: a word the command does not know
/// (with the library's typo suggestion), so that <c>--adress 3</c> reads as an unknown option rather than a
/// missing <c>--address</c>; then a missing subcommand; then the first error in command-line order.
/// </summary>
internal static class UsageErrors
{
    public const int ExitCode = 2;

    public static int Report(ParseResult result)
    {
        Print(result, Describe(result));
        return ExitCode;
    }

    public static int Report(ParseResult result, string message)
    {
        Print(result, message);
        return ExitCode;
    }

    private static void Print(ParseResult result, string message)
    {
        string verb = VerbOf(result.CommandResult);
        ConsoleOutput.WrongCall(verb.Length == 0 ? "energylogger" : $"energylogger {verb}", message);
    }

    private static string Describe(ParseResult result)
    {
        Command command = result.CommandResult.Command;
        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            string[] suggested = Suggestions(result, token);
            string hint = suggested.Length > 0 ? $" (did you mean {string.Join(" or ", suggested)}?)" : "";
            if (token.StartsWith('-'))
            {
                return $"unknown option {token}{hint}";
            }

            return command.Subcommands.Count > 0 && command.Action is null
                ? $"unknown command '{token}'{(hint.Length > 0 ? hint : $" ({Names(command.Subcommands)})")}"
                : $"unexpected argument '{token}'";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"give {Names(command.Subcommands)} (try '{Path(result.CommandResult)} --help')";
        }

        ParseError error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Option.Required: true, IdentifierToken: null } missing => $"{missing.Option.Name} is required",
            ArgumentResult { Tokens.Count: 0 } missing => $"give {missing.Argument.Name} (try '{Path(result.CommandResult)} --help')",
            _ => error.Message,
        };
    }

    /// <summary>
    /// The names System.CommandLine's typo correction offers for <paramref name="token"/>. Its parse error action
    /// writes them as text; only words the command really has are taken from it.
    /// </summary>
    private static string[] Suggestions(ParseResult result, string token)
    {
        if (result.Action is not ParseErrorAction action)
        {
            return [];
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        var output = new StringWriter();
        result.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        Command command = result.CommandResult.Command;
        var known = new HashSet<string>(command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Concat(command.Subcommands.Select(c => c.Name)), StringComparer.Ordinal);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        int header = Array.FindIndex(lines, l => l.StartsWith($"'{token}'", StringComparison.Ordinal));
        return header < 0 ? [] : lines.Skip(header + 1).TakeWhile(known.Contains).Where(s => !s.StartsWith("-h", StringComparison.Ordinal) && s != "-?").ToArray();
    }

    private static string Names(IEnumerable<Command> commands)
    {
        string[] names = commands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    /// <summary>The first word after the tool's name ("read", "map"), as the tool's own messages name a command.</summary>
    private static string VerbOf(CommandResult command)
    {
        CommandResult current = command;
        while (current.Parent is CommandResult parent && parent.Parent is CommandResult)
        {
            current = parent;
        }

        return current.Parent is CommandResult ? current.Command.Name : "";
    }

    private static string Path(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{Path(parent)} {command.Command.Name}" : "energylogger";
}
