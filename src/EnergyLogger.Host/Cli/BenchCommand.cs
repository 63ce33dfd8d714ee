using System.CommandLine;
using EnergyLogger.Host.Bench;
using EnergyLogger.Host.Planning;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger bench [SECTION...]</c>: cost figures of the engine that need no device, as plain
/// tables in one run of a few seconds. With no section every section runs. Counts (requests, bytes, wire
/// time, allocations) are exact; speeds are ratios against a baseline measured in the same run, and the
/// BenchmarkDotNet suites in tools/EnergyLogger.Benchmarks give them with statistics.
/// </summary>
internal sealed class BenchCommand
{
    /// <summary>
    /// A section reads its options and data in Prepare, so that every mistake is reported before the
    /// first table is printed, and returns what prints its table.
    /// </summary>
    private sealed record Section(string Name, string Summary, Func<ParseResult, BenchOptions, Action<TextWriter>> Prepare, Func<BenchOptions, Option[]> Uses);

    // One row per section, run in this order.
    private static readonly Section[] Sections =
    [
        new("planner", "requests and wire time per poll cycle of the read planners", PlannerReport.Prepare, o => [o.Baud, o.Points]),
        new("cycle", "decode, computed fields, mapper and JSON per poll cycle: time and allocations", CycleCostReport.Prepare, o => [o.Map]),
        new("mqtt", "bytes on the wire per published sample, single and batched", WireCostReport.Prepare, o => [o.Map]),
        new("outbox", "a day offline at 10 s: store, reopen and replay rate of the outbox in a directory", OutboxReplayReport.Prepare, o => [o.Map, o.Dir, o.Hours, .. o.Broker.All]),
        new("line", "poll cycles timed against their wire time, on the simulated line or a tty", LineTimingReport.Prepare, o => [o.Map, o.Port, o.Baud, o.Cycles, o.TurnaroundMs]),
    ];

    private readonly BenchOptions _options = new();

    private readonly Argument<string[]> _sections = new("SECTION")
    {
        Arity = ArgumentArity.ZeroOrMore,
        Description = "the sections to run [default: all]: " + string.Join("; ", Sections.Select(s => $"{s.Name}: {s.Summary}")),
    };

    public static Command Create()
    {
        var bench = new BenchCommand();
        bench._sections.CompletionSources.Add(Sections.Select(s => s.Name).ToArray());
        var command = new Command("bench", "cost figures that need no device: planner, per-cycle cost, MQTT bytes, outbox replay, line timing") { bench._sections };
        Array.ForEach(bench._options.All, command.Add);
        command.SetAction(bench.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        string[] names = result.GetValue(_sections) ?? [];
        Section[] chosen = names.Length == 0 ? Sections : names.Select(Find).ToArray();
        RejectUnused(result, chosen);
        Action<TextWriter>[] runs = chosen.Select(section => section.Prepare(result, _options)).ToArray();
        for (int i = 0; i < runs.Length; i++)
        {
            if (i > 0)
            {
                Console.Out.WriteLine();
            }

            Run(chosen[i].Name, runs[i]);
        }

        return 0;
    }

    /// <summary>
    /// One section. On a terminal its tables are drawn when it is done, below a progress bar while it runs; in plain
    /// output its lines go out as they are written.
    /// </summary>
    private static void Run(string name, Action<TextWriter> run)
    {
        if (!ConsoleOutput.IsRich)
        {
            run(Console.Out);
            return;
        }

        var captured = new StringWriter();
        ConsoleOutput.WithProgress($"bench {name}", () =>
        {
            run(captured);
            return 0;
        });
        Console.Out.Write(captured.ToString());
    }

    /// <summary>An option no chosen section reads is a mistake in the call, not something to ignore.</summary>
    private void RejectUnused(ParseResult result, Section[] chosen)
    {
        Option[] used = chosen.SelectMany(s => s.Uses(_options)).ToArray();
        Option? unused = Array.Find(_options.All, o => result.IsGiven(o) && Array.IndexOf(used, o) < 0);
        if (unused is not null)
        {
            throw new UsageException($"{unused.Name} applies to none of the sections run ({string.Join(", ", chosen.Select(s => s.Name))})");
        }
    }

    private static Section Find(string name) =>
        Array.Find(Sections, s => s.Name == name)
        ?? throw new UsageException($"unknown section '{name}' (sections: {string.Join(", ", Sections.Select(s => s.Name))})");
}
