namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// Prints `nanocheck il`: one line per hit, `path/File.cs:LINE: rule-id: message (Type::Method, IL_xxxx)`
/// (the document path relative to the working directory when it lies below it), stale allow-list
/// lines, and one summary line per assembly.
/// </summary>
public static class IlReport
{
    public static void Write(TextWriter output, IReadOnlyList<AssemblyHits> results, IReadOnlyList<AllowEntry> stale)
    {
        foreach (var result in results)
        {
            foreach (var hit in result.Hits)
            {
                output.WriteLine(Format(result, hit));
            }

            foreach (var skipped in result.Skipped)
            {
                output.WriteLine($"il: warning: {result.Name}: not analysed: {skipped}");
            }
        }

        foreach (var entry in stale)
        {
            output.WriteLine($"{entry.Where}: stale: {entry.RuleId} {entry.Member} matches no hit; remove the line");
        }

        foreach (var result in results)
        {
            var allowed = result.Hits.Count(h => h.AllowedBecause is not null);
            var count = result.Hits.Count;
            output.WriteLine($"il: {result.Name}: {count} {(count == 1 ? "hit" : "hits")}{(allowed > 0 ? $" ({allowed} allowed)" : string.Empty)}");
        }
    }

    public static string Format(AssemblyHits result, IlHit hit)
    {
        var location = hit.Source is { } source
            ? $"{RelativePath(source.Document)}:{source.Line}"
            : System.IO.Path.GetFileName(result.Path);
        var offset = hit.IlOffset is { } o ? $", IL_{o:x4}" : string.Empty;
        var allowed = hit.AllowedBecause is { } reason ? $" (allowed: {reason})" : string.Empty;
        return $"{location}: {hit.RuleId}: {hit.Message} ({hit.Method}{offset}){allowed}";
    }

    private static string RelativePath(string document)
    {
        if (!System.IO.Path.IsPathRooted(document))
        {
            return document;
        }

        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, document);
        return relative.StartsWith("..", StringComparison.Ordinal) ? document : relative;
    }
}
