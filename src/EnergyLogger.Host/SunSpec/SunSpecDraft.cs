using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Schema;
using S = EnergyLogger.Core.Local.SunSpecModels;

namespace EnergyLogger.Host.SunSpec;

/// <summary>
/// A register map made from the SunSpec chains a walk found (<see cref="SunSpecChain"/>): points for the models the
/// logger knows, in the integer + scale-factor and the floating-point variants, mapped to the universal schema with
/// SunSpec's signs, and an <c>expect</c> entry for the marker and every model's ID and L, so a device whose chain changes
/// publishes invalid values rather than numbers from the wrong registers (docs/register-map.md, "SunSpec devices").
/// Register offsets are those of the SunSpec Information Model Reference (sunspec/models, json/model_N.json), from the one
/// table the logger's own SunSpec server writes by (<see cref="SunSpecModels"/>).
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
    public static string Build(IReadOnlyList<SunSpecDevice> devices, string name, string? timeZone = null, JsonObject? overrides = null)
    {
        bool meter = devices.Any(d => d.Models.Any(m => IsMeter(m.Id)));
        bool battery802 = devices.Any(d => d.Models.Any(m => m.Id == S.Battery));
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

        if (overrides is not null)
        {
            Override(map, overrides);
        }

        return map.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>An override file's text as the object <see cref="Override"/> takes, or null with <paramref name="problem"/>.</summary>
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

    /// <summary>The members an override file may hold: lists whose entries are matched by name (devices by id).</summary>
    public static readonly string[] OverrideMembers = ["devices", "valueMaps", "points", "metadata", "computed"];

    /// <summary>
    /// A map's own additions and corrections on top of the draft (a vendor that uses model 160's modules for its battery):
    /// an entry with the name of a drafted one replaces it, a device entry with a drafted id adds or replaces its members,
    /// any other entry is added. The loader then checks the result as it checks any map.
    /// </summary>
    public static void Override(JsonObject map, JsonObject overrides)
    {
        foreach ((string member, JsonNode? value) in overrides)
        {
            if (!OverrideMembers.Contains(member) || value is not JsonArray entries)
            {
                throw new ArgumentException($"{member}: an override holds only the lists {string.Join(", ", OverrideMembers)}");
            }

            string key = member == "devices" ? "id" : "name";
            var list = (JsonArray)map[member]!;
            foreach (JsonNode? entry in entries)
            {
                if (entry is not JsonObject added || added[key]?.GetValueKind() != JsonValueKind.String)
                {
                    throw new ArgumentException($"{member}: each entry is an object with its {key}");
                }

                string id = added[key]!.GetValue<string>();
                var copy = (JsonObject)added.DeepClone();
                if (list.OfType<JsonObject>().FirstOrDefault(e => e[key]?.GetValue<string>() == id) is not JsonObject drafted)
                {
                    list.Add(copy);
                }
                else if (member == "devices")
                {
                    foreach ((string name, JsonNode? node) in copy.ToList())
                    {
                        copy.Remove(name);
                        drafted[name] = node;
                    }
                }
                else
                {
                    list[list.IndexOf(drafted)] = copy;
                }
            }
        }
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
                    Meta("manufacturer", a + S.CommonManufacturer, 16);
                    Meta("model", a + S.CommonModel, 16);
                    Meta("version", a + S.CommonVersion, 8);
                    Meta("serial_number", a + S.CommonSerial, 16);
                    break;
                case 101 or 102 or 103:
                    IntInverter(a, m.Id - 100, mppt);
                    break;
                case 111 or 112 or 113:
                    FloatInverter(a, m.Id - 110, mppt);
                    break;
                case 120:
                    Int("rated_power_w", a + S.NameplateRatedPower, "uint16", a + S.NameplateRatedPowerSf, null, "slow", metadata: true);
                    break;
                case SunSpecModels.Mppt:
                    Mppt(m);
                    break;
                case SunSpecModels.Storage:
                    Int("soc", a + S.StorageSoc, "uint16", a + S.StorageSocSf, siteHas802 ? null : "battery.soc", "normal");
                    Int("battery_v", a + S.StorageBatteryVoltage, "uint16", a + S.StorageBatteryVoltageSf, siteHas802 ? null : "battery.voltage", "normal");
                    Code("charge_state", a + S.StorageChargeStatus, "sunspec_charge", null);
                    break;
                case S.Battery:
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
            Int("ac_power", a + S.InverterPower, "int16", a + S.InverterPowerSf, null, "fast");
            Int("ac_hz", a + S.InverterFrequency, "uint16", a + S.InverterFrequencySf, grid ? "grid.frequency" : null, "fast");
            for (int p = 0; p < phases; p++)
            {
                Int($"ac_l{p + 1}_v", a + S.InverterPhaseVoltage + p, "uint16", a + S.InverterVoltageSf, grid ? $"grid.l{p + 1}.voltage" : null, "normal");
            }

            Energy("ac_energy", a + S.InverterEnergy, "uint32", a + S.InverterEnergySf, "pv.energy_total", "pv.energy_today");
            Int("dc_w", a + S.InverterDcPower, "int16", a + S.InverterDcPowerSf, "pv.power", "fast");
            if (!mppt)
            {
                Int("dc_a", a + S.InverterDcCurrent, "uint16", a + S.InverterDcCurrentSf, "pv.mppt1.current", "normal");
                Int("dc_v", a + S.InverterDcVoltage, "uint16", a + S.InverterDcVoltageSf, "pv.mppt1.voltage", "normal");
            }

            Int("temp_cabinet", a + S.InverterCabinetTemperature, "int16", a + S.InverterTemperatureSf, "device.temperature", "normal");
            Int("temp_heatsink", a + S.InverterHeatsinkTemperature, "int16", a + S.InverterTemperatureSf, "device.heatsink_temperature", "normal");
            Code("state", a + S.InverterState, "sunspec_state", "device.state");
        }

        /// <summary>Models 111-113: the same values as float32 pairs; a NaN is not-implemented.</summary>
        private void FloatInverter(int a, int phases, bool mppt)
        {
            bool grid = !siteHasMeter;
            Float("ac_power", a + S.FloatInverterPower, null, "fast");
            Float("ac_hz", a + S.FloatInverterFrequency, grid ? "grid.frequency" : null, "fast");
            for (int p = 0; p < phases; p++)
            {
                Float($"ac_l{p + 1}_v", a + S.FloatInverterPhaseVoltage + (2 * p), grid ? $"grid.l{p + 1}.voltage" : null, "normal");
            }

            FloatEnergy("ac_energy", a + S.FloatInverterEnergy, "pv.energy_total", "pv.energy_today");
            Float("dc_w", a + S.FloatInverterDcPower, "pv.power", "fast");
            if (!mppt)
            {
                Float("dc_a", a + S.FloatInverterDcCurrent, "pv.mppt1.current", "normal");
                Float("dc_v", a + S.FloatInverterDcVoltage, "pv.mppt1.voltage", "normal");
            }

            Float("temp_cabinet", a + S.FloatInverterCabinetTemperature, "device.temperature", "normal");
            Float("temp_heatsink", a + S.FloatInverterHeatsinkTemperature, "device.heatsink_temperature", "normal");
            Code("state", a + S.FloatInverterState, "sunspec_state", "device.state");
        }

        /// <summary>Model 160: N modules of 20 registers after 8 fixed ones (N from L), each MPPT's current, voltage and power.</summary>
        private void Mppt(SunSpecModel m)
        {
            int a = m.Data;
            int modules = Math.Min((m.Length - SunSpecModels.MpptFixedLength) / SunSpecModels.MpptModuleLength, TelemetrySchema.MaxMppts);
            for (int n = 1; n <= modules; n++)
            {
                int at = a + SunSpecModels.MpptFixedLength + ((n - 1) * SunSpecModels.MpptModuleLength);
                Int($"mppt{n}_a", at + S.ModuleCurrent, "uint16", a + S.MpptCurrentSf, $"pv.mppt{n}.current", "fast");
                Int($"mppt{n}_v", at + S.ModuleVoltage, "uint16", a + S.MpptVoltageSf, $"pv.mppt{n}.voltage", "fast");
                Int($"mppt{n}_w", at + S.ModulePower, "uint16", a + S.MpptPowerSf, $"pv.mppt{n}.power", "fast");
            }
        }

        /// <summary>Model 802, the battery base model: SoC, SoH, cycles, voltage, current and power.</summary>
        private void Battery(int a)
        {
            Int("soc", a + S.BatterySoc, "uint16", a + S.BatterySocSf, "battery.soc", "normal");
            Int("soh", a + S.BatterySoh, "uint16", a + S.BatterySohSf, "battery.soh", "slow");
            Add(Point("cycles", a + S.BatteryCycles, "uint32", "battery.cycles", "slow", NotImplemented32));
            Int("battery_v", a + S.BatteryVoltage, "uint16", a + S.BatteryVoltageSf, "battery.voltage", "normal");
            Int("battery_a", a + S.BatteryCurrent, "int16", a + S.BatteryCurrentSf, "battery.current", "fast");
            Int("battery_w", a + S.BatteryPower, "int16", a + S.BatteryPowerSf, "battery.power", "fast");
        }

        /// <summary>Models 201-204: currents, voltages, Hz, W in total and by phase, PF, and the energy counters.</summary>
        private void IntMeter(int a, int phases)
        {
            for (int p = 0; p < phases; p++)
            {
                Int($"l{p + 1}_a", a + S.MeterPhaseCurrent + p, "int16", a + S.MeterCurrentSf, $"grid.l{p + 1}.current", "normal");
                Int($"l{p + 1}_v", a + S.MeterPhaseVoltage + p, "int16", a + S.MeterVoltageSf, $"grid.l{p + 1}.voltage", "normal");
                Int($"l{p + 1}_w", a + S.MeterPhasePower + p, "int16", a + S.MeterPowerSf, $"grid.l{p + 1}.power", "fast");
            }

            Int("hz", a + S.MeterFrequency, "int16", a + S.MeterFrequencySf, "grid.frequency", "fast");
            Int("w", a + S.MeterPower, "int16", a + S.MeterPowerSf, "grid.power", "fast");
            Int("pf", a + S.MeterPowerFactor, "int16", a + S.MeterPowerFactorSf, "grid.power_factor", "normal", 0.01);
            Energy("export_energy", a + S.MeterExportEnergy, "uint32", a + S.MeterEnergySf, "grid.export_energy_total", "grid.export_energy_today");
            Energy("import_energy", a + S.MeterImportEnergy, "uint32", a + S.MeterEnergySf, "grid.import_energy_total", "grid.import_energy_today");
        }

        /// <summary>Models 211-214: the same values as float32 pairs.</summary>
        private void FloatMeter(int a, int phases)
        {
            for (int p = 0; p < phases; p++)
            {
                Float($"l{p + 1}_a", a + S.FloatMeterPhaseCurrent + (2 * p), $"grid.l{p + 1}.current", "normal");
                Float($"l{p + 1}_v", a + S.FloatMeterPhaseVoltage + (2 * p), $"grid.l{p + 1}.voltage", "normal");
                Float($"l{p + 1}_w", a + S.FloatMeterPhasePower + (2 * p), $"grid.l{p + 1}.power", "fast");
            }

            Float("hz", a + S.FloatMeterFrequency, "grid.frequency", "fast");
            Float("w", a + S.FloatMeterPower, "grid.power", "fast");
            Float("pf", a + S.FloatMeterPowerFactor, "grid.power_factor", "normal", 0.01);
            FloatEnergy("export_energy", a + S.FloatMeterExportEnergy, "grid.export_energy_total", "grid.export_energy_today");
            FloatEnergy("import_energy", a + S.FloatMeterImportEnergy, "grid.import_energy_total", "grid.import_energy_today");
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
