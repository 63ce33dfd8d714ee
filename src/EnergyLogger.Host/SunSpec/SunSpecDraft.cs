using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Host.SunSpec;

/// <summary>
/// A register map made from the SunSpec chains a walk found (<see cref="SunSpecChain"/>): points for the models the
/// logger knows, in the integer + scale-factor and the floating-point variants, mapped to the universal schema with
/// SunSpec's signs, and an <c>expect</c> entry for the marker and every model's ID and L, so a device whose chain changes
/// publishes invalid values rather than numbers from the wrong registers (docs/register-map.md, "SunSpec devices").
/// Register offsets are those of the SunSpec Information Model Reference (sunspec/models, json/model_N.json): an offset
/// here counts from the model's first register after its header.
/// </summary>
internal static class SunSpecDraft
{
    private const string NotImplemented16 = "0x8000";
    private const string NotImplementedU16 = "0xFFFF";
    private const string NotImplemented32 = "0x80000000";
    private const int MaxExpect = 16;

    /// <summary>Models the draft has points for; the others are walked past and checked, not read.</summary>
    public static readonly int[] Known = [1, 101, 102, 103, 111, 112, 113, 120, 124, 160, 201, 202, 203, 204, 211, 212, 213, 214, 802];

    public static bool IsMeter(int id) => id is >= 201 and <= 204 or >= 211 and <= 214;

