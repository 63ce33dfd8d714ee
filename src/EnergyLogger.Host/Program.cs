using System.Reflection;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host;

/// <summary>
/// <c>energylogger VERB [options]</c>. Exit codes: 0 done, 1 the device or the medium failed
/// (timeout, CRC error, exception reply), 2 the command was called wrongly.
/// </summary>
internal static class Program
{
    private sealed record Verb(string Name, string Summary, Func<CommandLine, int> Run);

    // One row per verb; each command lives in its own file under Cli/.
    private static readonly Verb[] Verbs =
    [
        new("run", RunCommand.Summary, RunCommand.Run),
        new("demo", DemoCommand.Summary, DemoCommand.Run),
        new("simulate", SimulateCommand.Summary, SimulateCommand.Run),
        new("fleet", FleetCommand.Summary, FleetCommand.Run),
        new("read", ReadCommand.Summary, ReadCommand.Run),
        new("write", WriteCommand.Summary, WriteCommand.Run),
        new("bench", "cost figures that need no device: planner, per-cycle cost, MQTT bytes, outbox replay", BenchCommand.Run),
        new("provision", ProvisionCommand.Summary, ProvisionCommand.Run),
        new("label", LabelCommand.Summary, LabelCommand.Run),
        new("ota", OtaCommand.Summary, OtaCommand.Run),
        new("map", MapCommand.Summary, MapCommand.Run),
    ];

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? 2 : 0;
        }

        if (args is ["--version"])
        {
            Console.WriteLine(VersionLine());
            return 0;
        }

        Verb? verb = Array.Find(Verbs, v => v.Name == args[0]);
        if (verb is null)
        {
            Console.Error.WriteLine($"energylogger: unknown command '{args[0]}' (try 'energylogger help')");
            return 2;
        }

        try
        {
            return verb.Run(new CommandLine(args[1..]));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"energylogger {verb.Name}: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// "energylogger 1.0.0 (commit 0123456789ab)": the package version and the commit the build was made from, which
    /// the SDK appends to the informational version ("1.0.0+SHA") when it builds from a git checkout.
    /// </summary>
    private static string VersionLine()
    {
        string informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = informational.IndexOf('+');
        string version = plus < 0 ? informational : informational[..plus];
        string commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return $"energylogger {version} (commit {commit[..Math.Min(12, commit.Length)]})";
    }

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: energylogger COMMAND [options]");
        output.WriteLine();
        foreach (Verb verb in Verbs)
        {
            output.WriteLine($"  {verb.Name,-12} {verb.Summary}");
        }

        output.WriteLine();
        output.WriteLine("Run 'energylogger COMMAND --help' for a command's options, 'energylogger --version' for the version.");
    }
}
