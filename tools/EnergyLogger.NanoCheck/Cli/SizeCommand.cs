using System.Globalization;
using EnergyLogger.NanoCheck.Size;

namespace EnergyLogger.NanoCheck.Cli;

/// <summary>`nanocheck size [--budget BYTES] DLL...`: reference §1, byte code and every per-assembly limit.</summary>
public static class SizeCommand
{
    public sealed record Options(int Budget, IReadOnlyList<string> Files);

    public static Options Parse(string[] args)
    {
        var budget = NanoLimits.DefaultBudget;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--budget")
            {
                if (i + 1 >= args.Length
                    || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out budget)
                    || budget <= 0)
                {
                    throw new UsageException("--budget needs a positive number of bytes");
                }

                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return new Options(budget, CommandLine.TakeFiles(rest));
    }

    public static int Run(Options options, TextWriter output)
    {
        var verdicts = Check(options);
        SizeReport.Write(output, verdicts, options.Budget);
        return verdicts.All(v => v.Passed) ? CommandLine.Passed : CommandLine.Failed;
    }

    public static IReadOnlyList<SizeVerdict> Check(Options options)
    {
        return options.Files.Select(f => SizeVerdict.Judge(AssemblyMeasurer.Measure(f), options.Budget)).ToArray();
    }
}
