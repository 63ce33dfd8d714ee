using System.Globalization;
using System.Text.Json;

namespace EnergyLogger.Host.Samples;

/// <summary>
/// One published sample (docs/telemetry-schema.md) as the host's tools read it back: each value by its path
/// (<c>pv.power</c>, <c>grid.l1.voltage</c>, <c>device.fault_code_text</c>), the time, the sequence number and
/// the qualities of <c>q</c>. Read from the JSON the logger publishes, so the tools see exactly what a broker sees.
/// </summary>
internal sealed class SampleRecord
{
    private static readonly string[] Header = ["v", "seq", "ts", "mono", "synced", "q", "agg"];

    private readonly Dictionary<string, string> _values;

    private SampleRecord(long sequence, DateTimeOffset? time, bool synced, Dictionary<string, string> values, Dictionary<string, string> quality)
    {
        Sequence = sequence;
        Time = time;
        Synced = synced;
        _values = values;
        Quality = quality;
    }

    public long Sequence { get; }

    /// <summary>The wall time of the poll cycle; null when the logger's clock was not set.</summary>
    public DateTimeOffset? Time { get; }

    public bool Synced { get; }

    /// <summary>Every value's text by path, in the order of the document; an array of texts is joined with "; ".</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The <c>q</c> member: path to quality (stale, sentinel, ...).</summary>
    public IReadOnlyDictionary<string, string> Quality { get; }

    public IEnumerable<string> Paths => _values.Keys;

    /// <summary>A number, or null when the sample does not carry it as one.</summary>
    public double? Number(string path) =>
        _values.TryGetValue(path, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    public string? Text(string path) => _values.GetValueOrDefault(path);

    /// <summary>
    /// The samples of one message: a sample, or a JSON array of them (a telemetry batch). Null with
    /// <paramref name="error"/> when the text is not that.
    /// </summary>
    public static IReadOnlyList<SampleRecord>? ParseMessage(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json.ToArray());
            JsonElement root = document.RootElement;
            var samples = new List<SampleRecord>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in root.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        error = "an element of the array is not a sample object";
                        return null;
                    }

                    samples.Add(From(item));
                }
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                samples.Add(From(root));
            }
            else
            {
                error = "neither a sample nor an array of samples";
                return null;
            }

            error = null;
            return samples;
        }
        catch (JsonException e)
        {
            error = $"not JSON: {e.Message}";
            return null;
        }
    }

    private static SampleRecord From(JsonElement sample)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quality = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty member in sample.EnumerateObject())
        {
            if (member.Name == "q" && member.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty q in member.Value.EnumerateObject())
                {
                    quality[q.Name] = q.Value.ToString();
                }
            }
            else if (member.Value.ValueKind == JsonValueKind.Object && Array.IndexOf(Header, member.Name) < 0)
            {
                Flatten(member.Name, member.Value, values);
            }
        }

        long sequence = sample.TryGetProperty("seq", out JsonElement seq) && seq.TryGetInt64(out long s) ? s : 0;
        DateTimeOffset? time = sample.TryGetProperty("ts", out JsonElement ts) && ts.TryGetInt64(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        bool synced = sample.TryGetProperty("synced", out JsonElement sy) && sy.ValueKind == JsonValueKind.True;
        return new SampleRecord(sequence, time, synced, values, quality);
    }

    private static void Flatten(string prefix, JsonElement element, Dictionary<string, string> into)
    {
        foreach (JsonProperty member in element.EnumerateObject())
        {
            string path = prefix + "." + member.Name;
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(path, member.Value, into);
                    break;
                case JsonValueKind.Array:
                    into[path] = string.Join("; ", member.Value.EnumerateArray().Select(e => e.ToString()));
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    into[path] = member.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                default:
                    // Numbers keep the logger's own text (no re-rounding); strings their content.
                    into[path] = member.Value.ValueKind == JsonValueKind.Number ? member.Value.GetRawText() : member.Value.ToString();
                    break;
            }
        }
    }

    /// <summary>A sample made of given values, for sources that are not JSON (a CSV row read back).</summary>
    public static SampleRecord Of(long sequence, DateTimeOffset? time, IEnumerable<KeyValuePair<string, string>> values, IReadOnlyDictionary<string, string>? quality = null) =>
        new(sequence, time, time is not null, new Dictionary<string, string>(values, StringComparer.Ordinal),
            quality is null ? new Dictionary<string, string>() : new Dictionary<string, string>(quality));
}
