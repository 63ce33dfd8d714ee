using System.Text;
using Spectre.Console;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// A table of text cells: drawn by Spectre.Console on a terminal, and in plain output one line per row of
/// fixed-width columns (right-aligned for a positive width, left for a negative one, as in C# formatting).
/// </summary>
internal sealed class OutputTable(params OutputTable.Column[] columns)
{
    private readonly List<string[]> _rows = [];

    /// <summary>One column; <paramref name="Gap"/> is what separates it from the column before in plain output.</summary>
    public readonly record struct Column(string Header, int Width, string Gap = " ");

    /// <summary>Put before every plain line (map plan indents its reads).</summary>
    public string Indent { get; init; } = "";

    /// <summary>False when the plain form has no header line.</summary>
    public bool PlainHeader { get; init; } = true;

    /// <summary>A row; it may have fewer cells than there are columns (a total line).</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output)
    {
        if (ConsoleOutput.IsRich)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (Column column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column.Header)) { Alignment = column.Width > 0 ? Justify.Right : Justify.Left });
            }

            foreach (string[] row in _rows)
            {
                table.AddRow([.. row.Select(Markup.Escape), .. Enumerable.Repeat("", columns.Length - row.Length)]);
            }

            ConsoleOutput.Rich(output).Write(table);
            return;
        }

        if (PlainHeader)
        {
            output.WriteLine(Plain(columns.Select(c => c.Header).ToArray()));
        }

        foreach (string[] row in _rows)
        {
            output.WriteLine(Plain(row));
        }
    }

    private string Plain(string[] cells)
    {
        var line = new StringBuilder(Indent);
        for (int i = 0; i < cells.Length; i++)
        {
            Column column = columns[i];
            line.Append(i == 0 ? "" : column.Gap).Append(column.Width > 0 ? cells[i].PadLeft(column.Width) : cells[i].PadRight(-column.Width));
        }

        return line.ToString();
    }
}
