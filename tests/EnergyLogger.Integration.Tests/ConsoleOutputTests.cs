using System.Diagnostics;
using EnergyLogger.Host.Cli;
using Xunit;

namespace EnergyLogger.Integration.Tests;

/// <summary>
/// Plain output when standard output is redirected (what scripts and these tests read), Spectre.Console's tables and
/// colours when it is a terminal: the tool run under <c>script</c>, which gives it a pseudo-terminal.
/// </summary>
public sealed class ConsoleOutputTests
{
    [Theory]
    [InlineData("bench mqtt")]
    [InlineData("map plan {maps}/growatt-sph.json")]
    [InlineData("read --adress 3")]
    public void Redirected_AnyCommand_WritesNoEscapesAndNoBoxes(string command)
    {
        var outcome = EnergyLoggerProcess.Run(Args(command));

        string all = outcome.Stdout + outcome.Stderr;
        Assert.DoesNotContain('\u001b', all);
        Assert.DoesNotContain('│', all);
    }

    [Fact]
    public void Terminal_BenchTable_DrawnWithBordersAndTheSameFigures()
    {
        string output = OnTerminal("bench mqtt");

        Assert.Contains("│ sample ", output);
        Assert.Contains("╭", output);
        Assert.Contains("deye-sg04lp3", output);
    }

    [Fact]
    public void Terminal_WrongCall_PlaceInColourMessagePlain()
    {
        string output = OnTerminal("read --adress 3");

        Assert.Contains("\u001b[", output);
        Assert.Contains("energylogger read:\u001b[0m unknown option --adress (did you mean --address?)", output);
    }

    // Each row: the columns as C# formatting writes them, and the same line from the table's cells.
    [Theory]
    [InlineData("deye-sg04lp3           55  one per point               55    1281.3    3.49x", "deye-sg04lp3", "55", "one per point", "55", "1281.3", "3.49x")]
    [InlineData("                           ours (DP)                    6     366.7    1.00x", "", "", "ours (DP)", "6", "366.7", "1.00x")]
    [InlineData("total" + "                   " + "1", "total", "1")]
    public void Plain_Row_MatchesFixedWidthFormatting(string expected, params string[] cells)
    {
        var table = new OutputTable(new("map", -18), new("points", 6), new("strategy", -21, "  "), new("requests", 8), new("ms/cycle", 9), new("vs ours", 8)) { PlainHeader = false };
        table.Add(cells);
        var output = new StringWriter();

        table.Write(output);

        Assert.Equal(expected + Environment.NewLine, output.ToString());
    }

    private static string[] Args(string command) =>
        command.Replace("{maps}", Path.Combine(AppContext.BaseDirectory, "maps"), StringComparison.Ordinal).Split(' ');

    /// <summary>The tool's output as a terminal 150 columns wide receives it.</summary>
    private static string OnTerminal(string command)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo("script", ["-qec", $"stty cols 150 rows 40; {dotnet} {dll} {command}", "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("NO_COLOR");
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), command);
        return output;
    }
}
