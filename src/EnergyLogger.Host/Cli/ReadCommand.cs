using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary><c>energylogger read</c>: one FC01-04 request, the values printed one per line.</summary>
internal static class ReadCommand
{
    public const string Summary = "read coils, inputs or registers (FC01-04) and print one value per line";

    private static readonly string[] Help =
    [
        "usage: energylogger read BUS [--slave N] [--fc 1|2|3|4] --address A [--one-based] [--count N] [--type T] [--word-order O]",
        "",
        "  --slave N                 slave id 1 to 247 (default 1)",
        "  --fc F                    1 coils, 2 discrete inputs, 3 holding (default) or 4 input registers",
        .. AddressOption.HelpLines,
        "  --count N                 bits for FC01/02, registers for FC03/04 (default: one value)",
        $"  --type T                  FC03/04: {ValueFormat.TypeHelp}",
        "  --word-order O            abcd (default), cdab, badc or dcba",
        "",
        "BUS:",
        .. BusSettings.HelpLines,
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        BusSettings bus = BusSettings.Parse(cli);
        byte slave = (byte)cli.Int("slave", 1, 1, 247);
        var function = (FunctionCode)cli.Int("fc", 3, 1, 4);
        int address = AddressOption.Parse(cli);
        return function is FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs
            ? ReadBits(cli, bus, slave, function, address)
            : ReadRegisters(cli, bus, slave, function, address);
    }

    private static int ReadBits(CommandLine cli, BusSettings bus, byte slave, FunctionCode function, int address)
    {
        if (cli.Has("type") || cli.Has("word-order"))
        {
            throw new UsageException("--type and --word-order apply to registers (--fc 3 or 4)");
        }

        int count = Count(cli, address, 1, ModbusPdu.MaxReadBits);
        cli.RejectUnknown();
        return BusCommand.Run("read", bus, master =>
        {
            var bits = new bool[count];
            ModbusResult result = master.ReadBits(slave, function, address, count, bits, 0);
            if (!result.IsOk)
            {
                return BusCommand.Fail("read", BusCommand.Describe(result, slave, bus));
            }

            foreach (bool bit in bits)
            {
                Console.WriteLine(bit ? "1" : "0");
            }

            return 0;
        });
    }

    private static int ReadRegisters(CommandLine cli, BusSettings bus, byte slave, FunctionCode function, int address)
    {
        ValueFormat format = ValueFormat.Parse(cli);
        WordOrder order = ValueFormat.ParseWordOrder(cli);
        if (format.IsText && !cli.Has("count"))
        {
            throw new UsageException("--type string needs --count (registers to read)");
        }

        int count = Count(cli, address, Math.Max(format.Width, 1), ModbusPdu.MaxReadRegisters);
        if (format.Width > 1 && count % format.Width != 0)
        {
            throw new UsageException($"--count {count} is not a whole number of {format.Name} values ({format.Width} registers each)");
        }

        cli.RejectUnknown();
        return BusCommand.Run("read", bus, master =>
        {
            var regs = new ushort[count];
            ModbusResult result = master.ReadRegisters(slave, function, address, count, regs, 0);
            if (!result.IsOk)
            {
                return BusCommand.Fail("read", BusCommand.Describe(result, slave, bus));
            }

            foreach (string line in format.FormatAll(regs, order))
            {
                Console.WriteLine(line);
            }

            return 0;
        });
    }

    private static int Count(CommandLine cli, int address, int defaultCount, int max)
    {
        int count = cli.Int("count", defaultCount, 1, max);
        return address + count <= 0x10000
            ? count
            : throw new UsageException($"--address {address} and --count {count} run past the last address 65535");
    }
}
