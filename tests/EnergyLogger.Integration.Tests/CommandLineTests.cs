using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>
/// The command line as System.CommandLine parses it: every verb's generated help, one line and exit code 2 for every
/// wrong call (unknown options with the typo's likely meaning first), and the completions a shell asks for.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly string[] CommandNames =
    [
        "run", "demo", "simulate", "fleet", "read", "write", "bench", "provision", "label",
        "ota", "ota keygen", "ota image", "ota sign", "ota verify",
        "map", "map validate", "map plan", "map from-registers",
    ];

    public static TheoryData<string> Commands => [.. CommandNames];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryCommand_PrintsItsUsageAndOptionsAndExitsZero(string command)
    {
        var outcome = EnergyLoggerProcess.Run([.. command.Split(' '), "--help"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("", outcome.Stderr);
        Assert.Contains($"Usage:\n  energylogger {command} ", outcome.Stdout);
        Assert.Contains("-h, --help", outcome.Stdout);
    }

    [Fact]
    public void Help_Root_ListsEveryVerbOnOneLine()
    {
        var outcome = EnergyLoggerProcess.Run("--help");

        Assert.Equal(0, outcome.ExitCode);
        foreach (string verb in CommandNames.Where(c => !c.Contains(' ')))
        {
            Assert.Contains(outcome.Lines, line => line.StartsWith($"  {verb} ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("help", "Usage:\n  energylogger [command] [options]")]
    [InlineData("help read", "Usage:\n  energylogger read [options]")]
    [InlineData("help map plan", "Usage:\n  energylogger map plan <FILE> [options]")]
    public void Help_AsAVerb_SameAsTheHelpOption(string command, string usage)
    {
        var outcome = EnergyLoggerProcess.Run(command.Split(' '));

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(usage, outcome.Stdout);
    }

    [Fact]
    public void Help_NotedCommand_EndsWithItsNotes()
    {
        var outcome = EnergyLoggerProcess.Run("run", "--help");

        Assert.Contains("--config <FILE> (REQUIRED)", outcome.Stdout);
        Assert.Contains("Exit status: 0 stopped, 1 could not start", outcome.Stdout);
    }

    [Theory]
    [InlineData("read --port /dev/null --adress 3", "energylogger read: unknown option --adress (did you mean --address?)")]
    [InlineData("write --port /dev/null --fc 6 --adress 3 --value 1", "energylogger write: unknown option --adress (did you mean --address?)")]
    [InlineData("reed --port /dev/null", "energylogger: unknown command 'reed' (did you mean read?)")]
    [InlineData("map valdate x.json", "energylogger map: unknown command 'valdate' (did you mean validate?)")]
    public void Typo_UnknownWord_SaysUnknownAndSuggestsTheNearOne(string command, string expected)
    {
        var outcome = EnergyLoggerProcess.Run(command.Split(' '));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(expected + "\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Theory]
    [InlineData("", "energylogger: give run, demo, simulate, fleet, scan, read, write, bench, provision, label, ota, map, sub, watch or report (try 'energylogger --help')")]
    [InlineData("read --port /dev/null --address 1 --address 2", "energylogger read: Option '--address' expects a single argument but 2 were provided.")]
    [InlineData("read --port /dev/null --address", "energylogger read: Required argument missing for option: '--address'.")]
    [InlineData("read --port /dev/null --address 1 --slave 0", "energylogger read: --slave must be a whole number from 1 to 247, not '0'")]
    [InlineData("read --port /dev/null --address 1 extra", "energylogger read: unexpected argument 'extra'")]
    [InlineData("write --port /dev/null --address 1 --value 1", "energylogger write: --fc is required")]
    [InlineData("label", "energylogger label: --out is required")]
    [InlineData("run", "energylogger run: --config is required")]
    [InlineData("map plan", "energylogger map: give FILE (try 'energylogger map plan --help')")]
    [InlineData("ota", "energylogger ota: give keygen, image, sign or verify (try 'energylogger ota --help')")]
    [InlineData("bench mqtt --baud 9600", "energylogger bench: --baud applies to none of the sections run (mqtt)")]
    [InlineData("bench nothing", "energylogger bench: unknown section 'nothing' (sections: planner, cycle, mqtt, outbox, line)")]
    public void WrongCall_ExitsTwoWithOneLine(string command, string expected)
    {
        var outcome = EnergyLoggerProcess.Run(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(expected + "\n", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    // The [suggest:POSITION] directive is what a shell's completion script (docs/tools.md) and dotnet-suggest call.
    [Theory]
    [InlineData("re", "read")]
    [InlineData("read --ad", "--address")]
    [InlineData("read --address 1 --type ", "f32")]
    [InlineData("read --parity ", "even")]
    [InlineData("bench ", "outbox")]
    [InlineData("map ", "from-registers")]
    [InlineData("ota sign --min", "--min-firmware")]
    public void Completion_SuggestDirective_OffersTheWordsThatFit(string line, string expected)
    {
        var outcome = EnergyLoggerProcess.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(expected, outcome.Lines);
    }

    [Fact]
    public void Completion_ToolNameInTheLine_IsSkipped()
    {
        const string line = "energylogger read --word";

        var outcome = EnergyLoggerProcess.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(["--word-order"], outcome.Lines);
    }
}
