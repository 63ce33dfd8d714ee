namespace EnergyLogger.Host.MapTools;

/// <summary>What a column of a vendor register table holds.</summary>
internal enum Column
{
    Name,
    Description,
    Address,
    Function,
    Type,
    Count,
    Scale,
    Divisor,
    Offset,
    Unit,
    WordOrder,
    Target,
    Poll,
}

/// <summary>
/// Finds the columns of a vendor register table by their header, whatever the vendor calls them:
/// headers are compared in lower case without spaces, underscores, hyphens and dots, and without a
/// bracketed remark (<c>Address (dec)</c> is an address column).
/// </summary>
internal sealed class RegisterColumns
{
    private static readonly (Column Column, string[] Headers)[] Aliases =
    [
        (Column.Name, ["name", "parameter", "signal", "signalname", "item", "variable", "registername", "pointname", "field", "content", "contents"]),
        (Column.Description, ["description", "desc", "comment", "remark", "remarks", "meaning"]),
        (Column.Address, ["address", "addr", "register", "reg", "registeraddress", "registerno", "registernumber", "startaddress", "startregister", "modbusaddress"]),
        (Column.Function, ["function", "fc", "functioncode", "table", "registertype", "area", "readfunction"]),
        (Column.Type, ["type", "datatype", "format", "valuetype", "dataformat"]),
        (Column.Count, ["count", "length", "len", "registers", "size", "quantity", "words", "numberofregisters", "registercount"]),
        (Column.Scale, ["scale", "factor", "multiplier", "resolution", "ratio", "coefficient", "scalefactor"]),
        (Column.Divisor, ["gain", "divisor"]),
        (Column.Offset, ["offset"]),
        (Column.Unit, ["unit", "units", "uom", "dbusunit"]),
        (Column.WordOrder, ["wordorder", "byteorder", "endian", "endianness", "order"]),
        (Column.Target, ["target", "schema", "schemapath"]),
        (Column.Poll, ["poll", "pollclass", "class"]),
    ];

    private readonly int[] _index;

    private RegisterColumns(int[] index, string[] ignored)
    {
        _index = index;
        Ignored = ignored;
    }

    /// <summary>Header cells no column matched; reported, never silently dropped.</summary>
    public string[] Ignored { get; }

    public bool Has(Column column) => _index[(int)column] >= 0;

    /// <summary>The cell of <paramref name="column"/> in a row, or "" when the table has no such column or the row is short.</summary>
    public string Cell(string[] row, Column column)
    {
        int i = _index[(int)column];
        return i >= 0 && i < row.Length ? row[i] : "";
    }

    /// <summary>The columns of a header row; null with the reason when it lacks an address or a name.</summary>
    public static RegisterColumns? FromHeader(string[] header, out string? error)
    {
        var index = new int[Enum.GetValues<Column>().Length];
        Array.Fill(index, -1);
        var ignored = new List<string>();
        // Victron's GX register list names its factor "Scalefactor", but the GX sends value x factor, so the
        // factor divides; its D-Bus columns tell that layout from a table whose scale factor multiplies.
        bool victron = header.Any(h => Normalise(h) is "dbusservicename" or "dbusobjpath");
        for (int i = 0; i < header.Length; i++)
        {
            string key = Normalise(header[i]);
            int found = Array.FindIndex(Aliases, a => Array.IndexOf(a.Headers, key) >= 0);
            if (victron && key == "scalefactor")
            {
                found = Array.FindIndex(Aliases, a => a.Column == Column.Divisor);
            }

            if (found < 0 || index[(int)Aliases[found].Column] >= 0)
            {
                if (header[i].Length > 0)
                {
                    ignored.Add(header[i]);
                }

                continue;
            }

            index[(int)Aliases[found].Column] = i;
        }

        var columns = new RegisterColumns(index, ignored.ToArray());
        error = !columns.Has(Column.Address) ? "the header names no address column (address, register, reg, ...)"
            : !columns.Has(Column.Name) && !columns.Has(Column.Description) ? "the header names no name or description column"
            : null;
        return error is null ? columns : null;
    }

    private static string Normalise(string header)
    {
        Span<char> kept = stackalloc char[header.Length];
        int n = 0;
        int depth = 0;
        foreach (char c in header.ToLowerInvariant())
        {
            depth += c is '(' or '[' ? 1 : c is ')' or ']' ? -1 : 0;
            if (depth == 0 && c is not (' ' or '_' or '-' or '.' or ')' or ']'))
            {
                kept[n++] = c;
            }
        }

        return new string(kept[..n]);
    }
}
