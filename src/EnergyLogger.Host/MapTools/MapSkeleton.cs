using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnergyLogger.Host.MapTools;

/// <summary>The device a skeleton map declares: one slave with its line settings.</summary>
internal sealed record SkeletonDevice(byte Slave, int Baud, string Parity);

/// <summary>
/// Writes a register map (docs/register-map.md) from table rows: one device, the rows as points (strings
/// as metadata), each on one line and citing its table line, laid out like the ready maps in
/// tools/register-maps so that a person can review and complete it.
/// </summary>
internal static class MapSkeleton
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(string name, string tableName, SkeletonDevice device, IReadOnlyList<RegisterPoint> points)
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append("  \"format\": \"energylogger-map/1\",\n");
        text.Append($"  \"name\": {Quote(name)},\n");
        text.Append($"  \"source\": [{Quote($"made from {tableName} by energylogger map from-registers; check every row against the vendor's document, set targets and signs")}],\n");
        text.Append("  \"devices\": [\n");
        text.Append($"    {{ \"id\": \"inverter\", \"slave\": {device.Slave}, \"baud\": {device.Baud}, \"parity\": {Quote(device.Parity)} }}\n");
        text.Append("  ]");
        Section(text, "points", points.Where(p => !p.IsMetadata).ToList());
        Section(text, "metadata", points.Where(p => p.IsMetadata).ToList());
        text.Append("\n}\n");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string member, List<RegisterPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        text.Append($",\n  \"{member}\": [\n");
        for (int i = 0; i < points.Count; i++)
        {
            text.Append("    ").Append(Point(points[i])).Append(i + 1 < points.Count ? ",\n" : "\n");
        }

        text.Append("  ]");
    }

    /// <summary>One point as one line; members at their defaults are left out, as in the ready maps.</summary>
    private static string Point(RegisterPoint p)
    {
        var members = new List<string> { $"\"name\": {Quote(p.Name)}" };
        if (p.Function != "holding")
        {
            members.Add($"\"function\": {Quote(p.Function)}");
        }

        members.Add($"\"address\": {p.Address}");
        if (p.Type != (p.IsBitTable ? "bool" : "uint16"))
        {
            members.Add($"\"type\": {Quote(p.Type)}");
        }

        if (p.Type == "string")
        {
            members.Add($"\"count\": {p.Count}");
        }

        Add(members, "wordOrder", p.WordOrder);
        if (p.Scale != 1)
        {
            members.Add($"\"scale\": {Number(p.Scale)}");
        }

        if (p.Offset != 0)
        {
            members.Add($"\"offset\": {Number(p.Offset)}");
        }

        Add(members, "unit", p.Unit);
        Add(members, "poll", p.Poll);
        Add(members, "target", p.Target);
        members.Add($"\"source\": {Quote(p.Source)}");
        return "{ " + string.Join(", ", members) + " }";
    }

    private static void Add(List<string> members, string name, string? value)
    {
        if (value is not null)
        {
            members.Add($"\"{name}\": {Quote(value)}");
        }
    }

    /// <summary>Fifteen significant digits: a scale stepped from 0.1 to W stays 100, not 100.00000000000001.</summary>
    private static string Number(double value) => value.ToString("G15", CultureInfo.InvariantCulture);

    /// <summary>JSON string escaping that leaves readable characters (°, ') as they are: the map is UTF-8.</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, Readable);
}
