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
        Assert.Equal(ExpectedPlan(map, DeviceLimits.For(map.Devices[0])), lines[2..]);
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
        Assert.Equal(ExpectedPlan(map, limits), outcome.Lines[2..]);
        Assert.EndsWith(" ms with the gaps", outcome.Lines[^1]);
        // On a fast line a request costs little more than its silences, so the metadata goes in one read, not three.
        Assert.Contains("    FC03 holding         9-44          36  firmware_version, serial_number, device_type_code, mppt_count, phase_count", outcome.Lines);
    }

    /// <summary>The class headers, reads and total line the command must print, from the engine's own plans.</summary>
    private static string[] ExpectedPlan(RegisterMap map, PlannerLimits limits)
    {
        var lines = new List<string>();
        int reads = 0;
        long wireUs = 0;
        foreach (PollClass poll in Enum.GetValues<PollClass>())
        {
            var plan = new ClassPlan(map, 0, poll);
            plan.Replan(limits, 0, new UnsupportedPoints(plan.PointCount));
            reads += plan.Plan.Count;
            wireUs += plan.Plan.TotalWireUs;
            lines.Add($"  {poll.ToString().ToLowerInvariant()}: {Reads(plan.Plan.Count)}, {Ms(plan.Plan.TotalWireUs)} ms on the wire");
            for (int r = 0; r < plan.Plan.Count; r++)
            {
                ReadSpan read = plan.Plan.Read(r);
                string names = string.Join(", ", Enumerable.Range(0, plan.WantCount).Where(w => plan.Plan.ReadOf(w) == r).Select(w => map.Points[plan.PointOfWant(w)].Name));
                string range = read.Count == 1 ? $"{read.Address}" : $"{read.Address}-{read.Last}";
                string function = read.Function == FunctionCode.ReadHoldingRegisters ? "holding" : "input";
                lines.Add($"    FC{(int)read.Function:D2} {function,-15} {range,-11} {read.Count,4}  {names}");
            }
        }

        int gapMs = map.Devices[0].MinGapMs;
        lines.Add($"  every class due: {Reads(reads)}, {Ms(wireUs)} ms on the wire" + (gapMs > 0 ? $", at least {Ms(wireUs + ((reads - 1) * gapMs * 1000L))} ms with the gaps" : ""));
        return [.. lines];
    }

    private static string Reads(int n) => n == 1 ? "1 read" : $"{n} reads";

    private static string Ms(long us) => (us / 1000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
