using System.Globalization;
using System.Text;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// A full register map at the datasheet's limits: 255 telemetry points and 20 computed fields. Every schema
/// field is fed (by a point, or by a computed sum where the schema has a total), the other points are
/// published under "ext", and the types cover what real maps use: scaled 16-bit values, 32-bit counters
/// in both word orders, float32, 64-bit fault words, bits, masks and sentinels. Registers are laid out one
/// after another from address 0; <see cref="Registers"/> holds values that decode as good readings.
/// </summary>
internal static class SyntheticMap
{
    public const int Points = 255;

    private static readonly string[] Totals = ["pv.power", "grid.power", "load.power", "battery.power"];

    private static readonly string[] ExtShapes =
    [
        "\"type\":\"uint16\"",
        "\"type\":\"int16\",\"scale\":0.1",
        "\"type\":\"uint32\",\"wordOrder\":\"CDAB\",\"scale\":0.1",
        "\"type\":\"int32\"",
        "\"type\":\"float32\"",
        "\"type\":\"uint16\",\"mask\":\"0x0F00\"",
        "\"type\":\"bool\",\"bit\":3",
        "\"type\":\"int16\",\"sentinels\":[\"0x8000\",\"0x7FFF\"]",
        "\"type\":\"uint64\",\"wordOrder\":\"CDAB\"",
        "\"type\":\"uint8_high\"",
    ];

    /// <summary>The map text and the register image its points read.</summary>
    public static (string Json, ushort[] Registers) Build()
    {
        var points = new List<string>();
        var image = new List<ushort>();
        for (int f = 0; f < TelemetrySchema.FieldCount && points.Count < Points; f++)
        {
            SchemaField field = TelemetrySchema.Field(f);
            if (!Totals.Contains(field.Path))
            {
                points.Add(Point(points.Count, image, ShapeOf(field), field.Path));
            }
        }

        while (points.Count < Points)
        {
            points.Add(Point(points.Count, image, ExtShapes[points.Count % ExtShapes.Length], null));
        }

        var json = new StringBuilder();
        json.Append("{\"format\":\"energylogger-map/1\",\"name\":\"synthetic 255-point map\",");
        json.Append("\"devices\":[{\"id\":\"inverter\",\"slave\":1,\"signs\":{\"grid\":\"import_positive\",\"battery\":\"discharge_positive\"}}],");
        json.Append("\"valueMaps\":[{\"name\":\"state\",\"values\":{\"0\":\"standby\",\"90\":\"normal\"}},");
        json.Append("{\"name\":\"faults\",\"bits\":{\"1\":\"fan\",\"3\":\"grid\",\"4\":\"meter\",\"6\":\"over-temperature\"}}],");
        json.Append("\"points\":[").AppendJoin(",", points).Append("],");
        json.Append("\"computed\":[").AppendJoin(",", Computed()).Append("]}");
        return (json.ToString(), [.. image]);
    }

    /// <summary>Sums that chain (the twelve MPPT powers into pv.power), a product, and a few ext values: 20 in all.</summary>
    private static List<string> Computed()
    {
        var computed = new List<string>();
        string previous = Name("pv.mppt1.power");
        for (int n = 2; n <= TelemetrySchema.MaxMppts; n++)
        {
            string name = n == TelemetrySchema.MaxMppts ? "pv_total" : $"pv_sum{n}";
            computed.Add(Field(name, "add", previous, Name($"pv.mppt{n}.power"), n == TelemetrySchema.MaxMppts ? "pv.power" : null));
            previous = name;
        }

        computed.Add(Field("grid_sum2", "add", Name("grid.l1.power"), Name("grid.l2.power"), null));
        computed.Add(Field("grid_total", "add", "grid_sum2", Name("grid.l3.power"), "grid.power"));
        computed.Add(Field("load_sum2", "add", Name("load.l1.power"), Name("load.l2.power"), null));
        computed.Add(Field("load_total", "add", "load_sum2", Name("load.l3.power"), "load.power"));
        computed.Add(Field("battery_flow", "multiply", Name("battery.voltage"), Name("battery.current"), "battery.power"));
        computed.Add(Field("pv_minus_load", "subtract", "pv_total", "load_total", null));
        computed.Add(Field("export_share", "multiply", "pv_minus_load", "0.5", null));
        computed.Add(Field("import_view", "negate", "grid_total", null, null));
        computed.Add(Field("ext_offset", "add", "p100", "1000", null));
        return computed;
    }

    private static string Field(string name, string op, string a, string? b, string? target)
    {
        string operands = Source("a", a) + (b is null ? "" : "," + Source("b", b));
        return $"{{\"name\":\"{name}\",\"op\":\"{op}\",{operands}" + (target is null ? "}" : $",\"target\":\"{target}\"}}");
    }

    private static string Source(string member, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? $"\"{member}\":{value}" : $"\"{member}\":\"{value}\"";

    /// <summary>Point names are p0..p254; schema-fed points are named after their field so computed fields can refer to them.</summary>
    private static string Name(string path) => path.Replace('.', '_');

    private static string ShapeOf(SchemaField field) => field.Kind switch
    {
        FieldKind.EnergyTotal or FieldKind.EnergyDaily => "\"type\":\"uint32\",\"wordOrder\":\"CDAB\",\"scale\":0.1",
        FieldKind.Bool => "\"type\":\"bool\",\"bit\":3",
        FieldKind.Code when field.Leaf is "state" or "work_mode" => "\"type\":\"uint16\",\"valueMap\":\"state\"",
        FieldKind.Code => "\"type\":\"uint32\",\"valueMap\":\"faults\"",
        _ when field.Path == "grid.power_factor" => "\"type\":\"int16\",\"scale\":0.001",
        _ when field.Unit == TelemetrySchema.Volt => "\"type\":\"uint16\",\"scale\":0.1",
        _ when field.Unit == TelemetrySchema.Ampere => "\"type\":\"int16\",\"scale\":0.01",
        _ when field.Unit == TelemetrySchema.Hertz => "\"type\":\"uint16\",\"scale\":0.01",
        _ when field.Unit == TelemetrySchema.Celsius => "\"type\":\"int16\",\"scale\":0.1,\"offset\":-100",
        _ when field.Unit == TelemetrySchema.Watt => "\"type\":\"float32\"",
        _ => "\"type\":\"uint16\"",
    };

    private static string Point(int index, List<ushort> image, string shape, string? target)
    {
        string name = target is null ? $"p{index}" : Name(target);
        int address = image.Count;
        image.AddRange(Words(shape));
        string poll = (index % 4) switch { 0 => "fast", 1 => "normal", _ => "slow" };
        return $"{{\"name\":\"{name}\",\"address\":{address},{shape},\"poll\":\"{poll}\"" + (target is null ? "}" : $",\"target\":\"{target}\"}}");
    }

    /// <summary>Registers that decode as a good reading of the shape: 90 in 16 bits, 123456 in 32, 230.5 as a float.</summary>
    private static ushort[] Words(string shape) =>
        shape.Contains("float32") ? [0x4366, 0x8000]
        : shape.Contains("uint64") ? [0x0002, 0x0000, 0x0000, 0x0000]
        : shape.Contains("CDAB") ? [0xE240, 0x0001]
        : shape.Contains("32") ? [0x0001, 0xE240]
        : shape.Contains("mask") ? [0x0203]
        : shape.Contains("bit") ? [0x0008]
        : [90];
}
