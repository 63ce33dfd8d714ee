using BenchmarkDotNet.Running;

namespace EnergyLogger.Benchmarks;

internal static class Program
{
    // dotnet run -c Release --project tools/EnergyLogger.Benchmarks -- --filter '*'
    // dotnet run -c Release --project tools/EnergyLogger.Benchmarks -- --device-il   (the interpreter estimates alone)
    private static void Main(string[] args)
    {
        if (args is ["--device-il"])
        {
            foreach (string map in new[] { "deye-sg04lp3", "synthetic 255" })
            {
                (int slots, int numbers, int changed) = OutboxMaps.Shape(map);
                Console.WriteLine($"{map}: compact record, {slots} slots, {changed} moved: {InterpreterCost.EncodeRecord(slots, numbers, changed):N0} IL instructions");
            }

            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
