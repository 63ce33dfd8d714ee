using System.Globalization;
using System.Text;
using System.Text.Json;
using EnergyLogger.Host.Samples;
using EnergyLogger.Host.Views;

namespace EnergyLogger.Host.Sub;

/// <summary>
/// A logger's MQTT messages in the custom topic layout (docs/cloud.md, "Custom MQTT") said in one line each, like
/// <c>mosquitto_sub -v</c> but decoded: a sample as its power flows and warnings, a command and its result by type,
/// id and status, config offers and their status, the status, metadata and update messages. The kind is told by the
/// end of the topic, so any prefix works, wildcards included; a topic or payload it does not know is shown as it came.
/// </summary>
internal static class TopicPrinter
{
    // Longer ends first: "/config/status" is not the logger's "/status".
    private static readonly string[] Fixed = ["/config/set", "/config/status", "/ota/offer", "/ota/status", "/telemetry", "/state", "/status", "/metadata"];

    /// <summary>The lines for one message: "LOGGER KIND text", one per sample of a batch.</summary>
    public static List<string> Describe(string topic, byte[] payload, TimeZoneInfo zone)
    {
        (string logger, string kind, string? detail) = Split(topic);
        string who = logger.Length == 0 ? "" : logger[(logger.LastIndexOf('/') + 1)..] + "  ";
        string text = Encoding.UTF8.GetString(payload);
        List<string> lines = kind switch
        {
            "telemetry" or "state" => Samples(payload, zone, kind == "state" ? "state" : "sample", detail),
            "status" => [$"status     {text}"],
            "metadata" => [$"metadata   {Flat(text)}"],
            "config/set" => [$"config     offered {Member(text, "configId")} ({payload.Length} bytes)"],
            "config/status" => [$"config     {Member(text, "configId")}: {Status(text)}"],
            "command" => Each(text, e => $"command    {detail} #{Get(e, "id")}{Payload(e)}"),
            "result" => Each(text, e => $"result     {detail} #{Get(e, "id")}: {Status(e)}{Payload(e)}"),
            "ota/offer" => [$"update     offered {Flat(text)}"],
            "ota/status" => [$"update     {Flat(text)}"],
            _ => [$"{topic} {text}"],
        };
        return lines.Select(l => who + l).ToList();
    }

    private static (string Logger, string Kind, string? Detail) Split(string topic)
    {
        foreach (string suffix in Fixed)
        {
            if (topic.EndsWith(suffix, StringComparison.Ordinal))
            {
                string logger = topic[..^suffix.Length];
                int device = logger.LastIndexOf("/device/", StringComparison.Ordinal);
                return device >= 0 && suffix == "/telemetry"
                    ? (logger[..device], "telemetry", logger[(device + 8)..])
                    : (logger, suffix[1..], null);
            }
        }

        foreach (string kind in new[] { "command", "result" })
        {
            int at = topic.LastIndexOf($"/{kind}/", StringComparison.Ordinal);
            if (at >= 0)
            {
                return (topic[..at], kind, topic[(at + kind.Length + 2)..]);
            }
        }

        return ("", "", null);
    }

    private static List<string> Samples(byte[] payload, TimeZoneInfo zone, string label, string? endpoint)
    {
        IReadOnlyList<SampleRecord>? samples = SampleRecord.ParseMessage(payload, out string? error);
        if (samples is null)
        {
            return [$"{label,-10} unreadable: {error}"];
        }

        string where = endpoint is null ? "" : $" [{endpoint}]";
        return samples.Select(s =>
        {
            string time = s.Time is DateTimeOffset t ? TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "clock not set";
            var line = new StringBuilder($"{label,-10} {time} seq {s.Sequence}{where}: ")
                .Append("solar ").Append(PowerWords.Solar(s))
                .Append(", battery ").Append(PowerWords.Battery(s))
                .Append(", house ").Append(PowerWords.House(s))
                .Append(", grid ").Append(PowerWords.Grid(s));
            var flagged = s.Quality.Where(q => q.Value != "fresh").Select(q => $"{q.Key} {q.Value}").ToList();
            if (flagged.Count > 0)
            {
                line.Append("; not trusted: ").Append(string.Join(", ", flagged));
            }

            return line.ToString();
        }).ToList();
    }

    /// <summary>A command or result message: an array of entries or one entry.</summary>
    private static List<string> Each(string text, Func<JsonElement, string> describe)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            return root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().Select(describe).ToList() : [describe(root)];
        }
        catch (JsonException)
        {
            return [$"unreadable: {text}"];
        }
    }

    private static string Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) ? v.ToString() : "?";

    private static string Payload(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("payload", out JsonElement p) && p.ValueKind != JsonValueKind.Null ? " " + p.GetRawText() : "";

    private static string Status(JsonElement e)
    {
        string code = Get(e, "statusCode");
        string reason = Get(e, "reasonPhrase");
        return reason == "?" ? code : $"{code} {reason}";
    }

    private static string Status(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return Status(document.RootElement);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static string Member(string text, string name)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return Get(document.RootElement, name);
        }
        catch (JsonException)
        {
            return "(unreadable)";
        }
    }

    /// <summary>A JSON object's members as "name=value", nested ones by path; anything else as it came.</summary>
    private static string Flat(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return text;
            }

            var parts = new List<string>();
            Flatten("", document.RootElement, parts);
            return string.Join(", ", parts);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static void Flatten(string prefix, JsonElement element, List<string> parts)
    {
        foreach (JsonProperty member in element.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(prefix + member.Name + ".", member.Value, parts);
            }
            else
            {
                parts.Add($"{prefix}{member.Name}={member.Value}");
            }
        }
    }
}
