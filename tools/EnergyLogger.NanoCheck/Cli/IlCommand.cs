using EnergyLogger.NanoCheck.Rules;

namespace EnergyLogger.NanoCheck.Cli;

/// <summary>`nanocheck il [--allow FILE] [--strict] DLL...`: reference §2, where nanoCLR computes differently.</summary>
public static class IlCommand
{
    public sealed record Options(string? AllowFile, bool Strict, IReadOnlyList<string> Files);

    public static Options Parse(string[] args)
    {
        string? allow = null;
        var strict = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--allow":
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException("--allow needs a file");
                    }

                    allow = args[++i];
                    break;
                case "--strict":
                    strict = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new Options(allow, strict, CommandLine.TakeFiles(rest));
    }

    public static int Run(Options options, TextWriter output)
    {
        var (results, stale) = Check(options);
        IlReport.Write(output, results, stale);
        var failed = stale.Count > 0 || results.Any(r => r.Hits.Any(h => h.AllowedBecause is null));
        return failed ? CommandLine.Failed : CommandLine.Passed;
    }

    public static (IReadOnlyList<AssemblyHits> Results, IReadOnlyList<AllowEntry> Stale) Check(Options options)
    {
        var allow = options.AllowFile is null ? AllowList.Empty : AllowList.Load(options.AllowFile);
        var results = options.Files.Select(f => IlChecker.Check(f, options.Strict)).ToList();
        return allow.Apply(results);
    }
}
