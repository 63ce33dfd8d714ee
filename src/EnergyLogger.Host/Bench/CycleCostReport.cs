using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// The <c>cycle</c> section of <c>energylogger bench</c>: what the device does per poll cycle once the
/// registers are in, step by step (decoding with the computed fields; the schema mapper; the JSON writer),
/// as time per cycle, a ratio against decoding in the same run, and bytes allocated per cycle, which must be
/// 0 because nanoFramework's garbage collector is slow. The BenchmarkDotNet suite (CycleBenchmarks) gives
/// the same steps with statistics.
/// </summary>
internal static class CycleCostReport
{
    /// <summary>
    /// Each step runs in rounds of at least this long, and the fastest round counts: on a shared machine
    /// the other rounds carry whatever else ran meanwhile.
    /// </summary>
    private const long RoundMs = 30;
    private const int Rounds = 5;

    /// <summary>Long enough for the runtime's tiered compiler to replace the first quick code of every step.</summary>
    private const long WarmUpMs = 120;

    private static readonly (string Name, Func<CycleWorkload, bool> Run)[] Steps =
    [
        ("decode + computed", w => w.DecodeCompute()),
        ("+ schema mapper", w => w.DecodeComputeMap()),
        ("+ JSON writer", w => w.FullCycle()),
    ];

    public static Action<TextWriter> Prepare(ParseResult result, BenchOptions options)
    {
        string mapPath = result.GetValue(options.Map) ?? MapFile.DefaultPath;
        CycleWorkload real = CycleWorkload.Deye(mapPath);
        return output => Print(output, [real, CycleWorkload.Synthetic()]);
    }

    private static void Print(TextWriter output, CycleWorkload[] workloads)
    {
        output.WriteLine("cycle: the device's work per poll cycle once the registers are in, on this machine's .NET;");
        output.WriteLine("       each step adds to the one above; ratios against decoding in the same run");
        output.WriteLine();
        var table = new OutputTable(new("map", -18), new("points", 6), new("step", -18, "  "), new("us/cycle", 9), new("vs decode", 9), new("B alloc", 8), new("sample B", 8));
        foreach (CycleWorkload workload in workloads)
        {
            Array.ForEach(Steps, step => WarmUp(workload, step.Run));
        }

        foreach (CycleWorkload workload in workloads)
        {
            double baselineUs = 0;
            for (int s = 0; s < Steps.Length; s++)
            {
                (double us, long allocated) = Measure(workload, Steps[s].Run);
                baselineUs = s == 0 ? us : baselineUs;
                string mapCell = s == 0 ? workload.Name : "";
                string pointsCell = s == 0 ? workload.Map.Points.Length.ToString(CultureInfo.InvariantCulture) : "";
                string sampleCell = s == Steps.Length - 1 ? workload.Writer.Length.ToString(CultureInfo.InvariantCulture) : "";
                table.Add(mapCell, pointsCell, Steps[s].Name, F(us, "F2"), F(us / baselineUs, "F2") + "x", allocated.ToString(CultureInfo.InvariantCulture), sampleCell);
            }
        }

        table.Write(output);
    }

    private static void WarmUp(CycleWorkload workload, Func<CycleWorkload, bool> step)
    {
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < WarmUpMs)
        {
            step(workload);
        }
    }

    /// <summary>The fastest round's mean time per call, and bytes allocated per call (exact, this thread only).</summary>
    private static (double Us, long AllocatedPerCall) Measure(CycleWorkload workload, Func<CycleWorkload, bool> step)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long calls = 0;
        double best = double.MaxValue;
        var watch = new Stopwatch();
        for (int round = 0; round < Rounds; round++)
        {
            long roundCalls = 0;
            watch.Restart();
            do
            {
                for (int i = 0; i < 50; i++)
                {
                    step(workload);
                }

                roundCalls += 50;
            }
            while (watch.ElapsedMilliseconds < RoundMs);

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / roundCalls);
            calls += roundCalls;
        }

        return (best, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
