using System.Text;

namespace EnergyLogger.Host.MapTools;

/// <summary>
/// Rows of a spreadsheet export: comma-, semicolon- or tab-separated, fields optionally in double quotes
/// with "" for a quote inside (RFC 4180, 2). The separator is the one the header line uses most.
/// </summary>
internal static class DelimitedText
{
    private static readonly char[] Separators = ['\t', ';', ','];

    /// <summary>Every non-blank line as its fields, with the 1-based line number it started on.</summary>
    public static List<(int Line, string[] Fields)> Parse(string text)
    {
        char separator = DetectSeparator(text);
        var rows = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else if (c == '\n')
            {
                EndRow(rows, fields, field, rowLine);
                rowLine = ++line;
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        EndRow(rows, fields, field, rowLine);
        return rows;
    }

    private static void EndRow(List<(int, string[])> rows, List<string> fields, StringBuilder field, int line)
    {
        fields.Add(field.ToString().Trim());
        field.Clear();
        if (fields.Exists(f => f.Length > 0))
        {
            rows.Add((line, fields.ToArray()));
        }

        fields.Clear();
    }

    private static char DetectSeparator(string text)
    {
        int end = text.IndexOf('\n');
        string header = end < 0 ? text : text[..end];
        char best = ',';
        int bestCount = 0;
        foreach (char separator in Separators)
        {
            int count = header.Count(c => c == separator);
            if (count > bestCount)
            {
                best = separator;
                bestCount = count;
            }
        }

        return best;
    }
}
