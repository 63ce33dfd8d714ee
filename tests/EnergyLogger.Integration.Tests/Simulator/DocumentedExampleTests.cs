using System.Diagnostics;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;

namespace EnergyLogger.Integration.Tests.Simulator;

/// <summary>The <c>simulate</c> examples of docs/tools.md that need no pty, run as written: each serves until stopped.</summary>
public sealed class DocumentedExampleTests
{
    public static TheoryData<string> Examples()
    {
        var examples = new TheoryData<string>();
        foreach (string line in File.ReadLines(Path.Combine(RepoRoot(), "docs", "tools.md")))
        {
            if (line.StartsWith("energylogger simulate ", StringComparison.Ordinal) && !line.Contains("--port", StringComparison.Ordinal))
            {
                examples.Add(line.Split('#')[0].Trim());
            }
        }

        return examples;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void SimulateExample_AsDocumented_ServesUntilStopped(string example)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [dll, .. example.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process simulator = Process.Start(info)!;
        using var ready = new ManualResetEventSlim();
        simulator.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.Set();
            }
        };
        simulator.BeginOutputReadLine();
        Task<string> stderr = simulator.StandardError.ReadToEndAsync();
        try
        {
            if (!ready.Wait(TimeSpan.FromSeconds(20)))
            {
                Assert.Fail(simulator.WaitForExit(1000) ? $"{example}: exit {simulator.ExitCode}: {stderr.Result}" : $"{example}: not ready within 20 s");
            }

            using (Process kill = Process.Start("kill", ["-TERM", simulator.Id.ToString()])!)
            {
                kill.WaitForExit();
            }

            Assert.True(simulator.WaitForExit(10_000), example);
            Assert.Equal(0, simulator.ExitCode);
        }
        finally
        {
            if (!simulator.HasExited)
            {
                simulator.Kill(entireProcessTree: true);
            }
        }
    }
}