    /// <summary>The map text for these devices, unit by unit; the first device is the inverter unless only meters answer.</summary>
    public static string Build(IReadOnlyList<SunSpecDevice> devices, string name, string? timeZone = null)
    {
        bool meter = devices.Any(d => d.Models.Any(m => IsMeter(m.Id)));
        bool battery802 = devices.Any(d => d.Models.Any(m => m.Id == 802));
        var draft = new Draft(meter, battery802);
        foreach (SunSpecDevice device in devices)
        {
            draft.Add(device);
        }

        var map = new JsonObject
        {
            ["format"] = "energylogger-map/1",
            ["name"] = name,
            ["source"] = new JsonArray(
                "SunSpec Information Model Specification (marker, chain of models with ID and L)",
                "SunSpec Information Model Reference, sunspec/models json/model_1, 101-103, 111-113, 120, 124, 160, 201-204, 211-214, 802",
                "drafted by energylogger map sunspec from the device's own chain"),
            ["timeZone"] = timeZone is null ? null : JsonNode.Parse(timeZone),
            ["devices"] = draft.Devices,
            ["valueMaps"] = new JsonArray(
                new JsonObject { ["name"] = "sunspec_state", ["values"] = Texts("off", "sleeping", "starting", "mppt", "throttled", "shutting_down", "fault", "standby") },
                new JsonObject { ["name"] = "sunspec_charge", ["values"] = Texts("off", "empty", "discharging", "charging", "full", "holding", "testing") }),
            ["points"] = draft.Points,
            ["metadata"] = draft.Metadata,
            ["computed"] = draft.Computed,
        };
        if (timeZone is null)
        {
            map.Remove("timeZone");
        }

        return map.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Texts(params string[] texts)
    {
        var values = new JsonObject();
        for (int i = 0; i < texts.Length; i++)
        {
            values[(i + 1).ToString()] = texts[i];
        }

        return values;
    }

    private sealed class Draft(bool siteHasMeter, bool siteHas802)
    {
        private readonly HashSet<string> _targets = [];
        private string _device = "";
        private string _prefix = "";

        public JsonArray Devices { get; } = [];

        public JsonArray Points { get; } = [];

        public JsonArray Metadata { get; } = [];

        public JsonArray Computed { get; } = [];

        public void Add(SunSpecDevice device)
        {
            bool meterOnly = device.Models.All(m => m.Id == 1 || IsMeter(m.Id));
            _device = meterOnly ? "meter" + (Devices.Count == 0 ? "" : device.Unit.ToString()) : "inverter" + (Devices.Count == 0 ? "" : device.Unit.ToString());
            _prefix = Devices.Count == 0 ? "" : _device + "_";
            var expect = new JsonArray(new JsonObject { ["address"] = device.Base, ["values"] = new JsonArray("0x5375", "0x6E53") });
            foreach (SunSpecModel m in device.Models.Take(MaxExpect - 1))
            {
                expect.Add(new JsonObject { ["address"] = m.Address, ["values"] = new JsonArray(m.Id, m.Length) });
            }

            var entry = new JsonObject { ["id"] = _device, ["slave"] = device.Unit, ["expect"] = expect };
            if (meterOnly)
            {
                // SunSpec meters count power into the site (import) as positive (model 203, W).
                entry["signs"] = new JsonObject { ["grid"] = "import_positive" };
            }

            Devices.Add(entry);
            bool mppt = device.Models.Any(m => m.Id == SunSpecModels.Mppt);
            foreach (SunSpecModel m in device.Models)
            {
                AddModel(m, mppt);
            }
        }

        private void AddModel(SunSpecModel m, bool mppt)
        {
            int a = m.Data;
            switch (m.Id)
            {
                case SunSpecModels.Common:
                    Meta("manufacturer", a, 16);
                    Meta("model", a + 16, 16);
                    Meta("version", a + 40, 8);
                    Meta("serial_number", a + 48, 16);
                    break;
                case 101 or 102 or 103:
                    IntInverter(a, m.Id - 100, mppt);
                    break;
                case 111 or 112 or 113:
                    FloatInverter(a, m.Id - 110, mppt);
                    break;
                case 120:
                    Int("rated_power_w", a + 1, "uint16", a + 2, null, "slow", metadata: true);
                    break;
                case SunSpecModels.Mppt:
                    Mppt(m);
                    break;
                case SunSpecModels.Storage:
                    Int("soc", a + 6, "uint16", a + 20, siteHas802 ? null : "battery.soc", "normal");
                    Int("battery_v", a + 8, "uint16", a + 22, siteHas802 ? null : "battery.voltage", "normal");
                    Code("charge_state", a + 9, "sunspec_charge", null);
                    break;
                case 802:
                    Battery(a);
                    break;
                case 201 or 202 or 203 or 204:
                    IntMeter(a, m.Id == 201 ? 1 : m.Id == 202 ? 2 : 3);
                    break;
                case 211 or 212 or 213 or 214:
                    FloatMeter(a, m.Id == 211 ? 1 : m.Id == 212 ? 2 : 3);
                    break;
            }
        }

        /// <summary>Models 101-103: W, Hz, phase voltages, WH, DC values, temperatures, operating state.</summary>
        private void IntInverter(int a, int phases, bool mppt)
        {
            bool grid = !siteHasMeter;
            Int("ac_power", a + 12, "int16", a + 13, null, "fast");
            Int("ac_hz", a + 14, "uint16", a + 15, grid ? "grid.frequency" : null, "fast");
            for (int p = 0; p < phases; p++)
            {
                Int($"ac_l{p + 1}_v", a + 8 + p, "uint16", a + 11, grid ? $"grid.l{p + 1}.voltage" : null, "normal");
            }

            Energy("ac_energy", a + 22, "uint32", a + 24, "pv.energy_total", "pv.energy_today");
            Int("dc_w", a + 29, "int16", a + 30, "pv.power", "fast");
            if (!mppt)
            {
                Int("dc_a", a + 25, "uint16", a + 26, "pv.mppt1.current", "normal");
                Int("dc_v", a + 27, "uint16", a + 28, "pv.mppt1.voltage", "normal");
            }

            Int("temp_cabinet", a + 31, "int16", a + 35, "device.temperature", "normal");
            Int("temp_heatsink", a + 32, "int16", a + 35, "device.heatsink_temperature", "normal");
            Code("state", a + 36, "sunspec_state", "device.state");
        }

        /// <summary>Models 111-113: the same values as float32 pairs; a NaN is not-implemented.</summary>
        private void FloatInverter(int a, int phases, bool mppt)
        {
            bool grid = !siteHasMeter;
            Float("ac_power", a + 20, null, "fast");
            Float("ac_hz", a + 22, grid ? "grid.frequency" : null, "fast");
            for (int p = 0; p < phases; p++)
            {
                Float($"ac_l{p + 1}_v", a + 14 + (2 * p), grid ? $"grid.l{p + 1}.voltage" : null, "normal");
            }

            FloatEnergy("ac_energy", a + 30, "pv.energy_total", "pv.energy_today");
            Float("dc_w", a + 36, "pv.power", "fast");
            if (!mppt)
            {
                Float("dc_a", a + 32, "pv.mppt1.current", "normal");
                Float("dc_v", a + 34, "pv.mppt1.voltage", "normal");
            }

            Float("temp_cabinet", a + 38, "device.temperature", "normal");
            Float("temp_heatsink", a + 40, "device.heatsink_temperature", "normal");
            Code("state", a + 46, "sunspec_state", "device.state");
        }

        /// <summary>Model 160: N modules of 20 registers after 8 fixed ones (N from L), each MPPT's current, voltage and power.</summary>
        private void Mppt(SunSpecModel m)
        {
            int a = m.Data;
            int modules = Math.Min((m.Length - SunSpecModels.MpptFixedLength) / SunSpecModels.MpptModuleLength, TelemetrySchema.MaxMppts);
            for (int n = 1; n <= modules; n++)
            {
                int at = a + SunSpecModels.MpptFixedLength + ((n - 1) * SunSpecModels.MpptModuleLength);
                Int($"mppt{n}_a", at + 9, "uint16", a, $"pv.mppt{n}.current", "fast");
                Int($"mppt{n}_v", at + 10, "uint16", a + 1, $"pv.mppt{n}.voltage", "fast");
                Int($"mppt{n}_w", at + 11, "uint16", a + 2, $"pv.mppt{n}.power", "fast");
            }
        }

        /// <summary>Model 802, the battery base model: SoC, SoH, cycles, voltage, current and power.</summary>
        private void Battery(int a)
        {
            Int("soc", a + 9, "uint16", a + 54, "battery.soc", "normal");
            Int("soh", a + 11, "uint16", a + 56, "battery.soh", "slow");
            Add(Point("cycles", a + 12, "uint32", "battery.cycles", "slow", NotImplemented32));
            Int("battery_v", a + 32, "uint16", a + 57, "battery.voltage", "normal");
            Int("battery_a", a + 42, "int16", a + 59, "battery.current", "fast");
            Int("battery_w", a + 45, "int16", a + 61, "battery.power", "fast");
        }

        /// <summary>Models 201-204: currents, voltages, Hz, W in total and by phase, PF, and the energy counters.</summary>
        private void IntMeter(int a, int phases)
        {
            for (int p = 0; p < phases; p++)
            {
                Int($"l{p + 1}_a", a + 1 + p, "int16", a + 4, $"grid.l{p + 1}.current", "normal");
                Int($"l{p + 1}_v", a + 6 + p, "int16", a + 13, $"grid.l{p + 1}.voltage", "normal");
                Int($"l{p + 1}_w", a + 17 + p, "int16", a + 20, $"grid.l{p + 1}.power", "fast");
            }

            Int("hz", a + 14, "int16", a + 15, "grid.frequency", "fast");
            Int("w", a + 16, "int16", a + 20, "grid.power", "fast");
            Int("pf", a + 31, "int16", a + 35, "grid.power_factor", "normal", 0.01);
            Energy("export_energy", a + 36, "uint32", a + 52, "grid.export_energy_total", "grid.export_energy_today");
            Energy("import_energy", a + 44, "uint32", a + 52, "grid.import_energy_total", "grid.import_energy_today");
        }

        /// <summary>Models 211-214: the same values as float32 pairs.</summary>
        private void FloatMeter(int a, int phases)
        {
            for (int p = 0; p < phases; p++)
            {
                Float($"l{p + 1}_a", a + 2 + (2 * p), $"grid.l{p + 1}.current", "normal");
                Float($"l{p + 1}_v", a + 10 + (2 * p), $"grid.l{p + 1}.voltage", "normal");
                Float($"l{p + 1}_w", a + 28 + (2 * p), $"grid.l{p + 1}.power", "fast");
            }

            Float("hz", a + 24, "grid.frequency", "fast");
            Float("w", a + 26, "grid.power", "fast");
            Float("pf", a + 50, "grid.power_factor", "normal", 0.01);
            FloatEnergy("export_energy", a + 58, "grid.export_energy_total", "grid.export_energy_today");
            FloatEnergy("import_energy", a + 66, "grid.import_energy_total", "grid.import_energy_today");
        }

        private void Meta(string name, int address, int count) =>
            Metadata.Add(new JsonObject { ["name"] = _prefix + name, ["device"] = _device, ["address"] = address, ["type"] = "string", ["count"] = count });

        /// <summary>An integer with its scale factor (one per address, shared by the values that name it), in one poll class with it.</summary>
        private void Int(string name, int address, string type, int sfAddress, string? target, string poll, double scale = 1, bool metadata = false)
        {
            string sf = ScaleFactor(sfAddress, poll, metadata);
            JsonObject point = Point(name, address, type, target, poll, type == "int16" ? NotImplemented16 : NotImplementedU16);
            point["scaleFactor"] = sf;
            if (scale != 1)
            {
                point["scale"] = scale;
            }

            if (metadata)
            {
                point.Remove("poll");
                Metadata.Add(point);
                return;
            }

            Add(point);
        }

        private void Float(string name, int address, string? target, string poll, double scale = 1)
        {
            JsonObject point = Point(name, address, "float32", target, poll, null);
            if (scale != 1)
            {
                point["scale"] = scale;
            }

            Add(point);
        }

        /// <summary>A lifetime counter in Wh as kWh, and today's part of it from the counter (SunSpec has no daily register).</summary>
        private void Energy(string name, int address, string type, int sfAddress, string total, string today)
        {
            Int(name, address, type, sfAddress, total, "slow", 0.001);
            Daily(name, today);
        }

        private void FloatEnergy(string name, int address, string total, string today)
        {
            Float(name, address, total, "slow", 0.001);
            Daily(name, today);
        }

        private void Daily(string name, string today)
        {
            var daily = new JsonObject { ["name"] = _prefix + name + "_today", ["op"] = "daily", ["a"] = _prefix + name };
            if (Claim(today))
            {
                daily["target"] = today;
            }

            Computed.Add(daily);
        }

        private void Code(string name, int address, string valueMap, string? target)
        {
            JsonObject point = Point(name, address, "uint16", target, "normal", NotImplementedU16);
            point["valueMap"] = valueMap;
            Add(point);
        }

        /// <summary>
        /// Every point of a SunSpec device is read every cycle with the fast class: a model is then read whole, in as few
        /// requests as the planner makes of it, so each value is decoded with the scale factor read in its own cycle.
        /// </summary>
        private JsonObject Point(string name, int address, string type, string? target, string poll, string? sentinel)
        {
            _ = poll;
            var point = new JsonObject { ["name"] = _prefix + name, ["device"] = _device, ["address"] = address, ["type"] = type, ["poll"] = "fast" };
            if (sentinel != null)
            {
                point["sentinels"] = new JsonArray(sentinel);
            }

            if (target != null && Claim(target))
            {
                point["target"] = target;
            }

            return point;
        }

        private void Add(JsonObject point) => Points.Add(point);

        /// <summary>The scale factor at <paramref name="address"/>: one helper point per address, shared by the values that name it.</summary>
        private string ScaleFactor(int address, string poll, bool metadata)
        {
            string name = $"{_prefix}sf_{address}";
            JsonArray list = metadata ? Metadata : Points;
            if (!list.OfType<JsonObject>().Any(p => p["name"]!.GetValue<string>() == name))
            {
                var sf = new JsonObject { ["name"] = name, ["device"] = _device, ["address"] = address, ["type"] = "int16" };
                if (!metadata)
                {
                    sf["poll"] = "fast";
                }

                list.Add(sf);
            }

            _ = poll;
            return name;
        }

        /// <summary>A schema field is fed once per sample: the first model that offers it takes it.</summary>
        private bool Claim(string target) => _targets.Add(target);
    }
}
