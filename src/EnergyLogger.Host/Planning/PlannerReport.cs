using System.Globalization;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Planning;

/// <summary>
/// The planner section of <c>energylogger bench</c>: requests and wire time of one poll cycle for each
/// strategy on each comparison map, as a plain table.
/// </summary>
internal static class PlannerReport
{
    public static void PrintOptions(TextWriter output)
    {
        output.WriteLine("      --baud N        line speed of the comparison (default 9600)");
        output.WriteLine($"      --points FILE   Deye points file (default: {PlannerWorkloads.DeyeFileName} beside the program or in tools/)");
    }

    /// <summary>Reads the section's options and its data now, so that a mistake is reported before anything runs.</summary>
    public static Action<TextWriter> Prepare(CommandLine command)
    {
        int baud = command.Int("baud", 9600, 300, 4000000);
        string path = command.Text("points") ?? PlannerWorkloads.FindDeyeFile()
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

        return output => Print(output, PlannerWorkloads.ComparisonMaps(deye), PlannerComparison.Limits(baud));
    }

    private static void Print(TextWriter output, PointMap[] maps, PlannerLimits limits)
    {
        long silenceUs = RtuTiming.SilenceUs(limits.BaudRate, limits.BitsPerChar);
        output.WriteLine($"planner: one poll cycle at {limits.BaudRate} baud, {limits.BitsPerChar} bits per character, t3.5 = {silenceUs} us,");
        output.WriteLine($"         up to {limits.MaxRegisters} registers per request; a request costs both frames and two t3.5 silences");
        output.WriteLine();
        output.WriteLine($"{"map",-18} {"points",6}  {"strategy",-21} {"requests",8} {"ms/cycle",9} {"vs ours",8}");
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
                output.WriteLine($"{mapCell,-18} {pointsCell,6}  {costs[i].Strategy,-21} {costs[i].Requests,8} {wireMs,9} {ratio,8}");
            }
        }
    }
}
