using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;

namespace EnergyLogger.Integration.Tests.Install;

/// <summary>
/// The example unit shipped in tools/systemd/: the service type, restart and watchdog docs/install.md promises, the
/// adapter by its stable name, and an ExecStart the tool's own command line accepts.
/// </summary>
public sealed partial class UnitFileTests
{
    private static readonly string UnitPath = Path.Combine(RepoRoot(), "tools", "systemd", "energylogger.service");

    public static TheoryData<string, string> ServiceSettings => new()
    {
        { "Type", "notify" },
        { "Restart", "on-failure" },
        { "WatchdogSec", "60" },
        { "SupplementaryGroups", "dialout" },
    };

    [Theory]
    [MemberData(nameof(ServiceSettings))]
    public void Unit_Service_HasTheSetting(string name, string value)
    {
        Assert.Contains(value, Settings(name));
    }

    [Fact]
    public void Unit_ExecStart_IsARunThatTheCommandLineAccepts()
    {
        string[] words = Assert.Single(Settings("ExecStart")).Split(' ', StringSplitOptions.RemoveEmptyEntries);

        ParseResult parsed = EnergyLogger.Host.Program.Root().Parse(words[1..]);

        Assert.EndsWith("/energylogger", words[0]);
        Assert.Equal("run", parsed.CommandResult.Command.Name);
        Assert.Empty(parsed.Errors);
        Assert.Empty(parsed.UnmatchedTokens);
    }

    [Fact]
    public void Unit_Adapter_NamedByItsStableSerialPathEscapedAsSystemdDoes()
    {
        string[] devices = [.. Settings("Wants").Concat(Settings("After")).Where(u => u.EndsWith(".device", StringComparison.Ordinal))];

        Assert.Equal(2, devices.Length);
        Assert.All(devices, d => Assert.StartsWith(@"dev-serial-by\x2did-", d));
        Assert.Contains("/dev/serial/by-id/", File.ReadAllText(UnitPath));
    }

    [Fact]
    public void Unit_WhenSystemdAnalyzeIsInstalled_VerifiesClean()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            return;
        }

        // verify checks that ExecStart's program exists; the installed tool's path is not on this machine.
        string unit = Path.Combine(Path.GetTempPath(), $"energylogger-{Environment.ProcessId}.service");
        File.WriteAllText(unit, File.ReadAllText(UnitPath).Replace("/usr/local/bin/energylogger", "/bin/true", StringComparison.Ordinal));
        try
        {
            var info = new ProcessStartInfo("/usr/bin/systemd-analyze", ["verify", unit]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using Process verify = Process.Start(info)!;
            string errors = verify.StandardError.ReadToEnd() + verify.StandardOutput.ReadToEnd();
            verify.WaitForExit();

            Assert.True(verify.ExitCode == 0, errors);
            Assert.DoesNotContain("energylogger", errors);
        }
        finally
        {
            File.Delete(unit);
        }
    }

    private static string[] Settings(string name) =>
        [.. File.ReadLines(UnitPath).Select(l => Setting().Match(l)).Where(m => m.Success && m.Groups[1].Value == name).Select(m => m.Groups[2].Value.Trim())];

    [GeneratedRegex(@"^([A-Za-z]+)=(.*)$")]
    private static partial Regex Setting();
}
