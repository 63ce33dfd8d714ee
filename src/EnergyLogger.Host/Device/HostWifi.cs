using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Cli;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The Wi-Fi networks the virtual device can see, from the config's <c>wifi</c> member (docs/runtime.md): each with its
/// name, key, signal, channel and security, whether a broker can be reached through it, and how long a join takes. It
/// stands in for the board's radio where a test or a demo needs <c>wifi_scan</c> and <c>set_wifi</c> to meet real
/// outcomes; without it the PC's own network is the only one.
/// </summary>
internal sealed class HostWifi
{
    public const int DefaultJoinMs = 500;

    private static readonly string[] Members = ["networks"];
    private static readonly string[] NetworkMembers = ["ssid", "key", "rssi", "channel", "security", "cloud", "joinMs"];
    private static readonly string[] Securities = ["open", "wep", "wpa", "wpa2", "wpa3"];

    private HostWifi(Network[] networks)
    {
        Networks = networks;
    }

    public Network[] Networks { get; }

    /// <summary>One network in range.</summary>
    /// <param name="Key">Its key; null accepts any (the PC's own network).</param>
    /// <param name="Cloud">Whether a broker can be reached through it.</param>
    /// <param name="Listed">Whether a scan finds it.</param>
    public sealed record Network(string Ssid, string? Key, int Rssi, int Channel, string? Security, bool Cloud, int JoinMs, bool Listed)
    {
        public bool Accepts(string key) => Key is null || Key == key;
    }

    /// <summary>No <c>wifi</c> in the config: the PC is on its own network, under the settings' name, with any key; a scan does not list it.</summary>
    public static HostWifi OwnNetwork(string ssid) => new([new Network(ssid, null, 0, 0, null, Cloud: true, DefaultJoinMs, Listed: false)]);

    public static HostWifi Read(JsonElement wifi)
    {
        HostConfig.Known(wifi, Members, "$.wifi");
        if (HostConfig.Member(wifi, "networks") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() == 0)
        {
            throw new UsageException("$.wifi.networks: required, a non-empty array");
        }

        var networks = new List<Network>();
        int i = 0;
        foreach (JsonElement n in list.EnumerateArray())
        {
            string path = $"$.wifi.networks[{i++}]";
            HostConfig.Known(n, NetworkMembers, path);
            string ssid = Checked(n, "ssid", SettingFields.WifiSsid, path) ?? throw new UsageException(path + ".ssid: required");
            string key = Checked(n, "key", SettingFields.WifiKey, path) ?? "";
            string security = HostConfig.Member(n, "security") is { } s ? HostConfig.Text(s, path + ".security") : key.Length == 0 ? "open" : "wpa2";
            if (!Securities.Contains(security))
            {
                throw new UsageException($"{path}.security: one of {string.Join(", ", Securities)}");
            }

            if (networks.Any(x => x.Ssid == ssid))
            {
                throw new UsageException($"{path}.ssid: '{ssid}' is listed twice");
            }

            bool cloud = HostConfig.Member(n, "cloud") is not { } c || c.ValueKind == JsonValueKind.True
                || (c.ValueKind == JsonValueKind.False ? false : throw new UsageException(path + ".cloud: true or false"));
            networks.Add(new Network(ssid, key, HostConfig.Int(n, "rssi", -60, -120, 0, path), HostConfig.Int(n, "channel", 6, 1, 196, path), security,
                cloud, HostConfig.Int(n, "joinMs", DefaultJoinMs, 0, 60_000, path), Listed: true));
        }

        return new HostWifi([.. networks]);
    }

    /// <summary>The network of that name, or null when none is in range.</summary>
    public Network? Find(string ssid) => Networks.FirstOrDefault(n => n.Ssid == ssid);

    private static string? Checked(JsonElement n, string name, SettingField field, string path)
    {
        if (HostConfig.Member(n, name) is not { } v)
        {
            return null;
        }

        string text = HostConfig.Text(v, path + "." + name);
        return field.Rule.Check(text) is { } reason ? throw new UsageException($"{path}.{name}: {reason}") : text;
    }
}
