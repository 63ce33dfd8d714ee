using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary><c>energylogger write</c>: one FC05, FC06, FC15 or FC16 request.</summary>
internal static class WriteCommand
{
    public const string Summary = "write coils or registers (FC05/06/15/16)";

    private static readonly string[] Help =
    [
        "usage: energylogger write BUS [--slave N] --fc 5|6|15|16 --address A [--one-based] (--value V | --values V1,V2,...)",
        "",
        "  --slave N                 slave id 1 to 247 (default 1)",
        "  --fc F                    5 one coil, 6 one register, 15 coils, 16 registers",
        .. AddressOption.HelpLines,
        "  --value V                 FC05: 0, 1, on or off; FC06: one 16-bit value; FC16 --type string: the text",
        "  --values V1,V2,...        FC15: 0 or 1 per coil; FC16: numbers, each encoded by --type",
        $"  --type T                  FC06/16: {ValueFormat.TypeHelp}",
        "  --word-order O            abcd (default), cdab, badc or dcba",
        "  --count N                 FC16 --type string: registers to fill, padded with NUL",
        "",
        "BUS:",
        .. BusSettings.HelpLines,
    ];

    private delegate ModbusResult Request(ModbusMaster master, byte slave, int address);

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        BusSettings bus = BusSettings.Parse(cli);
        byte slave = (byte)cli.Int("slave", 1, 1, 247);
        int fc = cli.RequiredInt("fc", 1, 16);
        int address = AddressOption.Parse(cli);
        (Request request, int count, string unit) = fc switch
        {
            5 => SingleCoil(cli),
            6 => SingleRegister(cli),
            15 => MultipleCoils(cli),
            16 => MultipleRegisters(cli),
            _ => throw new UsageException($"--fc must be 5, 6, 15 or 16, not {fc}"),
        };
        if (address + count > 0x10000)
        {
            throw new UsageException($"{count} {unit} from --address {address} run past the last address 65535");
        }

        cli.RejectUnknown();
        return BusCommand.Run("write", bus, master =>
        {
            ModbusResult result = request(master, slave, address);
            if (!result.IsOk)
            {
                return BusCommand.Fail("write", BusCommand.Describe(result, slave, bus));
            }

            Console.WriteLine($"wrote {count} {unit} at {address} (0x{address:X4})");
            return 0;
        });
    }

    private static (Request, int, string) SingleCoil(CommandLine cli)
    {
        bool value = ParseBit("value", Single(cli, 5));
        return ((m, s, a) => m.WriteSingleCoil(s, a, value), 1, "coil");
    }

    private static (Request, int, string) SingleRegister(CommandLine cli)
    {
        ValueFormat format = ValueFormat.Parse(cli);
        if (format.Width != 1)
        {
            throw new UsageException($"--fc 6 writes one register; use --fc 16 for {format.Name}");
        }

        var regs = new ushort[1];
        format.Encode("value", Single(cli, 6), regs, 0, ValueFormat.ParseWordOrder(cli));
        return ((m, s, a) => m.WriteSingleRegister(s, a, regs[0]), 1, "register");
    }

    private static (Request, int, string) MultipleCoils(CommandLine cli)
    {
        string[] items = Multiple(cli, 15, ModbusPdu.MaxWriteBits);
        bool[] bits = Array.ConvertAll(items, item => ParseBit("values", item));
        return ((m, s, a) => m.WriteMultipleCoils(s, a, bits, 0, bits.Length), bits.Length, "coils");
    }

    private static (Request, int, string) MultipleRegisters(CommandLine cli)
    {
        ValueFormat format = ValueFormat.Parse(cli);
        WordOrder order = ValueFormat.ParseWordOrder(cli);
        ushort[] regs = format.IsText ? EncodeText(cli, order) : EncodeNumbers(cli, format, order);
        return ((m, s, a) => m.WriteMultipleRegisters(s, a, regs, 0, regs.Length), regs.Length, "registers");
    }

    private static ushort[] EncodeNumbers(CommandLine cli, ValueFormat format, WordOrder order)
    {
        string[] items = Multiple(cli, 16, ModbusPdu.MaxWriteRegisters / format.Width);
        var regs = new ushort[items.Length * format.Width];
        for (int i = 0; i < items.Length; i++)
        {
            format.Encode("values", items[i], regs, i * format.Width, order);
        }

        return regs;
    }

    private static ushort[] EncodeText(CommandLine cli, WordOrder order)
    {
        string text = cli.RequiredText("value");
        var regs = new ushort[cli.Int("count", Math.Max(1, (text.Length + 1) / 2), 1, ModbusPdu.MaxWriteRegisters)];
        EncodeStatus status = ValueCodec.FromText(text, regs, 0, regs.Length, order);
        return status == EncodeStatus.Ok
            ? regs
            : throw new UsageException(status == EncodeStatus.NotAscii ? "--value must be printable ASCII" : $"--value '{text}' is longer than {regs.Length * 2} characters");
    }

    private static string Single(CommandLine cli, int fc) =>
        cli.Has("values") ? throw new UsageException($"--fc {fc} writes one value: use --value") : cli.RequiredText("value");

    private static string[] Multiple(CommandLine cli, int fc, int max)
    {
        if (cli.Has("value"))
        {
            throw new UsageException($"--fc {fc} takes --values V1,V2,...");
        }

        string[] items = cli.RequiredText("values").Split(',', StringSplitOptions.TrimEntries);
        return items.Length <= max ? items : throw new UsageException($"--values holds {items.Length} values; at most {max} fit one request");
    }

    private static bool ParseBit(string option, string text) => text switch
    {
        "1" or "on" => true,
        "0" or "off" => false,
        _ => throw new UsageException($"--{option}: '{text}' is not 0, 1, on or off"),
    };
}
