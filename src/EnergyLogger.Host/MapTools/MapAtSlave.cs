using System.Text;
using System.Text.Json.Nodes;

namespace EnergyLogger.Host.MapTools;

/// <summary>
/// A map's text with every device moved to another slave id: the ready maps name their vendor's default id, and an
/// installer's device may sit at another. Null when the text is not a map object with a devices array.
/// </summary>
internal static class MapAtSlave
{
    public static byte[]? Text(string json, byte slave)
    {
        if (JsonNode.Parse(json) is not JsonObject root || root["devices"] is not JsonArray devices)
        {
            return null;
        }

        foreach (JsonNode? device in devices)
        {
            if (device is JsonObject d)
            {
                d["slave"] = (int)slave;
            }
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
