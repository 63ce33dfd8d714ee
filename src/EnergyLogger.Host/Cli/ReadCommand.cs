using System.CommandLine;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;
using EnergyLogger.Host.Readings;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger read</c>: one FC01-04 request, the values printed one per line; or, with <c>--format</c> or
/// <c>--watch</c>, labelled with their addresses and the time, again and again; or, with <c>--map</c>, a map's
/// points by name as the logger publishes them (<see cref="PointReader"/>).
/// </summary>
internal sealed class ReadCommand
{
    private readonly BusOptions _bus = new();
    private readonly Option<int> _slave = CliOption.Int("--slave", "N", "slave id 1 to 247 (with --map: the map's own)", 1, 1, 247);
    private readonly Option<int> _fc = CliOption.Int("--fc", "1|2|3|4", "1 coils, 2 discrete inputs, 3 holding or 4 input registers", 3, 1, 4);
    private readonly AddressOption _address = new(required: false);
    private readonly Option<int?> _count = CliOption.OptionalInt("--count", "N", "bits for FC01/02, registers for FC03/04 [default: one value]", 1, int.MaxValue);
    private readonly Option<string> _type = ValueFormat.TypeOption("FC03/04");
    private readonly Option<string> _wordOrder = ValueFormat.WordOrderOption();
    private readonly Option<int?> _watch = CliOption.OptionalInt("--watch", "SECONDS", "read again every SECONDS until Ctrl+C, each read with its time", 1, 86400);
    private readonly Option<int?> _reads = CliOption.OptionalInt("--reads", "N", "with --watch: stop after N reads", 1, int.MaxValue);
    private readonly Option<string> _format = CliOption.Choice("--format", "labelled output with addresses and time [default with --watch or --map: table]", ReadingFormat.Names);
    private readonly Option<string> _map = CliOption.Text("--map", "FILE", "read points of this register map by name, scaled and checked as the logger publishes them");
    private readonly Option<string> _point = CliOption.Text("--point", "NAME[,NAME]", "with --map: the points to read");
    private readonly Option<bool> _all = CliOption.Flag("--all", "with --map: every point of the map");

