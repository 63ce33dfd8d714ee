using System.CommandLine;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary><c>energylogger read</c>: one FC01-04 request, the values printed one per line.</summary>
internal sealed class ReadCommand
{
    private readonly BusOptions _bus = new();
    private readonly Option<int> _slave = CliOption.Int("--slave", "N", "slave id 1 to 247", 1, 1, 247);
    private readonly Option<int> _fc = CliOption.Int("--fc", "1|2|3|4", "1 coils, 2 discrete inputs, 3 holding or 4 input registers", 3, 1, 4);
    private readonly AddressOption _address = new();
    private readonly Option<int?> _count = CliOption.OptionalInt("--count", "N", "bits for FC01/02, registers for FC03/04 [default: one value]", 1, int.MaxValue);
    private readonly Option<string> _type = ValueFormat.TypeOption("FC03/04");
    private readonly Option<string> _wordOrder = ValueFormat.WordOrderOption();

    public static Command Create()
    {
        var read = new ReadCommand();
        var command = new NotedCommand("read", "read coils, inputs or registers (FC01-04) and print one value per line", BusOptions.HelpText);
        Array.ForEach<Option>([.. read._bus.All, read._slave, read._fc, .. read._address.All, read._count, read._type, read._wordOrder], command.Add);
        command.SetAction(read.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        BusSettings bus = _bus.Parse(result);
        byte slave = (byte)result.GetValue(_slave);
        var function = (FunctionCode)result.GetValue(_fc);
        int address = _address.Parse(result);
        return function is FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs
            ? ReadBits(result, bus, slave, function, address)
            : ReadRegisters(result, bus, slave, function, address);
    }

    private int ReadBits(ParseResult result, BusSettings bus, byte slave, FunctionCode function, int address)
    {
        if (result.IsGiven(_type) || result.IsGiven(_wordOrder))
        {
            throw new UsageException("--type and --word-order apply to registers (--fc 3 or 4)");
        }

        int count = Count(result, address, 1, ModbusPdu.MaxReadBits);
        return BusCommand.Run("read", bus, master =>
        {
            var bits = new bool[count];
            ModbusResult reply = master.ReadBits(slave, function, address, count, bits, 0);
            if (!reply.IsOk)
            {
                return BusCommand.Fail("read", BusCommand.Describe(reply, slave, bus));
            }

            PrintValues(address, 1, bits.Select(bit => bit ? "1" : "0"));
            return 0;
        });
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

        return BusCommand.Run("read", bus, master =>
        {
            var regs = new ushort[count];
            ModbusResult reply = master.ReadRegisters(slave, function, address, count, regs, 0);
            if (!reply.IsOk)
            {
                return BusCommand.Fail("read", BusCommand.Describe(reply, slave, bus));
            }

            PrintValues(address, Math.Max(format.Width, 1), format.FormatAll(regs, order));
            return 0;
        });
    }

    /// <summary>One value per line; on a terminal, a table with the address of each value.</summary>
    private static void PrintValues(int address, int registersPerValue, IEnumerable<string> values)
    {
        if (!ConsoleOutput.IsRich)
        {
            foreach (string value in values)
            {
                Console.WriteLine(value);
            }

            return;
        }

        var table = new OutputTable(new("address", 7), new("hex", 6), new("value", -5));
        int at = address;
        foreach (string value in values)
        {
            table.Add(at.ToString(System.Globalization.CultureInfo.InvariantCulture), $"0x{at:X4}", value);
            at += registersPerValue;
        }

        table.Write(Console.Out);
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
