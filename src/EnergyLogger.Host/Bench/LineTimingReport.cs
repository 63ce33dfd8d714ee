using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Simulator;

namespace EnergyLogger.Host.Bench;

/// <summary>
/// The <c>line</c> section of <c>energylogger bench</c>: real poll cycles with every class due, timed against the wire
/// time the planner prices them at (both frames and two t3.5 silences per request). Without <c>--port</c> the
/// built-in inverter answers on a simulated line whose characters take their real time; with it, any RTU slave on a
/// tty or pty (a pymodbus slave on a socat pty, a real inverter). The rest of a cycle is split into the time writes
/// take, the wait for a reply's first byte, the rest of the reply, and what passes between exchanges.
/// </summary>
internal static class LineTimingReport
{
    public static Action<TextWriter> Prepare(ParseResult result, BenchOptions options)
    {
        string mapPath = result.GetValue(options.Map) ?? MapFile.DefaultPath;
        RegisterMap map = MapFile.Load(mapPath);
        string? port = result.GetValue(options.Port);
        int baud = result.GetValue(options.Baud) ?? 9600;
        if (baud < 1200 || baud > 921600)
        {
            throw new UsageException(WholeNumber.Error(options.Baud.Name, baud.ToString(CultureInfo.InvariantCulture), 1200, 921600));
        }

        int cycles = result.GetValue(options.Cycles);
        int turnaroundMs = result.GetValue(options.TurnaroundMs);
        return output => Print(output, map, port, baud, cycles, turnaroundMs);
    }

    private static void Print(TextWriter output, RegisterMap map, string? port, int baud, int cycles, int turnaroundMs)
    {
        var clock = new SystemClock();
        DeviceDefinition device = map.Devices[0];
        int bitsPerChar = RtuTiming.BitsPerChar(device.Parity != SerialParity.None, device.StopBits);
        IByteLink line;
        string where;
        if (port is null)
        {
            var simulated = new SimulatedSerialLink(clock, baud, bitsPerChar, turnaroundMs);
            var inverter = new SimulatedInverter(map, 0, new InverterModel(seed: 1));
            inverter.Publish();
            simulated.Attach(inverter.Slave, inverter.Bank);
            line = simulated;
            where = $"the simulated line ({turnaroundMs} ms slave turnaround)";
        }
        else
        {
            line = SerialLink.Open(port, baud, device.Parity == SerialParity.None ? Parity.None : device.Parity == SerialParity.Even ? Parity.Even : Parity.Odd, device.StopBits);
            where = port;
        }

        var timed = new TimedLink(line);
        var master = new ModbusMaster(timed, clock, new RtuFramer(), new MasterOptions { BaudRate = baud, BitsPerChar = bitsPerChar, ResponseTimeoutMs = device.ResponseTimeoutMs });
        var engine = new PollEngine(new MapSlot(map), [master], clock, new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 });
        engine.RunCycle();

        output.WriteLine($"line: poll cycles with every class due on {where}, {baud} baud, map \"{map.Name}\"");
        output.WriteLine("      wire = both frames and two t3.5 silences per request, as the planner prices them");
        output.WriteLine();
        var table = new OutputTable(
            new("cycle", 5), new("reads", 5), new("wire ms", 8), new("elapsed", 8), new("ratio", 6), new("write", 6, "  "), new("to 1st B", 8), new("rest", 6), new("between", 7), new("errors", 6, "  "));
        double totalWire = 0, totalElapsed = 0;
        for (int c = 1; c <= cycles; c++)
        {
            timed.Reset();
            var watch = Stopwatch.StartNew();
            engine.RunCycle();
            double elapsed = watch.Elapsed.TotalMilliseconds;
            CycleStats stats = engine.Stats;
            double wire = stats.WireUs / 1000.0;
            double between = elapsed - timed.WriteMs - timed.FirstByteMs - timed.ReplyMs;
            totalWire += wire;
            totalElapsed += elapsed;
            table.Add(
                c.ToString(CultureInfo.InvariantCulture),
                stats.Reads.ToString(CultureInfo.InvariantCulture),
                F(wire),
                F(elapsed),
                R(elapsed / wire),
                F(timed.WriteMs),
                F(timed.FirstByteMs),
                F(timed.ReplyMs),
                F(between),
                stats.Errors.ToString(CultureInfo.InvariantCulture));
        }

        table.Add("all", "", F(totalWire), F(totalElapsed), R(totalElapsed / totalWire));
        table.Write(output);
        (line as IDisposable)?.Dispose();
    }

    private static string F(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);

    private static string R(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture) + "x";
}
