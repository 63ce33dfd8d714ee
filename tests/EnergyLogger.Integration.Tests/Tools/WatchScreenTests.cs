using EnergyLogger.Host.Samples;
using EnergyLogger.Host.Views;
using Spectre.Console;
using Xunit;

namespace EnergyLogger.Integration.Tests.Tools;

/// <summary>The homeowner's view rendered to an 80-column virtual console and compared with the screens in Tools/Screens.</summary>
public sealed class WatchScreenTests
{
    private static string Render(IEnumerable<SampleRecord> samples, DateTimeOffset now)
    {
        var day = new DaySoFar(TimeZoneInfo.Utc);
        foreach (SampleRecord sample in samples)
        {
            day.Add(sample);
        }

        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 80;
        console.Write(WatchScreen.Render("Deye SG04LP3", day, now));
        return string.Join('\n', output.ToString().Split('\n').Select(l => l.TrimEnd()));
    }

    private static void AssertScreen(string name, string actual)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Tools", "Screens", name);
        if (Environment.GetEnvironmentVariable("EL_RECORD_SCREENS") == "1")
        {
            string source = Path.Combine(AppContext.BaseDirectory, "../../../Tools/Screens", name);
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Render_NoonOfASunnyDay_ShowsFlowsInWordsTheDayAndTheChart()
    {
        List<SampleRecord> samples = ToolSamples.DayUntil(12);
        AssertScreen("noon.txt", Render(samples, ToolSamples.Day.AddHours(12)));
    }

    [Fact]
    public void Render_StaleValuesAndAFault_SaysWhatIsWrongInPlainWords()
    {
        List<SampleRecord> samples = ToolSamples.DayUntil(9,
            ",\"device\":{\"fault_code\":4096,\"fault_code_text\":[\"F13 grid over-voltage\"]},\"q\":{\"grid.l1.voltage\":\"stale\",\"battery.temperature\":\"sentinel\"}");
        AssertScreen("warnings.txt", Render(samples, ToolSamples.Day.AddHours(9.5)));
    }

    [Fact]
    public void Render_NoSampleYet_SaysItIsWaiting()
    {
        Assert.Contains("waiting for the first sample", Render([], ToolSamples.Day));
    }

    [Theory]
    [InlineData(2400, "exporting 2.4 kW")]
    [InlineData(-800, "importing 0.8 kW")]
    [InlineData(20, "balanced (no exchange)")]
    public void Grid_Power_IsSaidInWords(double watts, string expected)
    {
        SampleRecord sample = ToolSamples.Parse(ToolSamples.Json(1, ToolSamples.Day, 0, 0, 0, 50, watts, 0, 0, 0));
        Assert.Equal(expected, PowerWords.Grid(sample));
    }

    [Theory]
    [InlineData(1500, 77, "charging 1.5 kW at 77%")]
    [InlineData(-2200, 40, "discharging 2.2 kW at 40%")]
    [InlineData(10, 100, "idle at 100%")]
    public void Battery_PowerAndCharge_AreSaidInWords(double watts, double soc, string expected)
    {
        SampleRecord sample = ToolSamples.Parse(ToolSamples.Json(1, ToolSamples.Day, 0, 0, watts, soc, 0, 0, 0, 0));
        Assert.Equal(expected, PowerWords.Battery(sample));
    }

    [Fact]
    public void PlainLine_NotATerminal_OneLineWithTheSameWords()
    {
        var day = new DaySoFar(TimeZoneInfo.Utc);
        ToolSamples.DayUntil(12).ForEach(s => day.Add(s));
        string line = WatchScreen.PlainLine(day, ToolSamples.Day.AddHours(12));
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("12:00:00 | solar producing 5.9 kW | battery charging 2.0 kW at 80% | house using 0.5 kW | grid exporting 3.4 kW", line);
        Assert.Contains("| today produced", line);
    }

    [Fact]
    public void Add_SameSequenceTwice_KeepsItOnce()
    {
        var day = new DaySoFar(TimeZoneInfo.Utc);
        SampleRecord sample = ToolSamples.DayUntil(6)[0];
        Assert.True(day.Add(sample));
        Assert.False(day.Add(sample));
        Assert.Single(day.Samples);
    }

    [Fact]
    public void Add_SampleOfTheNextDay_StartsANewDay()
    {
        var day = new DaySoFar(TimeZoneInfo.Utc);
        ToolSamples.DayUntil(12).ForEach(s => day.Add(s));
        day.Add(ToolSamples.Parse(ToolSamples.Json(5, ToolSamples.Day.AddHours(24.25), 0, 300, 0, 50, -300, 0, 0.1, 0)));
        Assert.Single(day.Samples);
        Assert.Equal(DateOnly.FromDateTime(ToolSamples.Day.AddDays(1).DateTime), day.Day);
    }
}
