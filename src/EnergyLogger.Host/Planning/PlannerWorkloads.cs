using System.Globalization;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Planning;

/// <summary>A named set of points to plan: the read spans a register map asks for.</summary>
public sealed record PointMap(string Name, ReadSpan[] Spans);

/// <summary>
/// The maps the planners are compared on: the Deye SG04LP3 telemetry points from a data file, a seeded
/// synthetic map shaped like real ones, and small windows of both that brute force can still solve.
/// </summary>
public static class PlannerWorkloads
{
    public const string DeyeFileName = "deye-sg04lp3-points.tsv";

    private const string DeyeRepoPath = "tools/EnergyLogger.Benchmarks/Data/" + DeyeFileName;

    /// <summary>The size of a small map, where brute force takes well under a second.</summary>
    public const int SmallMapPoints = 12;

    public const int SyntheticSeed = 20240611;

    /// <summary>
    /// The Deye data file: next to the program when it was copied there, else in the source tree above
    /// the working directory or the program.
    /// </summary>
    public static string? FindDeyeFile()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, "Data", DeyeFileName);
        if (File.Exists(beside))
        {
            return beside;
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, DeyeRepoPath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a points file: '#' comments, then one point a line as tab-separated function code, start
    /// address, count and name. Throws <see cref="FormatException"/> naming the line on a bad row.
    /// </summary>
    public static PointMap LoadPoints(string name, string path)
    {
        var spans = new List<ReadSpan>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] cells = line.Split('\t');
            if (cells.Length != 4 || !TryCell(cells[0], out int function) || !TryCell(cells[1], out int address)
                || !TryCell(cells[2], out int count) || !ModbusPdu.IsRead((FunctionCode)function) || cells[3].Length == 0)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'function<TAB>address<TAB>count<TAB>name'");
            }

            spans.Add(new ReadSpan((FunctionCode)function, address, count));
        }

        return new PointMap(name, spans.ToArray());
    }

    /// <summary>
    /// A map shaped like an inverter's: clusters of u16 and u32 points, mostly back to back, with small
    /// holes inside a cluster and wide gaps between clusters; a third of the clusters are input registers.
    /// </summary>
    public static PointMap Synthetic(int points, int seed)
    {
        var random = new Random(seed);
        var spans = new List<ReadSpan>(points);
        int address = random.Next(0, 200);
        while (spans.Count < points)
        {
            FunctionCode function = random.Next(3) == 0 ? FunctionCode.ReadInputRegisters : FunctionCode.ReadHoldingRegisters;
            int cluster = Math.Min(random.Next(3, 16), points - spans.Count);
            for (int i = 0; i < cluster; i++)
            {
                int count = random.Next(100) < 65 ? 1 : 2;
                spans.Add(new ReadSpan(function, address, count));
                address += count + Hole(random);
            }

            address += random.Next(30, 300);
        }

        return new PointMap($"synthetic-{points}", spans.ToArray());
    }

    /// <summary>
    /// <paramref name="count"/> points of <paramref name="map"/> that follow each other in address order,
    /// from the <paramref name="first"/>-th on: a small map cut out of a real one, named
    /// <c>prefix-count@first</c> (short, so that benchmark tables show it whole).
    /// </summary>
    public static PointMap Window(PointMap map, string prefix, int first, int count)
    {
        ReadSpan[] window = map.Spans
            .OrderBy(s => s.Function)
            .ThenBy(s => s.Address)
            .Skip(first)
            .Take(count)
            .ToArray();
        return new PointMap($"{prefix}-{count}@{first}", window);
    }

    /// <summary>The maps of the comparison: the two full maps, then small windows of each.</summary>
    public static PointMap[] ComparisonMaps(PointMap deye)
    {
        PointMap synthetic = Synthetic(255, SyntheticSeed);
        return
        [
            deye,
            synthetic,
            Window(deye, "deye", 0, SmallMapPoints),
            Window(deye, "deye", deye.Spans.Length / 2, SmallMapPoints),
            Window(synthetic, "synthetic", synthetic.Spans.Length / 2, SmallMapPoints),
        ];
    }

    // Inside a cluster most points touch; some skip a reserved register or three, a few skip a block.
    private static int Hole(Random random)
    {
        int roll = random.Next(100);
        return roll < 60 ? 0 : roll < 85 ? random.Next(1, 4) : random.Next(4, 21);
    }

    private static bool TryCell(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
