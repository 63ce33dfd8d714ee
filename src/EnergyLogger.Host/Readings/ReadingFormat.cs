using System.Globalization;
using System.Text.Json;

namespace EnergyLogger.Host.Readings;

/// <summary>
/// How read prints labelled readings: <c>table</c> (aligned columns, one block per read, its time above), <c>csv</c>
/// (one row per value, the header once, for a spreadsheet) or <c>json</c> (one object per read and line, for jq).
/// Every row carries the time of its read and the address it came from.
/// </summary>
internal sealed class ReadingFormat(string name, TextWriter output)
{
    public static readonly string[] Names = ["table", "csv", "json"];

    // Times keep their '+' readable; the output is a terminal or a file, never HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private bool _headerWritten;

    public string Name => name;

    public void Write(DateTimeOffset time, IReadOnlyList<Reading> readings)
    {
        string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        switch (name)
        {
            case "csv":
                WriteCsv(stamp, readings);
                break;
            case "json":
                WriteJson(stamp, readings);
                break;
            default:
                WriteTable(stamp, readings);
                break;
        }

        output.Flush();
    }

    /// <summary>A read that failed, in the same stream, so a watch shows when the device stopped answering.</summary>
    public void WriteFailure(DateTimeOffset time, string message)
    {
        string stamp = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        switch (name)
        {
            case "csv":
                WriteCsv(stamp, [new Reading("", "", "", "", "failed: " + message)]);
                break;
            case "json":
                output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["time"] = stamp, ["error"] = message }, Json));
                break;
            default:
                output.WriteLine($"{stamp}  failed: {message}");
                break;
        }

        output.Flush();
    }

    private void WriteTable(string stamp, IReadOnlyList<Reading> readings)
    {
        output.WriteLine(stamp);
        int nameWidth = Math.Max(4, readings.Max(r => r.Name.Length));
        int addressWidth = Math.Max(7, readings.Max(r => r.Address.Length));
        int valueWidth = Math.Max(5, readings.Max(r => (r.Value + (r.Unit.Length > 0 ? " " + r.Unit : "")).Length));
        bool named = readings.Any(r => r.Name.Length > 0);
        foreach (Reading r in readings)
        {
            string value = r.Value.Length == 0 ? "-" : r.Value + (r.Unit.Length > 0 ? " " + r.Unit : "");
            string quality = r.Quality == Reading.Good ? "" : r.Quality;
            string line = named
                ? $"  {r.Name.PadRight(nameWidth)}  {r.Address.PadRight(addressWidth)}  {value.PadRight(valueWidth)}  {quality}"
                : $"  {r.Address.PadRight(addressWidth)}  {value.PadRight(valueWidth)}  {quality}";
            output.WriteLine(line.TrimEnd());
        }
    }

    private void WriteCsv(string stamp, IReadOnlyList<Reading> readings)
    {
        if (!_headerWritten)
        {
            output.WriteLine("time,name,address,value,unit,quality");
            _headerWritten = true;
        }

        foreach (Reading r in readings)
        {
            output.WriteLine(string.Join(',', new[] { stamp, r.Name, r.Address, r.Value, r.Unit, r.Quality }.Select(Quote)));
        }
    }

    private void WriteJson(string stamp, IReadOnlyList<Reading> readings)
    {
        var values = readings.Select(r => new Dictionary<string, object?>
        {
            ["name"] = r.Name.Length == 0 ? null : r.Name,
            ["address"] = r.Address,
            ["value"] = Number(r.Value),
            ["unit"] = r.Unit.Length == 0 ? null : r.Unit,
            ["quality"] = r.Quality,
        });
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["time"] = stamp, ["values"] = values }, Json));
    }

    /// <summary>A number stays a JSON number (exactly the text read), anything else a string, nothing null.</summary>
    private static object? Number(string value) =>
        value.Length == 0 ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !value.Contains(' ') ? JsonDocument.Parse(value).RootElement.Clone()
        : value;

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
