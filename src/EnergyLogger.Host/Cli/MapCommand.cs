using System.CommandLine;
using System.Globalization;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger map validate FILE</c> and <c>energylogger map plan FILE</c>: the device's own map
/// loader and read planner, run before a map is sent, so what passes here is what the device accepts
/// and reads.
/// </summary>
internal static class MapCommand
{
    private static readonly string[] ReasonTexts = ["the slave refused it", "longer than one request may be", "inside a neverRead range", "across a refused hole"];

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "the register map (JSON)" };
        var validate = new Command("validate", "load the map as the device does: one ok line, or the first error with its path and position (exit 1)") { file };
        validate.SetAction(result => Run(result.GetRequiredValue(file), plan: false, 0));

        var planFile = new Argument<string>("FILE") { Description = "the register map (JSON)" };
        Option<int?> baud = CliOption.OptionalInt("--baud", "N", "plan for this line speed instead of each device's own", 1200, 921600);
        var plan = new Command(
            "plan",
            "the reads of every device and poll class (function, addresses, points) and their wire time per cycle; the one plan "
            + "a cycle reads when every class is due, and each combination of classes against their plans one after another")
        {
            planFile,
            baud,
        };
        plan.SetAction(result => Run(result.GetRequiredValue(planFile), plan: true, result.GetValue(baud) ?? 0));

        return new Command("map", "check a register map, print the reads it costs per poll cycle, or make one from a register table or a SunSpec device")
        {
            validate,
            plan,
            MapFromRegistersCommand.Create(),
            MapSunSpecCommand.Create(),
        };
    }

    private static int Run(string file, bool plan, int baud)
    {
        RegisterMap? map = Load(file);
        if (map is null)
        {
            return 1;
        }

        if (plan)
        {
            PrintPlan(map, baud, Console.Out);
        }
        else
        {
            PrintValid(file, map);
        }

        return 0;
    }

    /// <summary>One ok line; on a terminal, a table of what the map holds.</summary>
    private static void PrintValid(string file, RegisterMap map)
    {
        if (!ConsoleOutput.IsRich)
        {
            Console.WriteLine($"ok: {file}: \"{map.Name}\": {Count(map.TelemetryCount, "point")}, {map.MetadataCount} metadata, "
                + $"{map.Computed.Length} computed, {Count(map.ValueMaps.Length, "value map")}, {Count(map.Devices.Length, "device")}");
            return;
        }

        Console.WriteLine($"ok: {file}: \"{map.Name}\"");
        var table = new OutputTable(new("points", 6), new("metadata", 8), new("computed", 8), new("value maps", 10), new("devices", 7));
        table.Add($"{map.TelemetryCount}", $"{map.MetadataCount}", $"{map.Computed.Length}", $"{map.ValueMaps.Length}", $"{map.Devices.Length}");
        table.Write(Console.Out);
    }

    /// <summary>The map, or null after printing why not: <c>FILE:LINE:COLUMN: path: reason (byte N)</c>.</summary>
    private static RegisterMap? Load(string file)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ConsoleOutput.Failed("energylogger map", $"cannot read {file}: {e.Message}");
            return null;
        }

        MapError? error = null;
        RegisterMap? map = ConsoleOutput.WithProgress($"loading {file}", () => RegisterMapLoader.Load(text, 0, text.Length, out error));
        if (map is null)
        {
            ConsoleOutput.Failed($"{file}{Where(text, error!.Position)}", error!.ToString());
        }

        return map;
    }

    /// <summary>":LINE:COLUMN" (1-based, column in bytes) of a byte offset, or nothing when the error has no single place.</summary>
    private static string Where(byte[] text, int position)
    {
        if (position < 0)
        {
            return "";
        }

        int end = Math.Min(position, text.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < end; i++)
        {
            if (text[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $":{line}:{end - lineStart + 1}";
    }

    private static void PrintPlan(RegisterMap map, int baud, TextWriter output)
    {
        output.WriteLine($"\"{map.Name}\": {Count(map.Devices.Length, "device")}, {Count(map.TelemetryCount, "point")}, {map.MetadataCount} metadata");
        for (int d = 0; d < map.Devices.Length; d++)
        {
            DeviceDefinition device = map.Devices[d];
            PlannerLimits limits = DeviceLimits.For(device);
            limits.BaudRate = baud > 0 ? baud : limits.BaudRate;
            output.WriteLine();
            output.WriteLine($"device {device.Id}: slave {device.Slave}, {limits.BaudRate} baud, {limits.BitsPerChar} bits per character, "
                + $"at most {limits.MaxRegisters} registers per read" + (device.MinGapMs > 0 ? $", {device.MinGapMs} ms between requests" : ""));
            var plans = new DevicePlans(map, d);
            var dropped = new UnsupportedPoints(plans.EntryCount);
            plans.PlanAll(limits, 0, dropped);
            for (int c = 0; c < DevicePlans.ClassCount; c++)
            {
                int bit = DevicePlans.ClassBit((PollClass)c);
                if ((plans.Classes & bit) != 0)
                {
                    PrintReads($"  {ClassText(bit)}", map, plans, plans.For(bit, limits, 0, dropped), device, output);
                }
            }

            if (plans.Classes != 0)
            {
                PrintReads("  every class due, one plan", map, plans, plans.For(plans.Classes, limits, 0, dropped), device, output);
                PrintCombinations(plans, limits, dropped, output);
            }

            for (int i = 0; i < dropped.Count; i++)
            {
                output.WriteLine($"  not read: {map.Points[dropped.Point(i)].Name} ({ReasonTexts[(int)dropped.Reason(i)]})");
            }
        }
    }

    private static void PrintReads(string title, RegisterMap map, DevicePlans plans, CombinationPlan plan, DeviceDefinition device, TextWriter output)
    {
        ReadPlan reads = plan.Plan;
        output.WriteLine($"{title}: {Count(reads.Count, "read")}, {Ms(reads.TotalWireUs)} ms on the wire"
            + (device.MinGapMs > 0 && reads.Count > 1 ? $", at least {Ms(reads.TotalWireUs + ((reads.Count - 1) * device.MinGapMs * 1000L))} ms with the gaps" : ""));
        var table = new OutputTable(new("FC", -4), new("function", -15), new("addresses", -11), new("count", 4), new("points", -1, "  ")) { Indent = "    ", PlainHeader = false };
        for (int r = 0; r < reads.Count; r++)
        {
            ReadSpan read = reads.Read(r);
            IEnumerable<string> names = Enumerable.Range(0, plan.WantCount).Where(w => reads.ReadOf(w) == r).Select(w => map.Points[plans.PointOf(plan.EntryOfWant(w))].Name);
            string range = read.Count == 1 ? $"{read.Address}" : $"{read.Address}-{read.Last}";
            table.Add($"FC{(int)read.Function:D2}", FunctionName(read.Function), range, read.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", names));
        }

        table.Write(output);
    }

    /// <summary>Every combination of classes that can be due together: the one plan the cycle reads, against the classes' plans one after another.</summary>
    private static void PrintCombinations(DevicePlans plans, PlannerLimits limits, UnsupportedPoints dropped, TextWriter output)
    {
        output.WriteLine("  classes due together     reads  ms/cycle  one plan per class");
        int combinations = 0;
        for (int classes = 1; classes < DevicePlans.CombinationCount; classes++)
        {
            if ((classes & ~plans.Classes) != 0 || BitCount(classes) < 2)
            {
                continue;
            }

            combinations++;
            ReadPlan one = plans.For(classes, limits, 0, dropped).Plan;
            long separateUs = 0;
            for (int bit = 1; bit < DevicePlans.CombinationCount; bit <<= 1)
            {
                separateUs += (classes & bit) != 0 ? plans.For(bit, limits, 0, dropped).Plan.TotalWireUs : 0;
            }

            string ratio = one.TotalWireUs > 0 ? ((double)separateUs / one.TotalWireUs).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
            output.WriteLine($"  {ClassText(classes),-24} {one.Count,5} {Ms(one.TotalWireUs),9}  {Ms(separateUs),9} ({ratio})");
        }

        output.WriteLine($"  {Count(combinations + BitCount(plans.Classes), "plan")} made at map take-over, {plans.PlanBytes} bytes");
    }

    private static string ClassText(int classes) =>
        string.Join("+", Enumerable.Range(0, DevicePlans.ClassCount).Where(c => (classes & (1 << c)) != 0).Select(c => ((PollClass)c).ToString().ToLowerInvariant()));

    private static int BitCount(int value) => System.Numerics.BitOperations.PopCount((uint)value);

    private static string FunctionName(FunctionCode function) => function switch
    {
        FunctionCode.ReadCoils => "coils",
        FunctionCode.ReadDiscreteInputs => "discrete inputs",
        FunctionCode.ReadHoldingRegisters => "holding",
        _ => "input",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Ms(long microseconds) => (microseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
