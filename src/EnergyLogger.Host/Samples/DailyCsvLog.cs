using System.Globalization;
using System.Text;
using EnergyLogger.Host.MapTools;

namespace EnergyLogger.Host.Samples;

/// <summary>
/// Samples into one CSV file per device per day (<c>{device}_{yyyy-MM-dd}.csv</c>), each starting with a header line
/// that names its columns: <c>time,seq,synced</c>, one column per value path, and <c>quality</c> (the paths that
/// were not good, as <c>path=quality</c>). The day and the time are the machine's local ones, the time with its
/// offset. A value a file's header does not have yet (a field the map started to feed) widens the header: the
/// file is rewritten with the new column, empty in the rows before, so no value is lost. Each row is appended
/// and flushed on its own, so a power cut costs at most the row being written.
/// </summary>
internal sealed class DailyCsvLog
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:sszzz";
    private static readonly string[] Fixed = ["time", "seq", "synced"];
    private const string QualityColumn = "quality";

    private readonly string _directory;
    private readonly TimeZoneInfo _zone;
    private readonly Func<DateTimeOffset> _now;
    private string? _openPath;
    private List<string> _columns = [];

    public DailyCsvLog(string directory, TimeZoneInfo? zone = null, Func<DateTimeOffset>? now = null)
    {
        _directory = directory;
        _zone = zone ?? TimeZoneInfo.Local;
        _now = now ?? (() => DateTimeOffset.UtcNow);
        Directory.CreateDirectory(directory);
    }

    /// <summary>The file a sample of <paramref name="device"/> at <paramref name="time"/> goes to.</summary>
    public string PathFor(string device, DateTimeOffset time) =>
        Path.Combine(_directory, $"{device}_{TimeZoneInfo.ConvertTime(time, _zone):yyyy-MM-dd}.csv");

    /// <summary>Appends one row; a sample without a wall time (clock not set) is written at the machine's time of arrival.</summary>
    public void Write(string device, SampleRecord sample)
    {
        DateTimeOffset time = TimeZoneInfo.ConvertTime(sample.Time ?? _now(), _zone);
        string path = PathFor(device, time);
        if (path != _openPath)
        {
            _columns = File.Exists(path) ? ReadHeader(path) : [];
            _openPath = path;
        }

        List<string> missing = sample.Paths.Concat(sample.Quality.Keys).Distinct().Where(p => !_columns.Contains(p)).ToList();
        if (_columns.Count == 0)
        {
            _columns = missing;
            File.WriteAllText(path, HeaderLine(_columns) + "\n");
        }
        else if (missing.Count > 0)
        {
            Widen(path, missing);
        }

        File.AppendAllText(path, Row(time, sample) + "\n");
    }

    private string Row(DateTimeOffset time, SampleRecord sample)
    {
        var cells = new List<string>
        {
            time.ToString(TimeFormat, CultureInfo.InvariantCulture),
            sample.Sequence.ToString(CultureInfo.InvariantCulture),
            sample.Synced ? "true" : "false",
        };
        foreach (string column in _columns)
        {
            // A value that is not good is never written as a number (docs/telemetry-schema.md, "Quality").
            cells.Add(sample.Quality.TryGetValue(column, out string? q) && q != "fresh" ? "" : sample.Text(column) ?? "");
        }

        cells.Add(string.Join(' ', sample.Quality.Where(q => q.Value != "fresh").Select(q => $"{q.Key}={q.Value}")));
        return string.Join(',', cells.Select(Quote));
    }

    private void Widen(string path, List<string> missing)
    {
        var rows = DelimitedText.Parse(File.ReadAllText(path));
        int before = _columns.Count;
        _columns.AddRange(missing);
        var text = new StringBuilder(HeaderLine(_columns)).Append('\n');
        foreach ((_, string[] fields) in rows.Skip(1))
        {
            var cells = new List<string>(fields);
            // The quality column stays last: the new columns go in before it, empty.
            cells.InsertRange(Fixed.Length + before, Enumerable.Repeat("", missing.Count));
            text.Append(string.Join(',', cells.Select(Quote))).Append('\n');
        }

        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    private static List<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        var rows = DelimitedText.Parse(reader.ReadLine() ?? "");
        string[] header = rows.Count == 0 ? [] : rows[0].Fields;
        return header.Length > Fixed.Length + 1 ? header.Skip(Fixed.Length).Take(header.Length - Fixed.Length - 1).ToList() : [];
    }

    private static string HeaderLine(List<string> columns) => string.Join(',', Fixed.Concat(columns).Append(QualityColumn).Select(Quote));

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
