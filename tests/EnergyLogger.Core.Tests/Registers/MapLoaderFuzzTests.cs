using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using Xunit;

namespace EnergyLogger.Core.Tests.Registers;

/// <summary>
/// Seeded fuzz loops over the map loader and, for every map it accepts, the decoder, mapper and writer
/// (RELIABILITY "Fuzzing", C6). Inputs: random maps from a grammar that mixes valid and invalid values
/// (wrong types, limits, cycles between computed fields) and byte mutations of a valid map. Only
/// documented errors may come out, never an exception; accepted maps keep every limit.
/// </summary>
public class MapLoaderFuzzTests
{
    private static readonly string[] PointNames = { "a", "b", "c", "sf", "x", "Bad" };
    private static readonly string[] ComputedNames = { "x", "y", "z", "w" };
    private static readonly string[] Types = { "uint16", "int16", "uint32", "int32", "float32", "uint64", "int64", "string", "bool", "uint8_low", "uint8_high", "int17" };
    private static readonly string[] Targets = { "grid.power", "battery.power", "battery.soc", "pv.energy_total", "device.state", "generator.connected", "pv.mppt12.current", "nope" };
    private static readonly string[] Ops = { "add", "subtract", "multiply", "negate", "divide" };
    private const string Noise = " {}[],:\"0123456789-.etfnxz\\";
    private static readonly string[] CleanTypes = { "uint16", "int16", "uint32", "int32", "float32", "uint64", "int64" };
    private static readonly string[] CleanTargets = { "grid.power", "battery.power", "battery.current", "battery.soc", "pv.energy_total", "pv.energy_today", "grid.l2.power", "load.power" };
    private static readonly string[] CleanMembers = { "\"scale\":0.1", "\"offset\":-100", "\"wordOrder\":\"CDAB\"", "\"sentinels\":[\"0x8000\",65535]", "\"validMin\":0", "\"validMax\":100", "\"poll\":\"fast\"" };
    private static readonly string[] AnyValues = { "1", "-1", "0", "65535", "70000", "0.1", "\"x\"", "true", "null", "[]", "{}", "\"0xFFFF\"", "1e400" };

    [Fact]
    public void C6_Load_GrammarFuzz_OnlyDocumentedOutcomes()
    {
        var random = new Random(424242);
        var codes = new HashSet<MapErrorCode>();
        int accepted = 0;
        for (int i = 0; i < 4000; i++)
        {
            string json = RandomMap(random);
            RegisterMap? map = LoadChecked(json, codes);
            if (map != null)
            {
                accepted++;
                RunCycles(map, random);
            }
        }

        Assert.InRange(accepted, 1500, 3900);
        Assert.Contains(MapErrorCode.Cycle, codes);
        Assert.Contains(MapErrorCode.TooMany, codes);
        Assert.True(codes.Count >= 12, string.Join(",", codes));
    }

    [Fact]
    public void C6_Load_ByteMutations_OnlyDocumentedOutcomes()
    {
        var random = new Random(99);
        var codes = new HashSet<MapErrorCode>();
        byte[] seed = Encoding.UTF8.GetBytes(File.ReadAllText(MapFiles.Path("deye-sg04lp3.json")));
        for (int i = 0; i < 1500; i++)
        {
            byte[] bytes = (byte[])seed.Clone();
            for (int e = random.Next(1, 4); e > 0; e--)
            {
                bytes[random.Next(bytes.Length)] = (byte)Noise[random.Next(Noise.Length)];
            }

            RegisterMap? map = LoadChecked(Encoding.UTF8.GetString(bytes), codes);
            if (map != null)
            {
                RunCycles(map, random);
            }
        }

        Assert.Contains(MapErrorCode.Json, codes);
    }

    private static RegisterMap? LoadChecked(string json, HashSet<MapErrorCode> codes)
    {
        RegisterMap? map = RegisterMapLoader.Load(json, out MapError? error);

        Assert.True((map == null) != (error == null));
        if (error != null)
        {
            Assert.True(Enum.IsDefined(error.Code));
            Assert.False(string.IsNullOrEmpty(error.Reason));
            Assert.Equal(error.Path.Length == 0 ? error.Reason : error.Path + ": " + error.Reason, error.Message);
            Assert.InRange(error.Position, -1, Encoding.UTF8.GetByteCount(json));
            codes.Add(error.Code);
            return null;
        }

        CheckInvariants(map!);
        return map;
    }

