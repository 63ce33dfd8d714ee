using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.SunSpec;

namespace EnergyLogger.Host.SunSpec;

/// <summary>
/// The site map of a set of walked SunSpec units (docs/register-map.md, "SunSpec devices"): one device of kind
/// "sunspec" per unit, named by what it holds (the first "inverter" or "meter", later ones with their unit id), with an
/// override file's lists as the site's own entries; and the map Core drafts from it (<see cref="SunSpecDraft"/>).
/// </summary>
internal static class SunSpecSiteMap
{
    /// <summary>The members an override file may hold: lists whose entries are matched by name (devices by id).</summary>
    public static readonly string[] OverrideMembers = ["devices", "valueMaps", "points", "metadata", "computed"];

    /// <summary>Models the draft has points for; the others are walked past and checked, not read.</summary>
    public static readonly int[] Known = [1, 101, 102, 103, 111, 112, 113, 120, 121, 123, 124, 160, 201, 202, 203, 204, 211, 212, 213, 214, 802];

    /// <summary>An override file's text as the object <see cref="Site"/> takes, or null with <paramref name="problem"/>.</summary>
    public static JsonObject? ReadOverrides(string path, out string? problem)
    {
        problem = null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject overrides)
            {
                return overrides;
            }

            problem = $"{path}: expected an object";
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = $"{path}: {e.Message}";
        }

        return null;
    }

    /// <summary>
    /// The site map's text. An override's device entry with a drafted id adds or replaces that device's members, any
    /// other device entry is a device of its own; its other lists are the site's own entries, which replace the drafted
    /// entry of the same name. Throws <see cref="ArgumentException"/> for an override that is not such lists.
    /// </summary>
    public static string Site(IReadOnlyList<SunSpecDevice> devices, string name, string? timeZone, JsonObject? overrides)
    {
        var list = new JsonArray();
        foreach (SunSpecDevice device in devices)
        {
            string kind = device.IsMeterOnly ? "meter" : "inverter";
            list.Add(new JsonObject { ["id"] = list.Count == 0 ? kind : kind + device.Unit, ["slave"] = device.Unit, ["kind"] = "sunspec" });
        }

        var site = new JsonObject { ["format"] = "energylogger-map/1", ["name"] = name };
        if (timeZone is not null)
        {
            site["timeZone"] = JsonNode.Parse(timeZone);
        }

        site["devices"] = list;
        foreach ((string member, JsonNode? value) in overrides ?? [])
        {
            if (!OverrideMembers.Contains(member) || value is not JsonArray entries)
            {
                throw new ArgumentException($"{member}: an override holds only the lists {string.Join(", ", OverrideMembers)}");
            }

            string key = member == "devices" ? "id" : "name";
            if (entries.Any(e => e is not JsonObject o || o[key]?.GetValueKind() != JsonValueKind.String))
            {
                throw new ArgumentException($"{member}: each entry is an object with its {key}");
            }

            if (member != "devices")
            {
                site[member] = entries.DeepClone();
                continue;
            }

            foreach (JsonObject added in entries.Cast<JsonObject>())
            {
                string id = added["id"]!.GetValue<string>();
                if (list.OfType<JsonObject>().FirstOrDefault(d => d["id"]!.GetValue<string>() == id) is JsonObject drafted)
                {
                    foreach ((string field, JsonNode? node) in added)
                    {
                        drafted[field] = node?.DeepClone();
                    }
                }
                else
                {
                    list.Add(added.DeepClone());
                }
            }
        }

        return site.ToJsonString();
    }

    /// <summary>
    /// The map drafted from <paramref name="site"/> (as <see cref="Site"/> made it for <paramref name="devices"/>),
    /// indented; or null with <paramref name="problem"/>.
    /// </summary>
    public static string? Draft(string site, IReadOnlyList<SunSpecDevice> devices, out string? problem)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(site);
        var doc = new Core.Json.JsonDocument();
        doc.Parse(bytes, 0, bytes.Length, RegisterMapLoader.TextLimits());

        // The site's devices in order: first the walked units, then an override's devices of other kinds.
        var walked = new SunSpecDevice[doc.Length(doc.Member(Core.Json.JsonDocument.Root, "devices"))];
        for (int i = 0; i < devices.Count; i++)
        {
            walked[i] = devices[i];
        }

        string? text = SunSpecDraft.Write(doc, walked, bytes.Length, out problem);
        return text is null ? null : JsonNode.Parse(text)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
