using System.Diagnostics;

namespace EnergyLogger.Integration.Tests;

/// <summary>The real <c>energylogger</c> executable, run with dotnet from the copy next to this assembly.</summary>
internal static class EnergyLoggerProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public static Outcome Run(params string[] args) => Run(Limit, args);

    /// <summary>A command that runs long by design (a week of samples in the outbox bench), given more time.</summary>
    public static Outcome Run(TimeSpan limit, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet, [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"energylogger {string.Join(' ', args)} ran past {limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }
}
