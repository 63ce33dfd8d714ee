using System.CommandLine;
using System.Net.NetworkInformation;
using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Links;

using EnergyLogger.Host.Local;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The virtual device's configuration file for <c>energylogger run --config FILE</c> (docs/runtime.md, "The host
/// virtual device"): the bus, the register map, the data folder (outbox, cloud config, boot journal, settings),
/// optionally the installer's settings inline, and the loop's timing. Relative paths are taken from the file's
/// folder. Every mistake is reported with its JSON path.
/// </summary>
internal sealed class HostConfig
{
    private static readonly string[] TopMembers = ["bus", "map", "sunspec", "data", "settings", "caFile", "mac", "poll", "cloud", "loop", "ota", "logLevel", "wifi", "clock", "influx"];
    private static readonly string[] SunSpecMembers = ["units", "timeZone", "overrides"];
    private static readonly string[] BusMembers = ["port", "baud", "parity", "stopBits", "rs485", "tcp", "rtuOverTcp", "timeoutMs", "retries", "connectDelayMs"];
    private static readonly string[] PollMembers = ["fastMs", "normalMs", "slowMs", "budgetMs"];
    private static readonly string[] CloudMembers = ["backoffBaseMs", "backoffMaxMs", "keepAliveS", "replyTimeoutMs", "connectTimeoutMs"];
    private static readonly string[] LoopMembers = ["tickMs", "stallMs", "provenAfterMs", "metadataMs", "wifiTrialMs"];

    private HostConfig(BusSettings bus, string? mapPath, string dataDir, DeviceSettings? settings, byte[]? mac, RuntimeOptions options, OtaConfig? ota,
        LogLevel logLevel, HostWifi? wifi, WallTime? clock, InfluxConfig? influx)
    {
        Influx = influx;
        Wifi = wifi;
        Clock = clock;
        Ota = ota;
        Bus = bus;
        MapPath = mapPath;
        DataDir = dataDir;
        Settings = settings;
        Mac = mac;
        Options = options;
        LogLevel = logLevel;
    }

    public BusSettings Bus { get; private set; }

    /// <summary>run's --rs485: the kernel's RS-485 mode for the configured serial port, whatever the file says.</summary>
    public void UseRs485(Rs485Mode mode) => Bus = Bus.Medium == BusMedium.Serial
        ? Bus with { Rs485 = mode }
        : throw new UsageException("--rs485 applies to a bus on a serial port ($.bus.port) only");

    /// <summary>The register map polled until the cloud sends one; null to wait for the cloud's.</summary>
    public string? MapPath { get; }

    /// <summary>
    /// "sunspec": no map file; at start the chains of these unit ids are walked and the map drafted from them
    /// (docs/register-map.md, "SunSpec devices"). Null: <see cref="MapPath"/> or the cloud's map.
    /// </summary>
    public SunSpecConfig? SunSpec { get; private init; }

    public string DataDir { get; }

    /// <summary>Settings given inline; they are stored like an <c>apply</c> on port 4242 would store them. Null: use the store.</summary>
    public DeviceSettings? Settings { get; }

    public byte[]? Mac { get; }

    public RuntimeOptions Options { get; }

    /// <summary>How safe mode is left on the host: a clean stop is a deliberate end here, so restarting the service does it.</summary>
    public const string SafeModeExit = "a clean stop and start (Ctrl+C, systemctl restart), reboot command, settings on the provisioning port or update";

    /// <summary>The updater's key, CA and timing; null runs without an updater (offers are logged and ignored).</summary>
    public OtaConfig? Ota { get; }

    public LogLevel LogLevel { get; }

    /// <summary>Where samples are written in line protocol (docs/local-access.md, "InfluxDB"); null for nowhere.</summary>
    public InfluxConfig? Influx { get; }

    /// <summary>The Wi-Fi networks the virtual device sees; null: the PC's own network only.</summary>
    public HostWifi? Wifi { get; }

    /// <summary>A simulated wall clock; null: the OS clock.</summary>
    public WallTime? Clock { get; }

