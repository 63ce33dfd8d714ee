using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// A command whose help ends with notes below its options (how media combine, what the exit codes mean): text a
/// one-line summary in the list of commands is too short for.
/// </summary>
internal sealed class NotedCommand(string name, string summary, string notes) : Command(name, summary)
{
    public string Notes { get; } = notes;

    /// <summary>System.CommandLine's help, then the notes of the command it was asked for.</summary>
    public sealed class HelpAction(System.CommandLine.Help.HelpAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int exit = help.Invoke(parseResult);
            if (parseResult.CommandResult.Command is NotedCommand noted)
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(noted.Notes);
                output.WriteLine();
            }

            return exit;
        }
    }
}
