using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>One line of an allow list: a rule, the member whose hits it allows, and why.</summary>
public sealed record AllowEntry(string File, int Line, string RuleId, string Member, string Reason)
{
    public string Where => $"{File}:{Line}";
}

/// <summary>
/// The allow list of `nanocheck il --allow FILE`. Each line is `rule-id  Namespace.Type::Method  reason`
/// (whitespace-separated, the reason is the rest of the line and required); `#` starts a comment line.
/// An allowed hit is printed with its reason and does not fail; a line that allows nothing is stale and
/// fails, so the list never outlives the code it excuses.
/// </summary>
public sealed class AllowList
{
    private readonly IReadOnlyList<AllowEntry> entries;

    private AllowList(IReadOnlyList<AllowEntry> entries)
    {
        this.entries = entries;
    }

    public static AllowList Empty { get; } = new(Array.Empty<AllowEntry>());

    public IReadOnlyList<AllowEntry> Entries => entries;

    public static AllowList Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"cannot read allow list {path}: {e.Message}", e);
        }

        return Parse(path, lines);
    }

    public static AllowList Parse(string file, IEnumerable<string> lines)
    {
        var entries = new List<AllowEntry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                throw new InputException($"{file}:{number}: expected 'rule-id Namespace.Type::Method reason' (the reason is required)");
            }

            if (!RuleSet.IsKnown(parts[0]))
            {
                throw new InputException($"{file}:{number}: unknown rule '{parts[0]}'");
            }

            entries.Add(new AllowEntry(file, number, parts[0], parts[1], parts[2].Trim()));
        }

        return new AllowList(entries);
    }

    /// <summary>Marks the allowed hits; returns the entries that matched no hit in any of the assemblies.</summary>
    public (IReadOnlyList<AssemblyHits> Results, IReadOnlyList<AllowEntry> Stale) Apply(IReadOnlyList<AssemblyHits> results)
    {
        var used = new HashSet<AllowEntry>();
        var marked = results
            .Select(r => r with
            {
                Hits = r.Hits.Select(hit =>
                {
                    var entry = entries.FirstOrDefault(e => e.RuleId == hit.RuleId && e.Member == hit.Method);
                    if (entry is null)
                    {
                        return hit;
                    }

                    used.Add(entry);
                    return hit with { AllowedBecause = entry.Reason };
                }).ToList(),
            })
            .ToList();
        return (marked, entries.Where(e => !used.Contains(e)).ToList());
    }
}
