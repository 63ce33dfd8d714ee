using EnergyLogger.Host.Bench;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger bench [SECTION...]</c>: cost figures of the engine that need no device, as plain
/// tables in one run of a few seconds. With no section every section runs. Counts (requests, bytes, wire
/// time, allocations) are exact; speeds are ratios against a baseline measured in the same run, and the
/// BenchmarkDotNet suites in tools/EnergyLogger.Benchmarks give them with statistics.
/// </summary>
internal static class BenchCommand
{
    /// <summary>
    /// A section reads its options and data in Prepare, so that every mistake is reported before the
    /// first table is printed, and returns what prints its table.
    /// </summary>
    private sealed record Section(string Name, string Summary, Func<CommandLine, Action<TextWriter>> Prepare, Action<TextWriter> PrintOptions);

    // One row per section, run in this order.
    private static readonly Section[] Sections =
    [
        new("planner", "requests and wire time per poll cycle of the read planners", PlannerReport.Prepare, PlannerReport.PrintOptions),
        new("cycle", "decode, computed fields, mapper and JSON per poll cycle: time and allocations", CycleCostReport.Prepare, CycleCostReport.PrintOptions),
        new("mqtt", "bytes on the wire per published sample, single and batched", WireCostReport.Prepare, _ => { }),
        new("outbox", "a day offline at 10 s: store, reopen and replay rate of the outbox in a directory", OutboxReplayReport.Prepare, OutboxReplayReport.PrintOptions),
        new("line", "poll cycles timed against their wire time, on the simulated line or a tty", LineTimingReport.Prepare, LineTimingReport.PrintOptions),
    ];

    public static int Run(CommandLine command)
    {
        if (command.Flag("help"))
        {
            PrintUsage(Console.Out);
            return 0;
        }

        Section[] chosen = command.Positional.Count == 0 ? Sections : command.Positional.Select(Find).ToArray();
        Action<TextWriter>[] runs = chosen.Select(section => section.Prepare(command)).ToArray();
        command.RejectUnknown();
        for (int i = 0; i < runs.Length; i++)
        {
            if (i > 0)
            {
                Console.Out.WriteLine();
            }

            runs[i](Console.Out);
        }

        return 0;
    }

    private static Section Find(string name) =>
        Array.Find(Sections, s => s.Name == name)
        ?? throw new UsageException($"unknown section '{name}' (sections: {string.Join(", ", Sections.Select(s => s.Name))})");

    private static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: energylogger bench [SECTION...] [options]");
        output.WriteLine();
        foreach (Section section in Sections)
        {
            output.WriteLine($"  {section.Name,-12} {section.Summary}");
            section.PrintOptions(output);
        }
    }
}
