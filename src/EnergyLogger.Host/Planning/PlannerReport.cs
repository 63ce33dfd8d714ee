using System.CommandLine;
using System.Globalization;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Planning;

/// <summary>
/// The planner section of <c>energylogger bench</c>: requests and wire time of one poll cycle for each
/// strategy on each comparison map, as a plain table.
/// </summary>
internal static class PlannerReport
{
    /// <summary>Reads the section's options and its data now, so that a mistake is reported before anything runs.</summary>
    public static Action<TextWriter> Prepare(ParseResult result, BenchOptions options)
    {
        int baud = result.GetValue(options.Baud) ?? 9600;
        string path = result.GetValue(options.Points) ?? PlannerWorkloads.FindDeyeFile()
            ?? throw new UsageException($"cannot find {PlannerWorkloads.DeyeFileName}; pass --points FILE");
        PointMap deye;
        try
        {
            deye = PlannerWorkloads.LoadPoints("deye-sg04lp3", path);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new UsageException($"--points: {e.Message}");
        }

        (string Name, RegisterMap Map)[] ready = [.. ReadyMaps.Select(name => (name, MapFile.Load(Path.Combine(AppContext.BaseDirectory, "maps", name + ".json"))))];
        return output =>
        {
            Print(output, PlannerWorkloads.ComparisonMaps(deye), PlannerComparison.Limits(baud));
            output.WriteLine();
            PrintCombinations(output, ready, baud);
        };
    }

    private static readonly string[] ReadyMaps = ["deye-sg04lp3", "growatt-sph"];

    /// <summary>
    /// Every combination of poll classes due in one cycle, on the ready maps, the 255-point map with classes and
    /// windows of each small enough to search: the classes' plans one after another, the one plan the device reads,
    /// and the exhaustive optimum.
    /// </summary>
    private static void PrintCombinations(TextWriter output, (string Name, RegisterMap Map)[] ready, int baud)
    {
        output.WriteLine($"planner: poll classes due in the same cycle, at {baud} baud with each device's request size and neverRead ranges;");
        output.WriteLine("         per class = each class's plan one after another, one plan = the plan the device makes for the combination");
        output.WriteLine();
        var table = new OutputTable(new("map", -22), new("classes due", -22), new("points", 6), new("per class ms", 12), new("one plan ms", 11), new("optimum ms", 10), new("gain", 6));
        (string Name, RegisterMap Map)[] maps = [.. ready, ("synthetic-255", CombinationComparison.SyntheticMap(255, CombinationComparison.SyntheticSeed))];
        foreach ((string name, RegisterMap map) in maps)
        {
            PlannerLimits limits = DeviceLimits.For(map.Devices[0]);
            limits.BaudRate = baud;
            int points = map.Points.Count(p => p.Device == 0);
            RegisterMap window = CombinationComparison.Window(map, points / 2, PlannerWorkloads.SmallMapPoints);
            foreach (CombinationCost row in CombinationComparison.Compare(name, map, limits).Concat(CombinationComparison.Compare($"{name}-12@{points / 2}", window, limits)))
            {
                string optimum = row.OptimumUs is long us ? Ms(us) : "-";
                table.Add(row.Map, row.Classes, row.Points.ToString(CultureInfo.InvariantCulture), Ms(row.SeparateUs), Ms(row.OneUs), optimum, Ratio(row.SeparateUs, row.OneUs));
            }
        }

        table.Write(output);
    }

    private static string Ms(long us) => (us / 1000.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(long us, long baseUs) => baseUs == 0 ? "-" : ((double)us / baseUs).ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static void Print(TextWriter output, PointMap[] maps, PlannerLimits limits)
    {
        long silenceUs = RtuTiming.SilenceUs(limits.BaudRate, limits.BitsPerChar);
        output.WriteLine($"planner: one poll cycle at {limits.BaudRate} baud, {limits.BitsPerChar} bits per character, t3.5 = {silenceUs} us,");
        output.WriteLine($"         up to {limits.MaxRegisters} registers per request; a request costs both frames and two t3.5 silences");
        output.WriteLine();
        var table = new OutputTable(new("map", -18), new("points", 6), new("strategy", -21, "  "), new("requests", 8), new("ms/cycle", 9), new("vs ours", 8));
        foreach (PointMap map in maps)
        {
            StrategyCost[] costs = PlannerComparison.Compare(map, limits);
            long oursUs = costs.Single(c => c.Strategy == PlannerComparison.Ours).WireUs;
            for (int i = 0; i < costs.Length; i++)
            {
                string mapCell = i == 0 ? map.Name : "";
                string pointsCell = i == 0 ? map.Spans.Length.ToString(CultureInfo.InvariantCulture) : "";
                string wireMs = (costs[i].WireUs / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
                string ratio = ((double)costs[i].WireUs / oursUs).ToString("F2", CultureInfo.InvariantCulture) + "x";
                table.Add(mapCell, pointsCell, costs[i].Strategy, costs[i].Requests.ToString(CultureInfo.InvariantCulture), wireMs, ratio);
            }
        }

        table.Write(output);
    }
}
