using System.CommandLine;
using EnergyLogger.Core.Registers;
using EnergyLogger.Host.MapTools;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger map from-registers TABLE</c>: a vendor register table (CSV or TSV exported from the
/// vendor's document) turned into a register map skeleton that the device's own loader accepts.
/// </summary>
internal sealed class MapFromRegistersCommand
{
    private static readonly (string Name, AddressStyle Style)[] Styles = [("pdu", AddressStyle.Pdu), ("one-based", AddressStyle.OneBased), ("modicon", AddressStyle.Modicon)];

    private readonly Argument<string> _table = new("TABLE") { Arity = ArgumentArity.ZeroOrOne, Description = "the vendor's register table: CSV, semicolon-separated or TSV" };
    private readonly Option<string> _output = CliOption.Text("--output", "FILE", "write the map here [default: standard output]");
    private readonly Option<string> _name = CliOption.Text("--name", "NAME", "the map's name [default: the table's file name]");
    private readonly Option<int> _slave = CliOption.Int("--slave", "N", "the device's slave id", 1, 1, 247);
    private readonly Option<int> _baud = CliOption.Int("--baud", "N", "the device's line speed", 9600, 1200, 115200);
    private readonly Option<string> _parity = CliOption.Choice("--parity", "the device's parity [default: none]", "none", "even", "odd");
    private readonly Option<string> _addresses = CliOption.Choice(
        "--addresses",
        "pdu: 0-based request addresses (default); one-based: register numbers from 1; modicon: 3xxxx input and 4xxxx holding reference numbers",
        Styles.Select(s => s.Name).ToArray());
    private readonly Option<string> _wordOrder = CliOption.Choice("--word-order", "of 32/64-bit values whose row names none [default: ABCD]", "ABCD", "CDAB", "BADC", "DCBA");

    public static Command Create()
    {
        var fromRegisters = new MapFromRegistersCommand();
        var command = new Command(
            "from-registers",
            "a vendor register table (CSV, semicolon or TSV with a header row: name or description, address, and optionally function, type, count, "
            + "scale or gain, offset, unit, word order, target, poll) as a map that passes validate")
        {
            fromRegisters._table,
        };
        Array.ForEach<Option>([fromRegisters._output, fromRegisters._name, fromRegisters._slave, fromRegisters._baud, fromRegisters._parity, fromRegisters._addresses, fromRegisters._wordOrder], command.Add);
        command.SetAction(fromRegisters.Run);
        return command;
    }

    private int Run(ParseResult result)
    {
        string tablePath = result.GetValue(_table) ?? throw new UsageException("give from-registers TABLE (a .csv or .tsv file)");
        string? output = result.GetValue(_output);
        string name = result.GetValue(_name) ?? Path.GetFileNameWithoutExtension(tablePath);
        var device = new SkeletonDevice((byte)result.GetValue(_slave), Baud(result.GetValue(_baud)), Parity(result.GetValue(_parity)));
        AddressStyle style = Choose(_addresses.Name, result.GetValue(_addresses), Styles, AddressStyle.Pdu);
        string? wordOrder = result.GetValue(_wordOrder) is string order
            ? RegisterCells.WordOrder(order) ?? throw new UsageException($"--word-order must be ABCD, CDAB, BADC or DCBA, not '{order}'")
            : null;
        if (name.Length is 0 or > 64)
        {
            throw new UsageException("--name must be 1 to 64 characters");
        }

        string text;
        try
        {
            text = File.ReadAllText(tablePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read {tablePath}: {e.Message}");
        }

        RegisterTable table = ConsoleOutput.WithProgress($"reading {tablePath}", () => RegisterTable.Read(text, style, wordOrder));
        table.Errors.ForEach(e => ConsoleOutput.Failed(tablePath, e));
        if (table.Errors.Count > 0 || table.Points.Count == 0)
        {
            return table.Errors.Count > 0 ? 1 : Fail($"{tablePath}: no row with an address");
        }

        string map = MapSkeleton.Write(name, Path.GetFileName(tablePath), device, table.Points);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(map);
        MapError? error = null;
        if (ConsoleOutput.WithProgress("checking the map", () => RegisterMapLoader.Load(bytes, 0, bytes.Length, out error)) is null)
        {
            return Fail($"the map made from {tablePath} does not load: {error}");
        }

        if (output is null)
        {
            Console.Out.Write(map);
        }
        else
        {
            File.WriteAllText(output, map);
        }

        int metadata = table.Points.Count(p => p.IsMetadata);
        string ignored = table.IgnoredColumns.Length == 0 ? "" : $"; columns not used: {string.Join(", ", table.IgnoredColumns)}";
        Console.Error.WriteLine($"{table.Points.Count - metadata} points, {metadata} metadata from {tablePath}; {table.SkippedRows} rows skipped (headings, reserved){ignored}");
        return 0;
    }

    private static int Baud(int baud)
    {
        return Array.IndexOf(Links.BusSettings.BaudRates, baud) >= 0 ? baud : throw new UsageException($"--baud {baud} is not a standard rate");
    }

    private static string Parity(string? given)
    {
        string parity = given ?? "none";
        return parity is "none" or "even" or "odd" ? parity : throw new UsageException($"--parity must be none, even or odd, not '{parity}'");
    }

    private static T Choose<T>(string name, string? text, (string Name, T Value)[] choices, T defaultValue)
    {
        if (text is null)
        {
            return defaultValue;
        }

        int i = Array.FindIndex(choices, c => c.Name == text);
        return i >= 0 ? choices[i].Value : throw new UsageException($"{name} must be {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
    }

    private static int Fail(string message)
    {
        ConsoleOutput.Failed("energylogger map", message);
        return 1;
    }
}
