using System.Diagnostics;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary><c>energylogger provision</c> as a user runs it, with text piped to its standard input.</summary>
internal static class ProvisionProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static EnergyLoggerProcess.Outcome Run(string stdin, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "energylogger.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var info = new ProcessStartInfo(dotnet, [dll, "provision", .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"energylogger provision {string.Join(' ', args)} ran past {Limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new EnergyLoggerProcess.Outcome(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }
}
