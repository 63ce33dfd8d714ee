using System.Text.RegularExpressions;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

public class PollDocsTests
{
    [Fact]
    public void RegisterMapDoc_PollClassTable_GivesTheDefaultPeriodsAndBudget()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/register-map.md"));
        var periods = Regex.Matches(doc, @"^\| `(fast|normal|slow)` \| (\d+) (s|min) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value) * (m.Groups[3].Value == "min" ? 60000 : 1000));
        var options = new PollOptions();

        Assert.Equal(options.IntervalMs(PollClass.Fast), periods["fast"]);
        Assert.Equal(options.IntervalMs(PollClass.Normal), periods["normal"]);
        Assert.Equal(options.IntervalMs(PollClass.Slow), periods["slow"]);
        Assert.Equal(PollOptions.NoInterval, options.IntervalMs(PollClass.Once));
        Assert.Contains($"A cycle has a time budget (default {options.CycleBudgetMs / 1000} s)", doc);
    }
}
