using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host;

/// <summary>
/// <c>energylogger VERB [options]</c>. Exit codes: 0 done, 1 the device or the medium failed
/// (timeout, CRC error, exception reply), 2 the command was called wrongly.
/// </summary>
internal static class Program
{
    // Commands keep their own handling of Ctrl+C and SIGTERM, and an unexpected exception stays a crash.
    private static readonly InvocationConfiguration Invocation = new() { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };

    private static int Main(string[] args)
    {
        ParseResult result = Root().Parse(args);
        if (result.Action is ParseErrorAction)
        {
            return UsageErrors.Report(result);
        }

        try
        {
            return result.Invoke(Invocation);
        }
        catch (UsageException e)
        {
            return UsageErrors.Report(result, e.Message);
        }
    }

    /// <summary>One subcommand per verb; each command lives in its own file under Cli/.</summary>
    internal static RootCommand Root()
    {
        var root = new RootCommand("EnergyLogger: the logger's firmware as a Linux RS-485 gateway, and the installer's MODBUS, map, provisioning and update tool.")
        {
            RunCommand.Create(),
            DemoCommand.Create(),
            SimulateCommand.Create(),
            FleetCommand.Create(),
            ScanCommand.Create(),
            ReadCommand.Create(),
            WriteCommand.Create(),
            BenchCommand.Create(),
            ProvisionCommand.Create(),
            LabelCommand.Create(),
            OtaCommand.Create(),
            MapCommand.Create(),
            SubCommand.Create(),
            WatchCommand.Create(),
            ReportCommand.Create(),
        };
        // "energylogger help [COMMAND]" as the tool has always taken it: the same as --help.
        var helpVerb = new Command("help", "the help of the tool or of a command") { Hidden = true };
        var topic = new Argument<string[]>("COMMAND") { Arity = ArgumentArity.ZeroOrMore };
        helpVerb.Add(topic);
        helpVerb.SetAction(result => root.Parse([.. result.GetValue(topic) ?? [], "--help"]).Invoke(Invocation));
        root.Add(helpVerb);
        foreach (Option option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
            }

            if (option.Action is HelpAction help)
            {
                option.Action = new NotedCommand.HelpAction(help);
            }
        }

        return root;
    }

    /// <summary>
    /// "energylogger 1.0.0 (commit 0123456789ab)": the package version and the commit the build was made from, which
    /// the SDK appends to the informational version ("1.0.0+SHA") when it builds from a git checkout.
    /// </summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            string informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = informational.IndexOf('+');
            string version = plus < 0 ? informational : informational[..plus];
            string commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
            Console.WriteLine($"energylogger {version} (commit {commit[..Math.Min(12, commit.Length)]})");
            return 0;
        }
    }
}
