using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Host.Samples;

namespace EnergyLogger.Host.Readings;

/// <summary>
/// Reads a map's points by name exactly as the logger publishes them: one cycle of the logger's own poll engine
/// (every poll class), its decoder and mapper and sample writer, then each point's value taken from the sample:
/// the schema field it feeds (sign convention applied, value map text beside it) or <c>ext.NAME</c>; a metadata
/// point as the metadata message carries it (text or number). A value the logger would not publish as good shows
/// its quality (stale, sentinel, out_of_range, ...) and no number.
/// </summary>
internal sealed class PointReader
{
    private readonly RegisterMap _map;
    private readonly PollEngine _engine;
    private readonly JsonWriter _json = new(16 * 1024, SampleWriter.Depth);

    public PointReader(RegisterMap map, ModbusMaster master, IClock clock)
    {
        _map = map;
        var options = new PollOptions { FastIntervalMs = 0, NormalIntervalMs = 0, SlowIntervalMs = 0, CycleBudgetMs = 0 };
        _engine = new PollEngine(new MapSlot(map), [master], clock, options);
    }

    /// <summary>The points of <paramref name="names"/> (all when null), in the map's order; null with the unknown name otherwise.</summary>
    public static int[]? Select(RegisterMap map, IReadOnlyList<string>? names, out string? unknown)
    {
        unknown = names?.FirstOrDefault(n => map.IndexOfPoint(n) < 0);
        if (unknown is not null)
        {
            return null;
        }

        return Enumerable.Range(0, map.Points.Length).Where(i => names is null || names.Contains(map.Points[i].Name)).ToArray();
    }

    /// <summary>One cycle; the readings of <paramref name="points"/>, and the number of failed requests.</summary>
    public List<Reading> Read(int[] points, out int errors)
    {
        _engine.RunCycle();
        errors = _engine.Stats.Errors;
        var readings = new List<Reading>();
        for (int g = 0; g < _engine.SampleCount; g++)
        {
            _json.Reset();
            SampleWriter.Write(_engine.Sample(g), _json);
            SampleRecord sample = SampleRecord.ParseMessage(_json.Buffer.AsSpan(0, _json.Length), out _)![0];
            foreach (int i in points)
            {
                PointDefinition p = _map.Points[i];
                if (_map.Devices[p.Device].EndpointGroup == g)
                {
                    readings.Add(p.IsMetadata ? Metadata(i, p) : Published(p, sample));
                }
            }
        }

        return readings;
    }

    private Reading Published(PointDefinition p, SampleRecord sample)
    {
        string path = p.Target >= 0 ? TelemetrySchema.Field(p.Target).Path : "ext." + p.Name;
        string unit = p.Target >= 0 ? TelemetrySchema.Field(p.Target).Unit ?? "" : p.Unit ?? "";
        string address = Reading.AddressText(p.Function, p.Address);
        if (sample.Quality.TryGetValue(path, out string? quality) && quality != "fresh")
        {
            return new Reading(p.Name, address, "", unit, quality);
        }

        string value = sample.Text(path) ?? "";
        if (sample.Text(path + "_text") is { Length: > 0 } text)
        {
            value += $" ({text})";
        }

        return new Reading(p.Name, address, value, unit, value.Length == 0 ? "not published" : Reading.Good);
    }

    private Reading Metadata(int i, PointDefinition p)
    {
        string address = Reading.AddressText(p.Function, p.Address);
        ValueQuality quality = _engine.Values.Quality[i];
        if (quality != ValueQuality.Ok)
        {
            return new Reading(p.Name, address, "", p.Unit ?? "", QualityText(quality));
        }

        string value = p.Type == RegisterType.String ? _engine.Frame.ReadText(p) : JsonNumberFormat.Text(_engine.Values.Values[i]);
        if (p.ValueMap >= 0 && _map.ValueMaps[p.ValueMap].Lookup((long)_engine.Values.Values[i]) is string mapped)
        {
            value += $" ({mapped})";
        }

        return new Reading(p.Name, address, value, p.Unit ?? "", Reading.Good);
    }

    /// <summary>The schema's words for a quality (docs/telemetry-schema.md, "Quality").</summary>
    private static string QualityText(ValueQuality quality) => quality switch
    {
        ValueQuality.Stale => "stale",
        ValueQuality.Unsupported => "unsupported",
        ValueQuality.Torn => "torn",
        ValueQuality.Sentinel => "sentinel",
        ValueQuality.Invalid => "invalid",
        ValueQuality.OutOfRange => "out_of_range",
        _ => "not good",
    };
}
