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
    public const string Summary = "check a register map, print the reads it costs per poll cycle, or make one from a register table";

    private static readonly string[] Help =
    [
        "usage: energylogger map validate FILE",
        "       energylogger map plan FILE [--baud N]",
        "",
        "  validate                  load the map as the device does: one ok line, or the first error with",
        "                            its path and position (exit 1)",
        "  plan                      the reads of every device and poll class (function, addresses, points)",
        "                            and their wire time per cycle",
        "    --baud N                plan for this line speed instead of each device's own",
        .. MapFromRegistersCommand.HelpLines,
    ];

    private static readonly string[] ReasonTexts = ["the slave refused it", "longer than one request may be", "inside a neverRead range", "across a refused hole"];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        if (cli.Positional.Count > 0 && cli.Positional[0] == "from-registers")
        {
            return MapFromRegistersCommand.Run(cli);
        }

        if (cli.Positional.Count != 2 || cli.Positional[0] is not ("validate" or "plan"))
        {
            throw new UsageException("give validate FILE, plan FILE or from-registers TABLE (try 'energylogger map --help')");
        }

        bool plan = cli.Positional[0] == "plan";
        int baud = plan ? cli.Int("baud", 0, 1200, 921600) : 0;
        cli.RejectUnknown();
        string file = cli.Positional[1];
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
            Console.WriteLine($"ok: {file}: \"{map.Name}\": {Count(map.TelemetryCount, "point")}, {map.MetadataCount} metadata, "
                + $"{map.Computed.Length} computed, {Count(map.ValueMaps.Length, "value map")}, {Count(map.Devices.Length, "device")}");
        }

        return 0;
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
            Console.Error.WriteLine($"energylogger map: cannot read {file}: {e.Message}");
            return null;
        }

        RegisterMap? map = RegisterMapLoader.Load(text, 0, text.Length, out MapError? error);
        if (map is null)
        {
            Console.Error.WriteLine($"{file}{Where(text, error!.Position)}: {error}");
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
            int reads = 0;
            long wireUs = 0;
            for (int c = 0; c <= (int)PollClass.Once; c++)
            {
                var plan = new ClassPlan(map, d, (PollClass)c);
                if (plan.PointCount == 0)
                {
                    continue;
                }

                var dropped = new UnsupportedPoints(plan.PointCount);
                plan.Replan(limits, 0, dropped);
                PrintClass(map, plan, dropped, output);
                reads += plan.Plan.Count;
                wireUs += plan.Plan.TotalWireUs;
            }

            output.WriteLine($"  every class due: {Count(reads, "read")}, {Ms(wireUs)} ms on the wire"
                + (device.MinGapMs > 0 && reads > 1 ? $", at least {Ms(wireUs + ((reads - 1) * device.MinGapMs * 1000L))} ms with the gaps" : ""));
        }
    }

    private static void PrintClass(RegisterMap map, ClassPlan plan, UnsupportedPoints dropped, TextWriter output)
    {
        ReadPlan reads = plan.Plan;
        output.WriteLine($"  {plan.Poll.ToString().ToLowerInvariant()}: {Count(reads.Count, "read")}, {Ms(reads.TotalWireUs)} ms on the wire");
        for (int r = 0; r < reads.Count; r++)
        {
            ReadSpan read = reads.Read(r);
            IEnumerable<string> names = Enumerable.Range(0, plan.WantCount).Where(w => reads.ReadOf(w) == r).Select(w => map.Points[plan.PointOfWant(w)].Name);
            string range = read.Count == 1 ? $"{read.Address}" : $"{read.Address}-{read.Last}";
            output.WriteLine($"    FC{(int)read.Function:D2} {FunctionName(read.Function),-15} {range,-11} {read.Count,4}  {string.Join(", ", names)}");
        }

        for (int i = 0; i < dropped.Count; i++)
        {
            output.WriteLine($"    not read: {map.Points[dropped.Point(i)].Name} ({ReasonTexts[(int)dropped.Reason(i)]})");
        }
    }

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
