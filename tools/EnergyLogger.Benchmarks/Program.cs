using BenchmarkDotNet.Running;

namespace EnergyLogger.Benchmarks;

internal static class Program
{
    // dotnet run -c Release --project tools/EnergyLogger.Benchmarks -- --filter '*'
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
