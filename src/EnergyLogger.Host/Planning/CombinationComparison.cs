using System.Globalization;
using System.Text;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Planning;

/// <summary>
/// One combination of poll classes due in the same cycle, priced three ways: the plan of each class alone, one after
/// another (what a logger that plans per class sends); the one plan the device makes for the combination; and, on maps
/// small enough to search, the exhaustive optimum over the union of the due points.
/// </summary>
public sealed record CombinationCost(string Map, string Classes, int Points, int SeparateReads, long SeparateUs, int OneReads, long OneUs, long? OptimumUs);

/// <summary>
/// Compares per-class plans with the device's plan per combination of due classes (<see cref="DevicePlans"/>) on the
/// ready maps, a 255-point synthetic map with classes, and windows of each that brute force can still solve.
/// </summary>
public static class CombinationComparison
{
    public const int SyntheticSeed = PlannerWorkloads.SyntheticSeed;

    private static readonly PollClass[] Periodic = [PollClass.Fast, PollClass.Normal, PollClass.Slow];

    /// <summary>Every combination of the map's first device's classes; with the optimum when the map is small.</summary>
    public static CombinationCost[] Compare(string name, RegisterMap map, PlannerLimits limits)
    {
        var plans = new DevicePlans(map, 0);
        var dropped = new UnsupportedPoints(plans.EntryCount);
        plans.PlanAll(limits, 0, dropped);
        var rows = new List<CombinationCost>();
        for (int classes = 1; classes < DevicePlans.CombinationCount; classes++)
        {
            if ((classes & ~plans.Classes) != 0)
            {
                continue;
            }

            CombinationPlan one = plans.For(classes, limits, 0, dropped);
            int separateReads = 0;
            long separateUs = 0;
            for (int bit = 1; bit < DevicePlans.CombinationCount; bit <<= 1)
            {
                if ((classes & bit) != 0)
                {
                    ReadPlan alone = plans.For(bit, limits, 0, dropped).Plan;
                    separateReads += alone.Count;
                    separateUs += alone.TotalWireUs;
                }
            }

            long? optimum = null;
            if (one.WantCount <= PlannerWorkloads.SmallMapPoints)
            {
                ReadSpan[] best = ExhaustivePlanner.Plan(plans.Wants(one), limits)
                    ?? throw new InvalidOperationException($"{name}: a due point fits no request");
                optimum = PlannerStrategies.WireUs(best, limits);
            }

            rows.Add(new CombinationCost(name, ClassesText(classes), one.WantCount, separateReads, separateUs, one.Plan.Count, one.Plan.TotalWireUs, optimum));
        }

        return [.. rows];
    }

    /// <summary>
    /// A map of <paramref name="count"/> points of <paramref name="map"/>'s first device that follow each other in
    /// address order, from the <paramref name="first"/>-th on, with their classes: a window brute force can solve.
    /// </summary>
    public static RegisterMap Window(RegisterMap map, int first, int count)
    {
        PointDefinition[] points = map.Points
            .Where(p => p.Device == 0)
            .OrderBy(p => p.Function)
            .ThenBy(p => p.Address)
            .Skip(first)
            .Take(count)
            .ToArray();
        return Load(points.Select(p => (p.Function, p.Address, p.Count, p.Poll)));
    }

    /// <summary>
    /// The planner's 255-point synthetic map (<see cref="PlannerWorkloads.Synthetic"/>) with poll classes drawn from a
    /// seeded generator, a quarter fast, half normal and a quarter slow, as real maps mix them inside a cluster.
    /// </summary>
    public static RegisterMap SyntheticMap(int points, int seed)
    {
        var random = new Random(seed);
        ReadSpan[] spans = PlannerWorkloads.Synthetic(points, seed).Spans;
        return Load(spans.Select(s => (s.Function, s.Address, s.Count, Periodic[Draw(random)])));
    }

    /// <summary>The combination's classes as the tables name them: <c>fast+normal</c>.</summary>
    public static string ClassesText(int classes) =>
        string.Join("+", Enumerable.Range(0, DevicePlans.ClassCount).Where(c => (classes & (1 << c)) != 0).Select(c => ((PollClass)c).ToString().ToLowerInvariant()));

    private static int Draw(Random random)
    {
        int roll = random.Next(4);
        return roll == 0 ? 0 : roll == 3 ? 2 : 1;
    }

    private static RegisterMap Load(IEnumerable<(FunctionCode Function, int Address, int Count, PollClass Poll)> points)
    {
        var text = new StringBuilder("{\"format\":\"energylogger-map/1\",\"name\":\"window\",\"devices\":[{\"id\":\"d\",\"slave\":1}],\"points\":[");
        int n = 0;
        foreach ((FunctionCode function, int address, int count, PollClass poll) in points)
        {
            string type = ModbusPdu.IsBitFunction(function) ? "bool" : count == 1 ? "uint16" : count == 2 ? "uint32" : count == 4 ? "uint64" : "string";
            text.Append(n == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"name\":\"p{n}\",\"function\":\"{FunctionText(function)}\",\"address\":{address},\"type\":\"{type}\"");
            text.Append(type == "string" ? string.Create(CultureInfo.InvariantCulture, $",\"count\":{count}") : "")
                .Append(CultureInfo.InvariantCulture, $",\"poll\":\"{poll.ToString().ToLowerInvariant()}\"}}");
            n++;
        }

        string json = text.Append("]}").ToString();
        return RegisterMapLoader.Load(json, out MapError? error) ?? throw new InvalidOperationException($"window map: {error}");
    }

    private static string FunctionText(FunctionCode function) => function switch
    {
        FunctionCode.ReadInputRegisters => "input",
        FunctionCode.ReadCoils => "coil",
        FunctionCode.ReadDiscreteInputs => "discrete_input",
        _ => "holding",
    };
}
