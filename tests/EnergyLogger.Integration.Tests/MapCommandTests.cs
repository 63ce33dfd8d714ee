using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using Xunit;
using static EnergyLogger.Integration.Tests.ReadyMaps.ReadyMapPolling;

namespace EnergyLogger.Integration.Tests;

/// <summary><c>energylogger map validate</c> and <c>map plan</c> as a user runs them.</summary>
public sealed class MapCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("el-map-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("deye-sg04lp3.json", "\"Deye SUN-5/6/8/10/12K-SG04LP3-EU (Sunsynk 3-phase LV hybrid)\": 58 points, 6 metadata, 1 computed, 6 value maps, 1 device")]
    [InlineData("growatt-sph.json", "\"Growatt SPH 3000-6000TL BL(-UP) (1-phase hybrid)\": 46 points, 5 metadata, 3 computed, 3 value maps, 1 device")]
    public void Validate_ReadyMap_PrintsOneOkLineWithCounts(string file, string counts)
    {
        string path = MapPath(file);

        var outcome = EnergyLoggerProcess.Run("map", "validate", path);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal([$"ok: {path}: {counts}"], outcome.Lines);
        Assert.Equal("", outcome.Stderr);
    }

    [Fact]
    public void Validate_MapSavedWithAByteOrderMark_IsOk()
    {
        string path = Path.Combine(_dir, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(MapPath("growatt-sph.json"))]);

        var outcome = EnergyLoggerProcess.Run("map", "validate", path);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.StartsWith($"ok: {path}: ", outcome.Stdout);
    }

    [Theory]
    [InlineData("{\n  \"format\": \"energylogger-map/1\",\n  \"name\": \"x\",\n  \"devices\": [{\"id\":\"inv\",\"slave\":1}],\n  \"points\": [{\"name\":\"p\",\"address\":1,\"scale\":\"x\"}]\n}\n", ":5:46: points[0].scale: expected a number (byte 135)")]
    [InlineData("{\"format\":\"energylogger-map/1\",\"name\":\"x\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],\"points\":[{\"name\":\"p\",\"address\":70000}]}", ":1:110: points[0].address: must be between 0 and 65535 (byte 109)")]
    [InlineData("{\"format\":\"energylogger-map/1\",\"name\":\"x\",\"devices\":[{\"id\":\"inv\",\"slave\":1}],\"points\":[{\"name\":\"p\",\"address\":1,", ":1:112: points[0]: unexpected end of document (byte 111)")]
    public void Validate_BadMap_PrintsTheLoadersErrorWithPathAndPositionExit1(string text, string expected)
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, text);
        RegisterMapLoader.Load(text, out MapError? error);

        var outcome = EnergyLoggerProcess.Run("map", "validate", path);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("", outcome.Stdout);
        Assert.Equal($"{path}{expected}\n", outcome.Stderr);
        Assert.EndsWith($" {error}\n", outcome.Stderr);
    }

    [Fact]
    public void Validate_MissingFile_SaysSoExit1()
    {
        var outcome = EnergyLoggerProcess.Run("map", "validate", Path.Combine(_dir, "none.json"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith($"energylogger map: cannot read {Path.Combine(_dir, "none.json")}: ", outcome.Stderr);
    }

    [Theory]
    [InlineData()]
    [InlineData("check", "x.json")]
    [InlineData("plan")]
    [InlineData("plan", "x.json", "--baud", "300")]
    [InlineData("validate", "x.json", "--baud", "9600")]
    public void Map_CalledWrongly_Exit2(params string[] args)
    {
        var outcome = EnergyLoggerProcess.Run(["map", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("energylogger map: ", outcome.Stderr);
    }

    [Fact]
    public void Plan_Deye_PrintsEveryReadPerClassAsTheEnginePlansIt()
    {
        RegisterMap map = Load("deye-sg04lp3.json");

        var outcome = EnergyLoggerProcess.Run("map", "plan", MapPath("deye-sg04lp3.json"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        string[] lines = outcome.Lines;
        Assert.Equal("device inverter: slave 1, 9600 baud, 10 bits per character, at most 125 registers per read", lines[1]);
        string[] expected = ExpectedPlan(map, DeviceLimits.For(map.Devices[0]));
        Assert.Equal(expected, lines[2..(2 + expected.Length)]);
        AssertCombinations(lines, 1 + expected.Length);
        Assert.Contains("    FC03 holding         590-591        2  battery_power, battery_current", lines);
        Assert.Contains("    FC03 holding         10048-10056    9  battery_soh, battery_cycles", lines);
    }

    [Fact]
    public void Plan_GrowattAtAnotherBaudRate_PricesTheLineItIsGivenAndCountsTheGaps()
    {
        RegisterMap map = Load("growatt-sph.json");
        PlannerLimits limits = DeviceLimits.For(map.Devices[0]);
        limits.BaudRate = 115200;

        var outcome = EnergyLoggerProcess.Run("map", "plan", MapPath("growatt-sph.json"), "--baud", "115200");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("device inverter: slave 1, 115200 baud, 10 bits per character, at most 64 registers per read, 1000 ms between requests", outcome.Lines[1]);
        string[] expected = ExpectedPlan(map, limits);
        Assert.Equal(expected, outcome.Lines[2..(2 + expected.Length)]);
        AssertCombinations(outcome.Lines, 1 + expected.Length);
        Assert.Contains(outcome.Lines, l => l.StartsWith("  every class due, one plan: ") && l.EndsWith(" ms with the gaps"));
        // On a fast line a request costs little more than its silences, so the metadata goes in one read, not three.
        Assert.Contains("    FC03 holding         9-44          36  firmware_version, serial_number, device_type_code, mppt_count, phase_count", outcome.Lines);
    }

    /// <summary>
    /// The class sections and the one plan for every class due, as the command must print them from the engine's own
    /// plans, then the table of combinations: one row for each combination of two or more classes.
    /// </summary>
    private static string[] ExpectedPlan(RegisterMap map, PlannerLimits limits)
    {
        var plans = new DevicePlans(map, 0);
        var dropped = new UnsupportedPoints(plans.EntryCount);
        plans.PlanAll(limits, 0, dropped);
        var lines = new List<string>();
        int gapMs = map.Devices[0].MinGapMs;
        void Section(string title, CombinationPlan plan)
        {
            ReadPlan reads = plan.Plan;
            lines.Add($"{title}: {Reads(reads.Count)}, {Ms(reads.TotalWireUs)} ms on the wire"
                + (gapMs > 0 && reads.Count > 1 ? $", at least {Ms(reads.TotalWireUs + ((reads.Count - 1) * gapMs * 1000L))} ms with the gaps" : ""));
            for (int r = 0; r < reads.Count; r++)
            {
                ReadSpan read = reads.Read(r);
                string names = string.Join(", ", Enumerable.Range(0, plan.WantCount).Where(w => reads.ReadOf(w) == r).Select(w => map.Points[plans.PointOf(plan.EntryOfWant(w))].Name));
                string range = read.Count == 1 ? $"{read.Address}" : $"{read.Address}-{read.Last}";
                string function = read.Function == FunctionCode.ReadHoldingRegisters ? "holding" : "input";
                lines.Add($"    FC{(int)read.Function:D2} {function,-15} {range,-11} {read.Count,4}  {names}");
            }
        }

        foreach (PollClass poll in Enum.GetValues<PollClass>())
        {
            Section($"  {poll.ToString().ToLowerInvariant()}", plans.For(DevicePlans.ClassBit(poll), limits, 0, dropped));
        }

        Section("  every class due, one plan", plans.For(plans.Classes, limits, 0, dropped));
        lines.Add("  classes due together     reads  ms/cycle  one plan per class");
        return [.. lines];
    }

    private static void AssertCombinations(string[] lines, int headerAt)
    {
        // Four classes: eleven combinations of two or more, then the plans' memory.
        string[] rows = lines[(headerAt + 1)..^1];
        Assert.Equal(11, rows.Length);
        Assert.All(rows, row => Assert.Matches(@"^  [a-z+]+ +\d+ +\d+\.\d +\d+\.\d \((\d+\.\d\d)x\)$", row));
        Assert.All(rows, row => Assert.True(double.Parse(row[(row.LastIndexOf('(') + 1)..^2], System.Globalization.CultureInfo.InvariantCulture) >= 1.0, row));
        Assert.Matches(@"^  15 plans made at map take-over, \d+ bytes$", lines[^1]);
    }

    private static string Reads(int n) => n == 1 ? "1 read" : $"{n} reads";

    private static string Ms(long us) => (us / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