    private static void CheckInvariants(RegisterMap map)
    {
        Assert.InRange(map.TelemetryCount, 0, MapLimits.MaxPoints);
        Assert.InRange(map.MetadataCount, 0, MapLimits.MaxMetadata);
        Assert.InRange(map.Computed.Length, 0, MapLimits.MaxComputed);
        Assert.Equal(map.Points.Sum(p => p.Count), map.WordCount);
        foreach (ComputedField c in map.Computed)
        {
            // Evaluation order: every source is a point or an earlier computed field.
            foreach (Operand? o in new[] { c.A, c.B })
            {
                Assert.True(o == null || o.Kind == OperandKind.Constant || o.ValueIndex < c.ValueIndex);
            }
        }

        var targets = new HashSet<(int, int)>();
        foreach (PointDefinition p in map.Points.Where(p => p.Target >= 0))
        {
            Assert.True(targets.Add((map.Devices[p.Device].EndpointGroup, p.Target)));
        }

        foreach (ComputedField c in map.Computed.Where(c => c.Target >= 0))
        {
            Assert.True(targets.Add((map.Devices[c.Device].EndpointGroup, c.Target)));
        }
    }

    /// <summary>Random registers through decode, map and write: a valid document, never a NaN.</summary>
    private static void RunCycles(RegisterMap map, Random random)
    {
        var frame = new RegisterFrame(map);
        var values = new DecodedValues(map);
        var mapper = new TelemetryMapper(map, 0);
        Sample sample = mapper.CreateSample();
        var writer = new JsonWriter(65536, SampleWriter.Depth);
        var doc = new JsonDocument();
        for (int cycle = 0; cycle < 3; cycle++)
        {
            foreach (PointDefinition p in map.Points)
            {
                var words = new ushort[p.Count];
                for (int w = 0; w < words.Length; w++)
                {
                    words[w] = (ushort)(random.Next(4) == 0 ? 0xFFFF : random.Next(65536));
                }

                if (random.Next(8) == 0)
                {
                    frame.MarkPoint(p.Index, random.Next(2) == 0 ? ReadState.Unsupported : ReadState.Failed);
                }
                else
                {
                    frame.Deliver(p.Device, p.Function, p.Address, words, 0, words.Length);
                }
            }

            PointDecoder.DecodeCycle(frame, values);
            mapper.Map(values, cycle * 10000L, 0, false, sample);
            Assert.True(SampleWriter.Write(sample, writer));
            string json = writer.Text();
            Assert.Equal(JsonStatus.Ok, doc.Parse(json, new JsonLimits { MaxBytes = 65536 }));
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("null", json);
        }
    }

    private static string RandomMap(Random r)
    {
        int mode = r.Next(4);
        return mode < 2 ? CleanMap(r, cyclic: mode == 1) : NoisyMap(r);
    }

    /// <summary>
    /// Valid by construction, so that decode, mapping and writing see many different maps; with
    /// <paramref name="cyclic"/> computed fields may name any computed field, so some maps form cycles.
    /// </summary>
    private static string CleanMap(Random r, bool cyclic)
    {
        int points = r.Next(1, 9);
        var targets = CleanTargets.OrderBy(_ => r.Next()).ToArray();
        var sb = new StringBuilder("{\"format\":\"energylogger-map/1\",\"name\":\"clean\",\"devices\":[{\"id\":\"d\",\"slave\":1");
        sb.Append(r.Next(2) == 0 ? ",\"signs\":{\"grid\":\"import_positive\",\"battery\":\"discharge_positive\"}}]" : "}]");
        sb.Append(",\"points\":[");
        for (int i = 0; i < points; i++)
        {
            var members = new SortedSet<string>(Enumerable.Range(0, r.Next(0, 4)).Select(_ => CleanMembers[r.Next(CleanMembers.Length)]));
            string target = i < targets.Length && r.Next(3) > 0 ? ",\"target\":\"" + targets[i] + "\"" : string.Empty;
            sb.Append(i == 0 ? "" : ",").Append("{\"name\":\"p" + i + "\",\"address\":" + (4 * i) + ",\"type\":\"" + CleanTypes[r.Next(CleanTypes.Length)] + "\"");
            sb.Append(members.Count > 0 ? "," + string.Join(",", members) : string.Empty).Append(target).Append('}');
        }

        sb.Append("],\"computed\":[");
        int computed = r.Next(0, 5);
        for (int i = 0; i < computed; i++)
        {
            string Source() => r.Next(3) switch
            {
                0 => "\"p" + r.Next(points) + "\"",
                1 when cyclic => "\"c" + r.Next(computed) + "\"",
                1 when i > 0 => "\"c" + r.Next(i) + "\"",
                _ => r.Next(-5, 5).ToString(),
            };
            string op = Ops[r.Next(4)];
            sb.Append(i == 0 ? "" : ",").Append("{\"name\":\"c" + i + "\",\"op\":\"" + op + "\",\"a\":" + Source());
            sb.Append(op == "negate" ? "}" : ",\"b\":" + Source() + "}");
        }

        return sb.Append("]}").ToString();
    }

