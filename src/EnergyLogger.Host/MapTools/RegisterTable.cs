using EnergyLogger.Core.Schema;

namespace EnergyLogger.Host.MapTools;

/// <summary>
/// A vendor register table (CSV or TSV with a header row) read into <see cref="RegisterPoint"/>s. Rows
/// without an address are section headings and rows named "reserved" are gaps; both are skipped. Every
/// problem is collected with its line, so one run reports them all.
/// </summary>
internal sealed class RegisterTable
{
    /// <summary>Units a table may give for a target of the schema, and the factor into the schema's unit.</summary>
    private static readonly (string From, string To, double Factor)[] UnitSteps =
    [
        ("kW", "W", 1000), ("Wh", "kWh", 0.001), ("mA", "A", 0.001), ("mV", "V", 0.001),
    ];

    private readonly AddressStyle _style;
    private readonly string? _wordOrder;

    /// <summary>The table named by the last heading row ("Input registers (FC04)"), for rows that name none.</summary>
    private string? _section;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private RegisterTable(AddressStyle style, string? wordOrder)
    {
        _style = style;
        _wordOrder = wordOrder;
    }

    public List<RegisterPoint> Points { get; } = [];

    public List<string> Errors { get; } = [];

    public string[] IgnoredColumns { get; private set; } = [];

    public int SkippedRows { get; private set; }

    /// <param name="wordOrder">The order of 32- and 64-bit values whose row names none (ABCD when null).</param>
    public static RegisterTable Read(string text, AddressStyle style, string? wordOrder)
    {
        var table = new RegisterTable(style, wordOrder);
        List<(int Line, string[] Fields)> rows = DelimitedText.Parse(text);
        if (rows.Count == 0)
        {
            table.Errors.Add("the table is empty");
            return table;
        }

        RegisterColumns? columns = RegisterColumns.FromHeader(rows[0].Fields, out string? error);
        if (columns is null)
        {
            table.Errors.Add($"line {rows[0].Line}: {error}");
            return table;
        }

        table.IgnoredColumns = columns.Ignored;
        foreach ((int line, string[] fields) in rows.Skip(1))
        {
            table.ReadRow(line, fields, columns);
        }

        return table;
    }