    public static HostConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"no config file at {path}");
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not valid JSON: {e.Message}");
        }

        string dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Expect(root, JsonValueKind.Object, "$");
        Known(root, TopMembers, "$");
        string? caFile = OptionalText(root, "caFile");
        var options = new RuntimeOptions { SafeModeExit = SafeModeExit };
        ReadPoll(root, options);
        ReadCloud(root, options);
        ReadLoop(root, options);
        return new HostConfig(
            ReadBus(Member(root, "bus") ?? throw new UsageException("$.bus: required (port, tcp or rtuOverTcp)")),
            OptionalText(root, "map") is { } map ? Path.Combine(dir, map) : null,
            Path.Combine(dir, OptionalText(root, "data") ?? throw new UsageException("$.data: required (the folder for the outbox, config and settings)")),
            ReadSettings(root, caFile is null ? null : Path.Combine(dir, caFile)),
            OptionalText(root, "mac") is { } mac ? ParseMac(mac) : null,
            options,
            Member(root, "ota") is { } ota ? OtaConfig.Read(ota, dir) : null,
            ParseLevel(OptionalText(root, "logLevel") ?? "info"),
            Member(root, "wifi") is { } wifi ? HostWifi.Read(wifi) : null,
            Member(root, "clock") is { } clock ? WallTime.Read(clock) : null,
            Member(root, "influx") is { } influx ? InfluxConfig.Read(influx) : null)
        {
            SunSpec = Member(root, "sunspec") is { } sunspec ? ReadSunSpec(sunspec, Member(root, "map") is not null, dir) : null,
        };
    }

    private static SunSpecConfig ReadSunSpec(JsonElement sunspec, bool withMap, string dir)
    {
        if (withMap)
        {
            throw new UsageException("$.sunspec: the map is drafted from the device; give $.map or $.sunspec, not both");
        }

        Expect(sunspec, JsonValueKind.Object, "$.sunspec");
        Known(sunspec, SunSpecMembers, "$.sunspec");
        var units = new List<byte>();
        if (Member(sunspec, "units") is { } list)
        {
            Expect(list, JsonValueKind.Array, "$.sunspec.units");
            foreach (JsonElement u in list.EnumerateArray())
            {
                if (u.ValueKind != JsonValueKind.Number || !u.TryGetInt32(out int unit) || unit < 1 || unit > 247)
                {
                    throw new UsageException("$.sunspec.units: unit ids 1 to 247");
                }

                units.Add((byte)unit);
            }
        }

        string? zone = Member(sunspec, "timeZone") is { } z ? z.GetRawText() : null;
        System.Text.Json.Nodes.JsonObject? overrides = null;
        if (OptionalText(sunspec, "overrides") is { } file
            && (overrides = EnergyLogger.Host.SunSpec.SunSpecSiteMap.ReadOverrides(Path.Combine(dir, file), out string? problem)) is null)
        {
            throw new UsageException($"$.sunspec.overrides: {problem}");
        }

        return new SunSpecConfig(units.Count == 0 ? [1] : [.. units], zone, overrides);
    }

    /// <summary>The configured MAC, or the first network interface's, or a fixed locally administered one.</summary>
    public byte[] MacOrInterface()
    {
        if (Mac is not null)
        {
            return Mac;
        }

        byte[]? nic = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .Select(n => n.GetPhysicalAddress().GetAddressBytes())
            .FirstOrDefault(b => b.Length == 6 && b.Any(x => x != 0));
        return nic ?? [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
    }

    private static BusSettings ReadBus(JsonElement bus)
    {
        Expect(bus, JsonValueKind.Object, "$.bus");
        Known(bus, BusMembers, "$.bus");
        var args = new List<string>();
        foreach (JsonProperty p in bus.EnumerateObject())
        {
            // The same options as read and write take, so one parser checks them.
            string option = p.Name switch
            {
                "stopBits" => "stop-bits",
                "rtuOverTcp" => "rtu-over-tcp",
                "timeoutMs" => "timeout",
                "connectDelayMs" => "connect-delay",
                _ => p.Name,
            };
            args.Add("--" + option);
            args.Add(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : Text(p.Value, "$.bus." + p.Name));
        }

        var options = new BusOptions();
        var command = new RootCommand();
        Array.ForEach(options.All, command.Add);
        ParseResult result = command.Parse(args);
        try
        {
            return result.Errors.Count > 0 ? throw new UsageException(result.Errors[0].Message) : options.Parse(result);
        }
        catch (UsageException e)
        {
            throw new UsageException("$.bus: " + e.Message);
        }
    }

    /// <summary>Field names as on port 4242 (<c>"mqtt.host"</c>, <c>"kaa.token"</c>...), checked by the same rules.</summary>
    private static DeviceSettings? ReadSettings(JsonElement root, string? caFile)
    {
        JsonElement? given = Member(root, "settings");
        if (given is null)
        {
            return caFile is null ? null : throw new UsageException("$.caFile: only together with $.settings");
        }

        Expect(given.Value, JsonValueKind.Object, "$.settings");
        var settings = new DeviceSettings();
        foreach (JsonProperty p in given.Value.EnumerateObject())
        {
            SettingField field = SettingFields.Find(p.Name) ?? throw new UsageException($"$.settings.{p.Name}: not a setting (see docs/provisioning.md)");
            string value = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : Text(p.Value, "$.settings." + p.Name);
            if (settings.Set(field, value) is { } reason)
            {
                throw new UsageException($"$.settings.{p.Name}: {reason}");
            }
        }

        if (caFile is not null && settings.Set(SettingFields.MqttCa, File.Exists(caFile) ? File.ReadAllText(caFile) : throw new UsageException($"$.caFile: no file at {caFile}")) is { } refused)
        {
            throw new UsageException("$.caFile: " + refused);
        }

        // The host is on its network already; station mode needs a name only to pass the same check.
        if (!settings.IsSet(SettingFields.WifiSsid))
        {
            settings.Set(SettingFields.WifiSsid, "host");
        }

        var report = new ValidationReport();
        SettingsCheck.Run(settings, report);
        return report.IsEmpty ? settings : throw new UsageException("$.settings: " + report.Describe());
    }

    private static void ReadPoll(JsonElement root, RuntimeOptions options)
    {
        if (Member(root, "poll") is not { } poll)
        {
            return;
        }

        Known(poll, PollMembers, "$.poll");
        options.Poll.FastIntervalMs = Int(poll, "fastMs", options.Poll.FastIntervalMs, 0, 86_400_000, "$.poll");
        options.Poll.NormalIntervalMs = Int(poll, "normalMs", options.Poll.NormalIntervalMs, 0, 86_400_000, "$.poll");
        options.Poll.SlowIntervalMs = Int(poll, "slowMs", options.Poll.SlowIntervalMs, 0, 86_400_000, "$.poll");
        options.Poll.CycleBudgetMs = Int(poll, "budgetMs", options.Poll.CycleBudgetMs, 0, 600_000, "$.poll");
    }

    private static void ReadCloud(JsonElement root, RuntimeOptions options)
    {
        if (Member(root, "cloud") is not { } cloud)
        {
            return;
        }

        Known(cloud, CloudMembers, "$.cloud");
        options.Cloud.BackoffBaseMs = Int(cloud, "backoffBaseMs", options.Cloud.BackoffBaseMs, 100, 3_600_000, "$.cloud");
        options.Cloud.BackoffMaxMs = Int(cloud, "backoffMaxMs", options.Cloud.BackoffMaxMs, options.Cloud.BackoffBaseMs, 3_600_000, "$.cloud");
        options.Cloud.Connection.KeepAliveSeconds = Int(cloud, "keepAliveS", options.Cloud.Connection.KeepAliveSeconds, 5, 65535, "$.cloud");
        options.Cloud.ReplyTimeoutMs = Int(cloud, "replyTimeoutMs", options.Cloud.ReplyTimeoutMs, 1000, 600_000, "$.cloud");
        options.Cloud.Connection.ConnectTimeoutMs = Int(cloud, "connectTimeoutMs", options.Cloud.Connection.ConnectTimeoutMs, 1000, 120_000, "$.cloud");
    }

    private static void ReadLoop(JsonElement root, RuntimeOptions options)
    {
        if (Member(root, "loop") is not { } loop)
        {
            return;
        }

        Known(loop, LoopMembers, "$.loop");
        options.TickMs = Int(loop, "tickMs", options.TickMs, 10, 1000, "$.loop");
        options.StallMs = Int(loop, "stallMs", options.StallMs, 5000, 3_600_000, "$.loop");
        options.ProvenAfterMs = Int(loop, "provenAfterMs", options.ProvenAfterMs, 0, 86_400_000, "$.loop");
        options.MetadataIntervalMs = Int(loop, "metadataMs", options.MetadataIntervalMs, 10_000, 86_400_000, "$.loop");
        options.WifiTrialMs = Int(loop, "wifiTrialMs", options.WifiTrialMs, 1000, 600_000, "$.loop");
    }

    private static byte[] ParseMac(string text)
    {
        string hex = text.Replace(":", "").Replace("-", "");
        try
        {
            byte[] mac = Convert.FromHexString(hex);
            return mac.Length == 6 ? mac : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new UsageException($"$.mac: six bytes in hex (02:00:00:12:34:56), not '{text}'");
        }
    }

    private static LogLevel ParseLevel(string text) => text switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Info,
        "warn" => LogLevel.Warn,
        "error" => LogLevel.Error,
        _ => throw new UsageException($"$.logLevel: debug, info, warn or error, not '{text}'"),
    };

    internal static int Int(JsonElement obj, string name, int fallback, int min, int max, string path)
    {
        if (!obj.TryGetProperty(name, out JsonElement v))
        {
            return fallback;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{path}.{name}: a whole number from {min} to {max}");
    }

    internal static JsonElement? Member(JsonElement obj, string name) => obj.TryGetProperty(name, out JsonElement v) ? v : null;

    internal static string? OptionalText(JsonElement obj, string name) => Member(obj, name) is { } v ? Text(v, "$." + name) : null;

    internal static string Text(JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new UsageException($"{path}: expected a string");

    internal static void Expect(JsonElement v, JsonValueKind kind, string path)
    {
        if (v.ValueKind != kind)
        {
            throw new UsageException($"{path}: expected {kind.ToString().ToLowerInvariant()}");
        }
    }

    internal static void Known(JsonElement obj, string[] members, string path)
    {
        Expect(obj, JsonValueKind.Object, path);
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (Array.IndexOf(members, p.Name) < 0)
            {
                throw new UsageException($"{path}.{p.Name}: unknown member");
            }
        }
    }
}

/// <summary>The units whose SunSpec chains make the map, and the map's <c>timeZone</c> (JSON) for its daily counters.</summary>
internal sealed record SunSpecConfig(byte[] Units, string? TimeZone, System.Text.Json.Nodes.JsonObject? Overrides = null);
