using System.Text.RegularExpressions;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>docs/cloud.md lists every command the logger answers, each with its payload and result, and the numbers it gives.</summary>
public sealed class CommandDocsTests
{
    [Fact]
    public void CloudDoc_CommandTables_ListEveryCommandTheLoggerObserves()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/cloud.md"));
        var rig = new LoopRig();
        rig.Run(1_000);
        string[] observed = [.. rig.Session.On("/cex/" + LoopRig.Token + "/command/").Select(s => s.Topic.Split('/')[^2])];

        Assert.Contains("factory_reset", observed);
        foreach (string type in observed)
        {
            Assert.Matches(new Regex(@"^\| `" + type + @"` \| [^|]+ \| [^|]+ \|$", RegexOptions.Multiline), doc);
        }
    }

    [Fact]
    public void CloudDoc_RemoteManagement_GivesTheTrialScanAndEntryLimits()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/cloud.md"));
        var options = new RuntimeOptions();

        Assert.Contains($"within {options.WifiTrialMs / 1000} s (`RuntimeOptions.WifiTrialMs`)", doc);
        Assert.Contains($"504 when the scan did not end within {options.WifiScanMs / 1000} s", doc);
        Assert.Contains($"`entries` | 1 to {EnergyLogger.Core.Cloud.Schedule.MaxEntries} entries", doc);
    }
}