    private void ReadRow(int line, string[] row, RegisterColumns columns)
    {
        string title = columns.Cell(row, Column.Name) is { Length: > 0 } name ? name : columns.Cell(row, Column.Description);
        string addressCell = columns.Cell(row, Column.Address);
        if (addressCell.Length == 0 || title.Contains("reserved", StringComparison.OrdinalIgnoreCase))
        {
            if (addressCell.Length == 0)
            {
                _section = SectionOf(string.Join(" ", row)) ?? _section;
            }

            SkippedRows++;
            return;
        }

        var problems = new List<string>();
        string functionCell = columns.Cell(row, Column.Function) is { Length: > 0 } f ? f : _section ?? "";
        (string function, int address, int span) = Locate(addressCell, functionCell, problems);
        string typeCell = columns.Cell(row, Column.Type);
        string countCell = columns.Cell(row, Column.Count);
        if (RegisterCells.SizedType(typeCell) is (string sizedType, int sizedCount))
        {
            (typeCell, countCell) = (sizedType, countCell.Length > 0 ? countCell : sizedCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        (string type, int count) = TypeOf(typeCell, countCell, span, function, problems);
        double scale = ScaleOf(columns.Cell(row, Column.Scale), columns.Cell(row, Column.Divisor), problems);
        double offset = columns.Cell(row, Column.Offset) is { Length: > 0 } o ? RegisterCells.Number(o) ?? Problem(problems, $"offset '{o}' is not a number", 0.0) : 0;
        string? unit = null;
        if (columns.Cell(row, Column.Unit) is { Length: > 0 } u)
        {
            (double step, unit) = RegisterCells.SteppedUnit(u) ?? (1, RegisterCells.Unit(u));
            scale *= step;
        }

        (scale, unit) = SchemaUnit(scale, unit);
        string? target = columns.Cell(row, Column.Target) is { Length: > 0 } t ? t : null;
        (scale, unit) = FitTarget(target, scale, unit, problems);
        string? poll = PollOf(columns.Cell(row, Column.Poll), problems);
        string? order = OrderOf(columns.Cell(row, Column.WordOrder), type, problems);
        if (unit is { Length: > 16 })
        {
            problems.Add($"unit '{unit}' is longer than 16 characters");
        }

        foreach (string problem in problems)
        {
            Errors.Add($"line {line}: {problem}");
        }

        if (problems.Count == 0)
        {
            string source = $"line {line}: {string.Join(" | ", new[] { columns.Cell(row, Column.Name), columns.Cell(row, Column.Description) }.Where(c => c.Length > 0))}";
            Points.Add(new RegisterPoint(line, UniqueName(title, function, address), function, address, type, count, order, scale, offset, unit, target, poll, source));
        }
    }

    /// <summary>
    /// A kilo or milli unit moved into the scale, so a draft carries the schema's units (W, kWh, A, V) whether or not
    /// its rows have targets yet: Huawei's "kW, gain 1000" is W with scale 1.
    /// </summary>
    private static (double Scale, string? Unit) SchemaUnit(double scale, string? unit)
    {
        foreach (var (from, to, factor) in UnitSteps)
        {
            if (from == unit)
            {
                return (scale * factor, to);
            }
        }

        return (scale, unit);
    }

    /// <summary>The table a heading row names, as vendors head their sections ("Input registers", "Holding register (03H)").</summary>
    private static string? SectionOf(string heading)
    {
        string text = heading.ToLowerInvariant();
        return text.Contains("input register") ? "input" : text.Contains("holding register") ? "holding" : null;
    }

    /// <summary>The table and PDU address of a row, by the address style and the function column.</summary>
    private (string Function, int Address, int Span) Locate(string addressCell, string functionCell, List<string> problems)
    {
        if (RegisterCells.Address(addressCell) is not (int first, int span))
        {
            problems.Add($"address '{addressCell}' is not a number or a range");
            return ("holding", 0, 1);
        }

        string? function = functionCell.Length == 0 ? null : RegisterCells.Function(functionCell);
        if (functionCell.Length > 0 && function is null)
        {
            problems.Add($"function '{functionCell}' is none of 1-4, coil, discrete input, holding or input");
        }

        int address = first;
        if (_style == AddressStyle.OneBased)
        {
            address--;
        }
        else if (_style == AddressStyle.Modicon)
        {
            (string? table, int reference) = ModiconTable(first);
            if (table is null)
            {
                problems.Add($"address {first} is not a reference number 00001-49999 or 400001-465536");
                return ("holding", 0, span);
            }

            function ??= table;
            address = reference - 1;
        }

        if (address is < 0 or > 65535)
        {
            problems.Add($"address {address} is outside 0-65535{(_style == AddressStyle.Pdu ? " (reference numbers need --addresses modicon)" : "")}");
        }

        return (function ?? "holding", Math.Clamp(address, 0, 65535), span);
    }

    private static (string? Table, int Reference) ModiconTable(int number)
    {
        if (number is >= 400001 and <= 465536)
        {
            return ("holding", number - 400000);
        }

        string? table = (number / 10000) switch
        {
            0 => "coil",
            1 => "discrete_input",
            3 => "input",
            4 => "holding",
            _ => null,
        };
        int reference = number % 10000;
        return reference == 0 ? (null, 0) : (table, reference);
    }

    private static (string Type, int Count) TypeOf(string typeCell, string countCell, int span, string function, List<string> problems)
    {
        int? count = countCell.Length == 0 ? null : (int?)RegisterCells.Integer(countCell);
        if (countCell.Length > 0 && count is null or < 1 or > 125)
        {
            problems.Add($"count '{countCell}' is not a register count 1-125");
            count = null;
        }

        int registers = count ?? span;
        if (typeCell.Length == 0)
        {
            return function is "coil" or "discrete_input" ? ("bool", 1) : registers switch { 2 => ("uint32", 2), 4 => ("uint64", 4), _ => ("uint16", 1) };
        }

        if (RegisterCells.Type(typeCell) is not (string type, int width))
        {
            problems.Add($"type '{typeCell}' is not a known data type (u16, s16, u32, s32, u64, s64, float32, string, bool, ...)");
            return ("uint16", 1);
        }

        if (function is "coil" or "discrete_input" && type != "bool")
        {
            return Problem(problems, $"a {function.Replace('_', ' ')} is one bit, not {type}", ("bool", 1));
        }

        if (width == 0)
        {
            // One address alone does not say how long a string is.
            bool told = count is not null || span > 1;
            return told && registers is >= 1 and <= 32 ? (type, registers) : Problem(problems, "a string needs its register count (1-32) in the count column or as an address range", (type, 1));
        }

        return registers == width || (count is null && span == 1) ? (type, width) : Problem(problems, $"{registers} registers do not fit {type} ({width})", (type, width));
    }

    private static double ScaleOf(string scaleCell, string divisorCell, List<string> problems)
    {
        double scale = 1;
        if (scaleCell.Length > 0)
        {
            scale = RegisterCells.Scale(scaleCell) ?? Problem(problems, $"scale '{scaleCell}' is not a number other than 0", 1.0);
        }

        if (divisorCell.Length > 0)
        {
            double? divisor = RegisterCells.Scale(divisorCell);
            scale = divisor is double d ? scale / d : Problem(problems, $"gain '{divisorCell}' is not a number other than 0", scale);
        }

        return scale;
    }

    /// <summary>A target must exist, and the unit (already in the schema's units, <see cref="SchemaUnit"/>) must be the target's own.</summary>
    private static (double Scale, string? Unit) FitTarget(string? target, double scale, string? unit, List<string> problems)
    {
        if (target is null)
        {
            return (scale, unit);
        }

        int field = TelemetrySchema.IndexOf(target);
        if (field < 0)
        {
            problems.Add($"target '{target}' is not a field of the telemetry schema (docs/telemetry-schema.md)");
            return (scale, unit);
        }

        string want = TelemetrySchema.Field(field).Unit;
        if (unit is null || unit == want)
        {
            return (scale, null);
        }

        problems.Add($"unit {unit} does not fit {target}, which is in {(want.Length == 0 ? "no unit" : want)}");
        return (scale, unit);
    }

    private static string? PollOf(string cell, List<string> problems)
    {
        string poll = cell.Trim().ToLowerInvariant();
        return poll.Length == 0 ? null : poll is "fast" or "normal" or "slow" or "once" ? poll : Problem<string?>(problems, $"poll '{cell}' is none of fast, normal, slow, once", null);
    }

    /// <summary>Word order matters only for values of more than one register.</summary>
    private string? OrderOf(string cell, string type, List<string> problems)
    {
        string? order = cell.Length == 0 ? _wordOrder : RegisterCells.WordOrder(cell) ?? Problem<string?>(problems, $"word order '{cell}' is none of ABCD, CDAB, BADC, DCBA, big, little", null);
        bool wide = type is "uint32" or "int32" or "float32" or "uint64" or "int64";
        return wide && order is not null and not "ABCD" ? order : null;
    }

    /// <summary>The row's name as a map name, made unique; a row without one is named after its register.</summary>
    private string UniqueName(string title, string function, int address)
    {
        string stem = RegisterCells.Slug(title) ?? $"{function}_{address}";
        string name = stem;
        for (int n = 2; !_names.Add(name); n++)
        {
            string suffix = "_" + n;
            name = (stem.Length + suffix.Length > 32 ? stem[..(32 - suffix.Length)] : stem) + suffix;
        }

        return name;
    }

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }
}
