using EnergyLogger.Core.Registers;
using EnergyLogger.Host.MapTools;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger map from-registers TABLE</c>: a vendor register table (CSV or TSV exported from the
/// vendor's document) turned into a register map skeleton that the device's own loader accepts.
/// </summary>
internal static class MapFromRegistersCommand
{
    public static readonly string[] HelpLines =
    [
        "       energylogger map from-registers TABLE [--output FILE] [--name NAME] [--slave N] [--baud N] [--parity P]",
        "                                       [--addresses pdu|one-based|modicon] [--word-order ORDER]",
        "",
        "  from-registers            a vendor register table (CSV, semicolon or TSV with a header row: name or",
        "                            description, address, and optionally function, type, count, scale or gain,",
        "                            offset, unit, word order, target, poll) as a map that passes validate",
        "    --output FILE           write the map here (default: standard output)",
        "    --name NAME             the map's name (default: the table's file name)",
        "    --slave N, --baud N, --parity P   the device's line (default 1, 9600, none)",
        "    --addresses STYLE       pdu: 0-based request addresses (default); one-based: register numbers from 1;",
        "                            modicon: 3xxxx input and 4xxxx holding reference numbers",
        "    --word-order ORDER      of 32/64-bit values whose row names none: ABCD (default), CDAB, BADC, DCBA",
    ];

    private static readonly (string Name, AddressStyle Style)[] Styles = [("pdu", AddressStyle.Pdu), ("one-based", AddressStyle.OneBased), ("modicon", AddressStyle.Modicon)];

    public static int Run(CommandLine cli)
    {
        if (cli.Positional.Count != 2)
        {
            throw new UsageException("give from-registers TABLE (a .csv or .tsv file)");
        }

        string tablePath = cli.Positional[1];
        string? output = cli.Text("output");
        string name = cli.Text("name") ?? Path.GetFileNameWithoutExtension(tablePath);
        var device = new SkeletonDevice((byte)cli.Int("slave", 1, 1, 247), Baud(cli), Parity(cli));
        AddressStyle style = Option(cli, "addresses", Styles, AddressStyle.Pdu);
        string? wordOrder = cli.Text("word-order") is string order
            ? RegisterCells.WordOrder(order) ?? throw new UsageException($"--word-order must be ABCD, CDAB, BADC or DCBA, not '{order}'")
            : null;
        cli.RejectUnknown();
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

        RegisterTable table = RegisterTable.Read(text, style, wordOrder);
        table.Errors.ForEach(e => Console.Error.WriteLine($"{tablePath}: {e}"));
        if (table.Errors.Count > 0 || table.Points.Count == 0)
        {
            return table.Errors.Count > 0 ? 1 : Fail($"{tablePath}: no row with an address");
        }

        string map = MapSkeleton.Write(name, Path.GetFileName(tablePath), device, table.Points);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(map);
        if (RegisterMapLoader.Load(bytes, 0, bytes.Length, out MapError? error) is null)
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

    private static int Baud(CommandLine cli)
    {
        int baud = cli.Int("baud", 9600, 1200, 115200);
        return Array.IndexOf(Links.BusSettings.BaudRates, baud) >= 0 ? baud : throw new UsageException($"--baud {baud} is not a standard rate");
    }

    private static string Parity(CommandLine cli)
    {
        string parity = cli.Text("parity") ?? "none";
        return parity is "none" or "even" or "odd" ? parity : throw new UsageException($"--parity must be none, even or odd, not '{parity}'");
    }

    private static T Option<T>(CommandLine cli, string name, (string Name, T Value)[] choices, T defaultValue)
    {
        string? text = cli.Text(name);
        if (text is null)
        {
            return defaultValue;
        }

        int i = Array.FindIndex(choices, c => c.Name == text);
        return i >= 0 ? choices[i].Value : throw new UsageException($"--{name} must be {string.Join(", ", choices.Select(c => c.Name))}, not '{text}'");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"energylogger map: {message}");
        return 1;
    }
}
