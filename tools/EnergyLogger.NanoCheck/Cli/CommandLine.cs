using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Cli;

/// <summary>A wrongly called command: one line on stderr and exit 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The command line: `nanocheck size` and `nanocheck il`. Exit codes: 0 all checks pass, 1 a check
/// fails (printed on stdout), 2 wrong usage or an unreadable input (one line on stderr).
/// </summary>
public static class CommandLine
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public const string Usage =
        "usage: nanocheck size [--budget BYTES] DLL...\n" +
        "       nanocheck il [--allow FILE] [--strict] DLL...";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0)
            {
                throw new UsageException("no command given");
            }

            var rest = args.Skip(1).ToArray();
            switch (args[0])
            {
                case "size":
                    return SizeCommand.Run(SizeCommand.Parse(rest), output);
                case "il":
                    return IlCommand.Run(IlCommand.Parse(rest), output);
                case "-h":
                case "--help":
                case "help":
                    output.WriteLine(Usage);
                    return Passed;
                default:
                    throw new UsageException($"unknown command '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            error.WriteLine($"nanocheck: {e.Message}");
            error.WriteLine(Usage);
            return BadInput;
        }
        catch (InputException e)
        {
            error.WriteLine($"nanocheck: {e.Message}");
            return BadInput;
        }
    }

    /// <summary>Splits options (with their values) from the DLL paths; each DLL must exist.</summary>
    internal static List<string> TakeFiles(IEnumerable<string> args)
    {
        var files = new List<string>();
        foreach (var arg in args)
        {
            if (arg.StartsWith('-'))
            {
                throw new UsageException($"unknown option '{arg}'");
            }

            if (!File.Exists(arg))
            {
                throw new InputException($"cannot read {arg}: no such file");
            }

            files.Add(arg);
        }

        if (files.Count == 0)
        {
            throw new UsageException("no DLL given");
        }

        return files;
    }
}