    private static string NoisyMap(Random r)
    {
        var sb = new StringBuilder("{\"format\":\"energylogger-map/1\",\"name\":\"fuzz\",\"devices\":");
        int devices = r.Next(20) == 0 ? r.Next(0, 10) : r.Next(1, 3);
        sb.Append('[').AppendJoin(",", Enumerable.Range(1, devices).Select(i => RandomDevice(r, i))).Append(']');
        if (r.Next(2) == 0)
        {
            sb.Append(",\"valueMaps\":[{\"name\":\"m\",\"" + (r.Next(2) == 0 ? "values" : "bits") + "\":{\"0\":\"zero\",\"3\":\"three\"}}]");
        }

        int points = r.Next(40) == 0 ? 256 : r.Next(0, 7);
        sb.Append(",\"points\":[").AppendJoin(",", Enumerable.Range(0, points).Select(i => RandomPoint(r, i, points > 8))).Append(']');
        if (r.Next(3) == 0)
        {
            sb.Append(",\"metadata\":[{\"name\":\"serial\",\"address\":3,\"type\":\"string\",\"count\":" + r.Next(0, 34) + "}]");
        }

        int computed = r.Next(40) == 0 ? 21 : r.Next(0, 5);
        sb.Append(",\"computed\":[").AppendJoin(",", Enumerable.Range(0, computed).Select(i => RandomComputed(r, i, computed > 4))).Append("]}");
        return sb.ToString();
    }

    private static string RandomDevice(Random r, int i)
    {
        string d = "{\"id\":\"d" + i + "\",\"slave\":" + (r.Next(30) == 0 ? "0" : i.ToString());
        if (r.Next(4) == 0)
        {
            d += ",\"signs\":{\"grid\":\"import_positive\",\"battery\":\"discharge_positive\"}";
        }

        if (r.Next(6) == 0)
        {
            d += ",\"maxRegisters\":" + AnyValues[r.Next(AnyValues.Length)];
        }

        if (r.Next(5) == 0)
        {
            d += ",\"endpoint\":\"e" + r.Next(2) + "\"";
        }

        return d + "}";
    }

    private static string RandomPoint(Random r, int i, bool many)
    {
        string name = many ? "p" + i : PointNames[r.Next(PointNames.Length)];
        var members = new List<string> { "\"name\":\"" + name + "\"", "\"address\":" + (r.Next(15) == 0 ? AnyValues[r.Next(AnyValues.Length)] : (10 * i).ToString()) };
        if (many)
        {
            return "{" + string.Join(",", members) + "}";
        }

        string type = Types[r.Next(Types.Length)];
        members.Add("\"type\":\"" + type + "\"");
        if (type == "string" || r.Next(10) == 0)
        {
            members.Add("\"count\":" + r.Next(0, 4));
        }

        AddSome(r, members, new[]
        {
            "\"scale\":0.1", "\"offset\":-100", "\"wordOrder\":\"CDAB\"", "\"sentinels\":[\"0x8000\",65535]", "\"bit\":3", "\"mask\":\"0x0F00\"",
            "\"scaleFactor\":\"sf\"", "\"valueMap\":\"m\"", "\"writable\":true", "\"writeMin\":0", "\"writeMax\":10", "\"validMin\":0",
            "\"validMax\":100", "\"poll\":\"fast\"", "\"function\":\"input\"", "\"function\":\"coil\"", "\"device\":\"d2\"", "\"unit\":\"W\"",
            "\"target\":\"" + Targets[r.Next(Targets.Length)] + "\"", "\"scale\":" + AnyValues[r.Next(AnyValues.Length)],
        });
        return "{" + string.Join(",", members) + "}";
    }

    private static string RandomComputed(Random r, int i, bool many)
    {
        string Source() => r.Next(4) switch
        {
            0 => PointNames[r.Next(PointNames.Length)],
            1 => ComputedNames[r.Next(ComputedNames.Length)],
            2 => "c" + r.Next(21),
            _ => null!,
        } is { } n ? "\"" + n + "\"" : AnyValues[r.Next(AnyValues.Length)];

        string name = many ? "c" + i : ComputedNames[r.Next(ComputedNames.Length)];
        var members = new List<string> { "\"name\":\"" + name + "\"", "\"op\":\"" + Ops[r.Next(Ops.Length)] + "\"", "\"a\":" + Source() };
        AddSome(r, members, new[] { "\"b\":" + Source(), "\"b\":" + Source(), "\"target\":\"" + Targets[r.Next(Targets.Length)] + "\"", "\"validMax\":1000" });
        return "{" + string.Join(",", members) + "}";
    }

    private static void AddSome(Random r, List<string> members, string[] menu)
    {
        for (int k = r.Next(0, 4); k > 0; k--)
        {
            members.Add(menu[r.Next(menu.Length)]);
        }
    }
}