    public static Command Create()
    {
        var read = new ReadCommand();
        var command = new NotedCommand("read", "read coils, inputs or registers (FC01-04), or a map's points by name; once or --watch", BusOptions.HelpText);
        Array.ForEach<Option>([.. read._bus.All, read._slave, read._fc, .. read._address.All, read._count, read._type, read._wordOrder,
            read._watch, read._reads, read._format, read._map, read._point, read._all], command.Add);
        command.SetAction(read.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        BusSettings bus = _bus.Parse(result);
        if (result.IsGiven(_reads) && !result.IsGiven(_watch))
        {
            throw new UsageException("--reads applies to --watch");
        }

        if (result.GetValue(_map) is string mapPath)
        {
            return ReadPoints(result, bus, mapPath);
        }

        if (result.IsGiven(_point) || result.IsGiven(_all))
        {
            throw new UsageException("--point and --all read through a map: give --map FILE");
        }

        byte slave = (byte)result.GetValue(_slave);
        var function = (FunctionCode)result.GetValue(_fc);
        int address = _address.Parse(result);
        return function is FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs
            ? ReadBits(result, bus, slave, function, address)
            : ReadRegisters(result, bus, slave, function, address);
    }

    private int ReadPoints(ParseResult result, BusSettings bus, string mapPath)
    {
        foreach (Option raw in (Option[])[_fc, _count, _type, _wordOrder, .. _address.All])
        {
            if (result.IsGiven(raw))
            {
                throw new UsageException($"{raw.Name} does not apply to --map: the map says where each point is and how to read it");
            }
        }

        string? names = result.GetValue(_point);
        if ((names is null) == !result.GetValue(_all))
        {
            throw new UsageException("with --map give --point NAME[,NAME] or --all");
        }

        RegisterMap map = MapFile.Load(mapPath, result.IsGiven(_slave) ? (byte)result.GetValue(_slave) : null);
        int[] points = PointReader.Select(map, names?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out string? unknown)
            ?? throw new UsageException($"--point: the map has no point '{unknown}'");
        var format = new ReadingFormat(result.GetValue(_format) ?? "table", Console.Out);
        return BusCommand.Run("read", bus, master =>
        {
            var reader = new PointReader(map, master, new SystemClock());
            return Repeat(result, format, () =>
            {
                List<Reading> readings = reader.Read(points, out int errors);
                // Some points failing is shown per point; a device that answered nothing at all fails the read.
                return readings.Count > 0 && readings.All(r => r.Quality == "stale") && errors > 0
                    ? (null, $"slave {map.Devices[0].Slave} answered none of the map's reads ({errors} failed)")
                    : (readings, null);
            });
        });
    }

    private int ReadBits(ParseResult result, BusSettings bus, byte slave, FunctionCode function, int address)
    {
        if (result.IsGiven(_type) || result.IsGiven(_wordOrder))
        {
            throw new UsageException("--type and --word-order apply to registers (--fc 3 or 4)");
        }

        int count = Count(result, address, 1, ModbusPdu.MaxReadBits);
        return BusCommand.Run("read", bus, master => Emit(result, () =>
        {
            var bits = new bool[count];
            ModbusResult reply = master.ReadBits(slave, function, address, count, bits, 0);
            return reply.IsOk
                ? (bits.Select((bit, i) => (address + i, bit ? "1" : "0")).ToList(), null)
                : (null, BusCommand.Describe(reply, slave, bus));
        }, function));
    }

    private int ReadRegisters(ParseResult result, BusSettings bus, byte slave, FunctionCode function, int address)
    {
        ValueFormat format = ValueFormat.Parse(result.GetValue(_type));
        WordOrder order = ValueFormat.ParseWordOrder(result.GetValue(_wordOrder));
        if (format.IsText && !result.IsGiven(_count))
        {
            throw new UsageException("--type string needs --count (registers to read)");
        }

        int count = Count(result, address, Math.Max(format.Width, 1), ModbusPdu.MaxReadRegisters);
        if (format.Width > 1 && count % format.Width != 0)
        {
            throw new UsageException($"--count {count} is not a whole number of {format.Name} values ({format.Width} registers each)");
        }

        return BusCommand.Run("read", bus, master => Emit(result, () =>
        {
            var regs = new ushort[count];
            ModbusResult reply = master.ReadRegisters(slave, function, address, count, regs, 0);
            return reply.IsOk
                ? (format.FormatAll(regs, order).Select((value, i) => (address + (i * Math.Max(format.Width, 1)), value)).ToList(), null)
                : (null, BusCommand.Describe(reply, slave, bus));
        }, function));
    }

    /// <summary>Plain values one per line (the default, as mbpoll scripts expect), or labelled readings when asked for.</summary>
    private int Emit(ParseResult result, Func<(List<(int Address, string Value)>?, string?)> once, FunctionCode function)
    {
        if (!result.IsGiven(_format) && !result.IsGiven(_watch))
        {
            (List<(int Address, string Value)>? values, string? error) = once();
            if (values is null)
            {
                return BusCommand.Fail("read", error!);
            }

            PrintValues(values);
            return 0;
        }

        var format = new ReadingFormat(result.GetValue(_format) ?? "table", Console.Out);
        return Repeat(result, format, () =>
        {
            (List<(int Address, string Value)>? values, string? error) = once();
            return (values?.Select(v => new Reading("", Reading.AddressText(function, v.Address), v.Value, "", Reading.Good)).ToList(), error);
        });
    }

    /// <summary>One value per line; on a terminal, a table with the address of each value.</summary>
    private static void PrintValues(List<(int Address, string Value)> values)
    {
        if (!ConsoleOutput.IsRich)
        {
            values.ForEach(v => Console.WriteLine(v.Value));
            return;
        }

        var table = new OutputTable(new("address", 7), new("hex", 6), new("value", -5));
        foreach ((int address, string value) in values)
        {
            table.Add(address.ToString(System.Globalization.CultureInfo.InvariantCulture), $"0x{address:X4}", value);
        }

        table.Write(Console.Out);
    }

    /// <summary>
    /// Reads once, or with <c>--watch</c> every so many seconds until Ctrl+C or <c>--reads</c>. A failed read in a watch
    /// is a line of its own and the watch goes on; the exit status is that of the last read.
    /// </summary>
    private int Repeat(ParseResult result, ReadingFormat format, Func<(List<Reading>?, string?)> once)
    {
        int? every = result.GetValue(_watch);
        int reads = every is null ? 1 : result.GetValue(_reads) ?? int.MaxValue;
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        int exit = 0;
        for (int n = 1; n <= reads && !stop.IsCancellationRequested; n++)
        {
            DateTimeOffset started = DateTimeOffset.Now;
            (List<Reading>? readings, string? error) = once();
            if (readings is null)
            {
                format.WriteFailure(started, error!);
                exit = BusCommand.Fail("read", error!);
            }
            else
            {
                format.Write(started, readings);
                exit = 0;
            }

            TimeSpan wait = started.AddSeconds(every ?? 0) - DateTimeOffset.Now;
            if (n < reads && wait > TimeSpan.Zero)
            {
                stop.Token.WaitHandle.WaitOne(wait);
            }
        }

        return exit;
    }

    private int Count(ParseResult result, int address, int defaultCount, int max)
    {
        int count = result.GetValue(_count) ?? defaultCount;
        if (count > max)
        {
            throw new UsageException(WholeNumber.Error(_count.Name, count.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, max));
        }

        return address + count <= 0x10000
            ? count
            : throw new UsageException($"--address {address} and --count {count} run past the last address 65535");
    }
}
