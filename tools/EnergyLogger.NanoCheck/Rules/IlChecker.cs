using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>The hits of one assembly, in source order, and the methods that could not be analysed.</summary>
public sealed record AssemblyHits(string Name, string Path, bool HasPdb, IReadOnlyList<IlHit> Hits, IReadOnlyList<string> Skipped);

/// <summary>
/// Runs the rules over one assembly: each method body is simulated once, then every rule looks at every
/// reachable instruction with the state before it; method- and assembly-level rules look at
/// declarations. Hits get their source line from the PDB.
/// </summary>
public static class IlChecker
{
    public static AssemblyHits Check(string path, bool strict = false)
    {
        using var assembly = LoadedAssembly.Open(path);
        return Check(assembly, RuleSet.Active(strict));
    }

    public static AssemblyHits Check(LoadedAssembly assembly, IReadOnlyList<IlRule> rules)
    {
        var reader = assembly.Reader;
        using var siblings = new SiblingAssemblies(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(assembly.Path)) ?? ".");
        var types = new TypeShapeProvider(reader, siblings);
        var resolver = new MemberResolver(reader, types);
        var callees = new NanSensitiveCallees(assembly, resolver, siblings);
        var hits = new HitList();
        var skipped = new List<string>();

        foreach (var rule in rules)
        {
            rule.CheckAssembly(assembly, resolver, hits);
        }

        foreach (var typeHandle in reader.TypeDefinitions)
        {
            foreach (var methodHandle in reader.GetTypeDefinition(typeHandle).GetMethods())
            {
                var body = assembly.GetBody(reader.GetMethodDefinition(methodHandle));
                if (body is null)
                {
                    continue;
                }

                try
                {
                    var frame = MethodFrame.Create(assembly, methodHandle, body, types);
                    var simulation = StackSimulator.Run(frame, resolver);
                    foreach (var rule in rules)
                    {
                        rule.CheckMethod(frame, resolver, hits);
                    }

                    for (var i = 0; i < frame.Instructions.Count; i++)
                    {
                        if (simulation.Before[i] is not { } before)
                        {
                            continue;
                        }

                        var site = new InstructionSite(frame, i, before, resolver) { Callees = callees };
                        foreach (var rule in rules)
                        {
                            rule.CheckInstruction(site, hits);
                        }
                    }
                }
                catch (Exception e) when (e is AnalysisException or BadImageFormatException)
                {
                    skipped.Add($"{MemberNames.Method(reader, methodHandle)}: {e.Message}");
                }
            }
        }

        var locator = new SourceLocator(assembly.Pdb);
        var located = hits.Hits
            .Select(h => h with { Source = h.MethodHandle.IsNil ? null : locator.Find(h.MethodHandle, h.IlOffset ?? 0) })
            .ToList();
        return new AssemblyHits(assembly.Name, assembly.Path, locator.HasPdb, Deduplicate(located), skipped);
    }

    /// <summary>
    /// One hit per rule, member, line and message: a statement that repeats the same shape (`a[i,j] =
    /// a[i,j] + 1`) is one thing to fix. Sorted by file, line and IL offset.
    /// </summary>
    private static IReadOnlyList<IlHit> Deduplicate(List<IlHit> hits)
    {
        var seen = new HashSet<(string, string, string?, int?, string)>();
        var result = new List<IlHit>();
        foreach (var hit in hits)
        {
            var key = (hit.RuleId, hit.Method, hit.Source?.Document, hit.Source is null ? hit.IlOffset : hit.Source.Line, hit.Message);
            if (seen.Add(key))
            {
                result.Add(hit);
            }
        }

        return result
            .OrderBy(h => h.Source?.Document ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(h => h.Source?.Line ?? 0)
            .ThenBy(h => h.Method, StringComparer.Ordinal)
            .ThenBy(h => h.IlOffset ?? -1)
            .ToList();
    }
}
