using System.Diagnostics;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;

namespace EnergyLogger.Integration.Tests.Install;

/// <summary>
/// The install docs/install.md describes, as a user runs it: the host packed as a .NET tool into a local feed, then
/// <c>dotnet tool install</c> into a tool path of its own (offline: the feed is the only source), and the installed
/// <c>energylogger</c> run from there with the ready maps it carries.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    // The configuration the test command built (dotnet pack alone would take Release, which it did not build).
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _dir = Directory.CreateTempSubdirectory("el-install-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ToolInstall_FromALocalPackage_PutsEnergyloggerInTheToolPathWithVersionAndMaps()
    {
        string feed = Path.Combine(_dir, "feed");
        string tools = Path.Combine(_dir, "tools");
        string config = Path.Combine(_dir, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // The build the tests run against, packed as it is (the test command has just built it).
        (int packed, string packOutput) = Run("dotnet", "pack", Path.Combine(RepoRoot(), "src", "EnergyLogger.Host"), "--no-build", "-c", Configuration, "-o", feed, "-nologo");
        Assert.True(packed == 0, packOutput);
        Assert.Single(Directory.GetFiles(feed, "energylogger.*.nupkg"));

        (int installed, string installOutput) = Run("dotnet", "tool", "install", "energylogger", "--tool-path", tools, "--configfile", config);
        Assert.True(installed == 0, installOutput);
        string energylogger = Path.Combine(tools, "energylogger");
        Assert.True(File.Exists(energylogger), installOutput);

        (int versionExit, string version) = Run(energylogger, "--version");
        Assert.Equal(0, versionExit);
        Assert.Matches(@"^energylogger \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)\n$", version);

        (int demoExit, string demo) = Run(energylogger, "demo", "--cycles", "1", "--interval-ms", "0");
        Assert.True(demoExit == 0, demo);
        Assert.Contains("Deye", demo);
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran past {Limit}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
