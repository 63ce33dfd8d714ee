using System.Text.Json;
using JsonWriter = EnergyLogger.Core.Json.JsonWriter;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Links;
using Xunit;

namespace EnergyLogger.Integration.Tests.ReadyMaps;

/// <summary>One poll cycle of a ready map through the engine, over SerialLink, against a real pymodbus slave.</summary>
internal static class ReadyMapPolling
{
    public const int Baud = 9600;

    /// <summary>A ready map in tools/register-maps, found from this source file wherever the build output lands.</summary>
    public static string MapPath(string file) => Path.Combine(RepoRoot(), "tools", "register-maps", file);

    public static RegisterMap Load(string file)
    {
        RegisterMap? map = RegisterMapLoader.Load(File.ReadAllText(MapPath(file)), out MapError? error);
        Assert.True(map != null, $"{file}: {error}");
        return map!;
    }

    /// <summary>
    /// Serves the image, runs one cycle (every class is due in the first) and returns the engine, the sample
    /// document and what the peer printed.
    /// </summary>
    public static async Task<(PollEngine Engine, string Json, string PeerLog)> PollOnce(RegisterMap map, RegisterImage image)
    {
        await using MapPeer peer = await MapPeer.StartAsync(image, Baud);
        using SerialLink link = SerialLink.Open(peer.SerialPath, Baud, Parity.None, 1);
        var clock = new SystemClock();
        var master = new ModbusMaster(link, clock, new RtuFramer(), new MasterOptions { BaudRate = Baud });
        var engine = new PollEngine(new MapSlot(map), [master], clock, new PollOptions { CycleBudgetMs = 0 });

        return (engine, Cycle(engine), peer.Log);
    }

    /// <summary>As <see cref="PollOnce"/>, over MODBUS TCP to a peer that answers as each image's unit id.</summary>
    public static async Task<(PollEngine Engine, string Json, string PeerLog)> PollOnceTcp(RegisterMap map, params RegisterImage[] images)
    {
        await using MapPeer peer = await MapPeer.StartTcpAsync(images);
        using TcpLink link = TcpLink.Connect("127.0.0.1", peer.TcpPort, 5000);
        var clock = new SystemClock();
        var master = new ModbusMaster(link, clock, new MbapFramer(), new MasterOptions());
        var engine = new PollEngine(new MapSlot(map), [master], clock, new PollOptions { CycleBudgetMs = 0 });
        return (engine, Cycle(engine), peer.Log);
    }

    private static string Cycle(PollEngine engine)
    {
        Assert.True(engine.RunCycle());
        var writer = new JsonWriter(16384, SampleWriter.Depth);
        Assert.True(SampleWriter.Write(engine.Sample(0), writer));
        return writer.Text();
    }

    /// <summary>The document's quality list ("q"), empty when every value is good.</summary>
    public static Dictionary<string, string> Flagged(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("q", out JsonElement q)
            ? q.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!)
            : [];
    }

    /// <summary>Every expected number at its path in the document.</summary>
    public static void AssertValues(string json, (string Path, double Value)[] expected)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        foreach ((string path, double value) in expected)
        {
            JsonElement element = At(doc.RootElement, path, json);
            double actual = element.ValueKind == JsonValueKind.True ? 1 : element.ValueKind == JsonValueKind.False ? 0 : element.GetDouble();
            Assert.True(Math.Abs(actual - value) < 1e-9, $"{path}: expected {value}, got {actual}");
        }
    }

    public static string Text(string json, string path)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement element = At(doc.RootElement, path, json);
        return element.ValueKind == JsonValueKind.Array ? string.Join("|", element.EnumerateArray().Select(e => e.GetString())) : element.GetString()!;
    }

    /// <summary>Every schema field the map feeds is in the document, but those named in <paramref name="except"/>.</summary>
    public static void AssertEveryTargetPublished(RegisterMap map, string json, params string[] except)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        IEnumerable<int> targets = map.Points.Select(p => p.Target).Concat(map.Computed.Select(c => c.Target)).Where(t => t >= 0);
        foreach (string path in targets.Select(t => TelemetrySchema.Field(t).Path).Except(except))
        {
            At(doc.RootElement, path, json);
        }
    }

    private static JsonElement At(JsonElement root, string path, string json)
    {
        JsonElement element = root;
        foreach (string part in path.Split('.'))
        {
            Assert.True(element.TryGetProperty(part, out element), $"{path} is missing from {json}");
        }

        return element;
    }

    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
