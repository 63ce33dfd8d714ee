using System.Globalization;
using System.Text;
using EnergyLogger.Host.MapTools;

namespace EnergyLogger.Host.Samples;

/// <summary>
/// The samples of a file a day can be shown from: a daily CSV log (<see cref="DailyCsvLog"/>), or a captured broker
/// log, one message per line, bare or after its topic (<c>mosquitto_sub -v</c>; <c>energylogger sub --raw</c>).
/// A broker delivers at least once and a logger publishes each sample on both <c>telemetry</c> and <c>state</c>, so
/// samples are kept once per <c>seq</c> (docs/telemetry-schema.md, "Sequence numbers and duplicates"), oldest first.
/// </summary>
internal static class SampleFile
{
    /// <summary>The samples, or null with <paramref name="error"/> when the file is neither kind or holds no sample.</summary>
    public static List<SampleRecord>? Read(string path, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {path}: {e.Message}";
            return null;
        }

        List<SampleRecord> samples = text.StartsWith("time,seq,", StringComparison.Ordinal) ? FromCsv(text) : FromBrokerLog(text);
        if (samples.Count == 0)
        {
            error = $"{path} holds no sample (expected a daily CSV log or a broker log with one message per line)";
            return null;
        }

        error = null;
        return samples
            .GroupBy(s => s.Sequence == 0 ? $"t{s.Time?.ToUnixTimeMilliseconds()}" : $"s{s.Sequence}")
            .Select(g => g.First())
            .OrderBy(s => s.Time ?? DateTimeOffset.MinValue)
            .ToList();
    }

    private static List<SampleRecord> FromCsv(string text)
    {
        var rows = DelimitedText.Parse(text);
        string[] header = rows[0].Fields;
        var samples = new List<SampleRecord>();
        foreach ((_, string[] cells) in rows.Skip(1))
        {
            if (cells.Length != header.Length || !DateTimeOffset.TryParse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time))
            {
                continue;
            }

            long.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out long seq);
            var values = new List<KeyValuePair<string, string>>();
            for (int i = 3; i < header.Length - 1; i++)
            {
                if (cells[i].Length > 0)
                {
                    values.Add(new(header[i], cells[i]));
                }
            }

            var quality = cells[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(q => q.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            samples.Add(SampleRecord.Of(seq, time, values, quality));
        }

        return samples;
    }

    private static List<SampleRecord> FromBrokerLog(string text)
    {
        var samples = new List<SampleRecord>();
        foreach (string line in text.Split('\n'))
        {
            int start = line.IndexOfAny(['{', '[']);
            if (start < 0)
            {
                continue;
            }

            string topic = line[..start].Trim();
            if (topic.Length > 0 && !(topic.EndsWith("/telemetry", StringComparison.Ordinal) || topic.EndsWith("/state", StringComparison.Ordinal)))
            {
                continue;
            }

            IReadOnlyList<SampleRecord>? parsed = SampleRecord.ParseMessage(Encoding.UTF8.GetBytes(line[start..].Trim()), out _);
            // Metadata and results are objects too; a sample is told by its sequence number and time.
            samples.AddRange(parsed?.Where(s => s.Sequence != 0 && s.Time is not null) ?? []);
        }

        return samples;
    }
}
