using System.CommandLine;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary><c>energylogger write</c>: one FC05, FC06, FC15 or FC16 request.</summary>
internal sealed class WriteCommand
{
    private readonly BusOptions _bus = new();
    private readonly Option<int> _slave = CliOption.Int("--slave", "N", "slave id 1 to 247", 1, 1, 247);
    private readonly Option<int?> _fc = CliOption.OptionalInt("--fc", "5|6|15|16", "5 one coil, 6 one register, 15 coils, 16 registers", 1, 16);
    private readonly AddressOption _address = new();
    private readonly Option<string> _value = CliOption.Text("--value", "V", "FC05: 0, 1, on or off; FC06: one 16-bit value; FC16 --type string: the text");
    private readonly Option<string> _values = CliOption.Text("--values", "V1,V2,...", "FC15: 0 or 1 per coil; FC16: numbers, each encoded by --type");
    private readonly Option<string> _type = ValueFormat.TypeOption("FC06/16");
    private readonly Option<string> _wordOrder = ValueFormat.WordOrderOption();
    private readonly Option<int?> _count = CliOption.OptionalInt("--count", "N", "FC16 --type string: registers to fill, padded with NUL", 1, ModbusPdu.MaxWriteRegisters);

    public static Command Create()
    {
        var write = new WriteCommand();
        write._fc.Required = true;
        var command = new NotedCommand("write", "write coils or registers (FC05/06/15/16)", BusOptions.HelpText);
        Array.ForEach<Option>([.. write._bus.All, write._slave, write._fc, .. write._address.All, write._value, write._values, write._type, write._wordOrder, write._count], command.Add);
        command.SetAction(write.Run);
        return command;
    }

    private delegate ModbusResult Request(ModbusMaster master, byte slave, int address);

    private int Run(ParseResult result)
    {
        BusSettings bus = _bus.Parse(result);
        byte slave = (byte)result.GetValue(_slave);
        int fc = result.Required(_fc);
        int address = _address.Parse(result);
        (Request request, int count, string unit) = fc switch
        {
            5 => SingleCoil(result),
            6 => SingleRegister(result),
            15 => MultipleCoils(result),
            16 => MultipleRegisters(result),
            _ => throw new UsageException($"--fc must be 5, 6, 15 or 16, not {fc}"),
        };
        if (address + count > 0x10000)
        {
            throw new UsageException($"{count} {unit} from --address {address} run past the last address 65535");
        }

        return BusCommand.Run("write", bus, master =>
        {
            ModbusResult reply = request(master, slave, address);
            if (!reply.IsOk)
            {
                return BusCommand.Fail("write", BusCommand.Describe(reply, slave, bus));
            }

            Console.WriteLine($"wrote {count} {unit} at {address} (0x{address:X4})");
            return 0;
        });
    }

    private (Request, int, string) SingleCoil(ParseResult result)
    {
        bool value = ParseBit("value", Single(result, 5));
        return ((m, s, a) => m.WriteSingleCoil(s, a, value), 1, "coil");
    }

    private (Request, int, string) SingleRegister(ParseResult result)
    {
        ValueFormat format = ValueFormat.Parse(result.GetValue(_type));
        if (format.Width != 1)
        {
            throw new UsageException($"--fc 6 writes one register; use --fc 16 for {format.Name}");
        }

        var regs = new ushort[1];
        format.Encode("value", Single(result, 6), regs, 0, ValueFormat.ParseWordOrder(result.GetValue(_wordOrder)));
        return ((m, s, a) => m.WriteSingleRegister(s, a, regs[0]), 1, "register");
    }

    private (Request, int, string) MultipleCoils(ParseResult result)
    {
        string[] items = Multiple(result, 15, ModbusPdu.MaxWriteBits);
        bool[] bits = Array.ConvertAll(items, item => ParseBit("values", item));
        return ((m, s, a) => m.WriteMultipleCoils(s, a, bits, 0, bits.Length), bits.Length, "coils");
    }

    private (Request, int, string) MultipleRegisters(ParseResult result)
    {
        ValueFormat format = ValueFormat.Parse(result.GetValue(_type));
        WordOrder order = ValueFormat.ParseWordOrder(result.GetValue(_wordOrder));
        ushort[] regs = format.IsText ? EncodeText(result, order) : EncodeNumbers(result, format, order);
        return ((m, s, a) => m.WriteMultipleRegisters(s, a, regs, 0, regs.Length), regs.Length, "registers");
    }

    private ushort[] EncodeNumbers(ParseResult result, ValueFormat format, WordOrder order)
    {
        string[] items = Multiple(result, 16, ModbusPdu.MaxWriteRegisters / format.Width);
        var regs = new ushort[items.Length * format.Width];
        for (int i = 0; i < items.Length; i++)
        {
            format.Encode("values", items[i], regs, i * format.Width, order);
        }

        return regs;
    }

    private ushort[] EncodeText(ParseResult result, WordOrder order)
    {
        string text = result.Required(_value);
        var regs = new ushort[result.GetValue(_count) ?? Math.Max(1, (text.Length + 1) / 2)];
        EncodeStatus status = ValueCodec.FromText(text, regs, 0, regs.Length, order);
        return status == EncodeStatus.Ok
            ? regs
            : throw new UsageException(status == EncodeStatus.NotAscii ? "--value must be printable ASCII" : $"--value '{text}' is longer than {regs.Length * 2} characters");
    }

    private string Single(ParseResult result, int fc) =>
        result.IsGiven(_values) ? throw new UsageException($"--fc {fc} writes one value: use --value") : result.Required(_value);

    private string[] Multiple(ParseResult result, int fc, int max)
    {
        if (result.IsGiven(_value))
        {
            throw new UsageException($"--fc {fc} takes --values V1,V2,...");
        }

        string[] items = result.Required(_values).Split(',', StringSplitOptions.TrimEntries);
        return items.Length <= max ? items : throw new UsageException($"--values holds {items.Length} values; at most {max} fit one request");
    }

    private static bool ParseBit(string option, string text) => text switch
    {
        "1" or "on" => true,
        "0" or "off" => false,
        _ => throw new UsageException($"--{option}: '{text}' is not 0, 1, on or off"),
    };
}
