using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>A source position from the PDB: the document as the compiler recorded it, and a 1-based line.</summary>
public sealed record SourceLine(string Document, int Line);

/// <summary>
/// Maps (method, IL offset) to a source line through the portable PDB's sequence points: the nearest
/// preceding non-hidden point, which is the statement the instruction belongs to. Instructions before a
/// method's first point (compiler prologue) take that first point.
/// </summary>
public sealed class SourceLocator
{
    private readonly MetadataReader? pdb;
    private readonly Dictionary<MethodDefinitionHandle, SequencePoint[]> points = new();

    public SourceLocator(MetadataReader? pdb)
    {
        this.pdb = pdb;
    }

    public bool HasPdb => pdb is not null;

    public SourceLine? Find(MethodDefinitionHandle method, int ilOffset)
    {
        var list = Points(method);
        if (list.Length == 0)
        {
            return null;
        }

        var best = list[0];
        foreach (var point in list)
        {
            if (point.Offset > ilOffset)
            {
                break;
            }

            best = point;
        }

        return new SourceLine(pdb!.GetString(pdb.GetDocument(best.Document).Name), best.StartLine);
    }

    private SequencePoint[] Points(MethodDefinitionHandle method)
    {
        if (points.TryGetValue(method, out var known))
        {
            return known;
        }

        var list = Array.Empty<SequencePoint>();
        if (pdb is not null)
        {
            var row = MetadataTokens.GetRowNumber(method);
            if (row <= pdb.MethodDebugInformation.Count)
            {
                var info = pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
                list = info.GetSequencePoints().Where(p => !p.IsHidden).OrderBy(p => p.Offset).ToArray();
            }
        }

        points[method] = list;
        return list;
    }
}
