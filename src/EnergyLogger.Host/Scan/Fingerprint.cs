using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.MapTools;
using EnergyLogger.Host.Samples;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Host.Scan;

/// <summary>How well one ready map fits a device: of its points, how many the device answered with a plausible value.</summary>
/// <param name="Informative">Plausible points that are not zero (or empty text): a device that answers zeros everywhere fits every map alike.</param>
internal sealed record MapFit(string File, string Name, int Plausible, int Informative, int Points, IReadOnlyList<string> Implausible)
{
    public double Share => Points == 0 ? 0 : (double)Plausible / Points;
}

/// <summary>What a found device showed: the SunSpec marker's address (or null), and each ready map's fit, best first.</summary>
internal sealed record DeviceFingerprint(int? SunSpecAt, IReadOnlyList<MapFit> Maps)
{
    /// <summary>The share of a map's points that must be plausible before it is suggested.</summary>
    public const double SuggestAt = 0.8;

    public MapFit? Suggested => Maps.Count > 0 && Maps[0].Share >= SuggestAt ? Maps[0] : null;
}

/// <summary>
/// Tells what a found slave is. SunSpec devices hold "SunS" (0x5375 0x6E53) at 40000, 0 or 50000 (SunSpec
/// Information Model Specification, 4.1). For each ready map, the logger's own poll engine reads every point of the
/// map once from this slave, and the decoder and mapper judge each value as they would in service: a point counts
/// as plausible when it was read (no exception 02, no timeout) and came out good (no sentinel, not out of its or its
/// field's physical range). A map whose registers the device does not have, or holds other things in, scores low; of
/// maps that score alike, the one whose points carry more non-zero values ranks first.
/// </summary>
internal static class Fingerprint
{
    public static DeviceFingerprint Take(ModbusMaster master, byte slave, IReadOnlyList<string> mapFiles, IClock clock)
    {
        var fits = new List<MapFit>();
        foreach (string file in mapFiles)
        {
            if (Fit(master, slave, file, clock) is MapFit fit)
            {
                fits.Add(fit);
            }
        }

        return new DeviceFingerprint(SunSpec(master, slave), fits.OrderByDescending(f => f.Share).ThenByDescending(f => f.Informative).ToList());
    }

    private static int? SunSpec(ModbusMaster master, byte slave) => Core.SunSpec.SunSpecChain.FindBase(master, slave) is int at and >= 0 ? at : null;

    private static MapFit? Fit(ModbusMaster master, byte slave, string file, IClock clock)
    {
        RegisterMap? map = LoadFor(file, slave);
        if (map is null)
        {
            return null;
        }

        var options = new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 };
        var engine = new PollEngine(new MapSlot(map), [master], clock, options);
        engine.RunCycle();
        var json = new JsonWriter(16 * 1024, SampleWriter.Depth);
        SampleWriter.Write(engine.Sample(0), json);
        IReadOnlyDictionary<string, string> flagged = SampleRecord.ParseMessage(json.Buffer.AsSpan(0, json.Length), out _)?[0].Quality
            ?? new Dictionary<string, string>();

        var implausible = new List<string>();
        int informative = 0;
        for (int i = 0; i < map.Points.Length; i++)
        {
            PointDefinition point = map.Points[i];
            ValueQuality quality = engine.Values.Quality[i];
            string? path = point.Target >= 0 ? Core.Schema.TelemetrySchema.Field(point.Target).Path : null;
            if (quality != ValueQuality.Ok)
            {
                implausible.Add($"{point.Name} ({quality.ToString().ToLowerInvariant()})");
            }
            else if (path is not null && flagged.TryGetValue(path, out string? q) && q != "fresh")
            {
                implausible.Add($"{point.Name} ({q})");
            }
            else if (point.Type == RegisterType.String ? engine.Frame.ReadText(point).Length > 0 : engine.Values.Values[i] != 0)
            {
                informative++;
            }
        }

        return new MapFit(Path.GetFileName(file), map.Name, map.Points.Length - implausible.Count, informative, map.Points.Length, implausible);
    }

    /// <summary>The map with its devices at <paramref name="slave"/>: the ready maps name their vendor's default id.</summary>
    private static RegisterMap? LoadFor(string file, byte slave)
    {
        byte[]? text = MapAtSlave.Text(File.ReadAllText(file), slave);
        return text is null ? null : RegisterMapLoader.Load(text, 0, text.Length, out _);
    }
}
