using System.Collections;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using S = EnergyLogger.Core.SunSpec.SunSpecModels;

namespace EnergyLogger.Core.SunSpec
{
    /// <summary>
    /// The register map of a SunSpec site (docs/register-map.md, "SunSpec devices"): the site's own map text, whose devices
    /// of kind "sunspec" are described by the chains a walk found (<see cref="SunSpecChain"/>). Each such device gets points
    /// for the models the logger knows, in the integer + scale-factor and the floating-point variants, mapped to the
    /// universal schema with SunSpec's signs, and an <c>expect</c> entry for the marker and every model's ID and L, so a
    /// device whose chain changes publishes invalid values rather than numbers from the wrong registers. The site's own
    /// entries come after the drafted ones and replace a drafted entry of the same name; its device members replace the
    /// drafted ones. Register offsets are those of the SunSpec Information Model Reference (sunspec/models,
    /// json/model_N.json), from the one table the logger's own SunSpec server writes by (<see cref="SunSpecModels"/>).
    /// </summary>
    public sealed class SunSpecDraft
    {
        private const string NotImplemented16 = "0x8000";
        private const string NotImplementedU16 = "0xFFFF";
        private const string NotImplemented32 = "0x80000000";
        private const int MaxExpect = 16;

        /// <summary>Room for the drafted entries on top of the site's own text; a site of eight full devices fits.</summary>
        private const int DraftBytes = 65536;

        // The lists the drafted entries go in, by index into Lists.
        private const int Points = 0;
        private const int Metadata = 1;
        private const int Computed = 2;
        private static readonly string[] Lists = { "points", "metadata", "computed" };
        private static readonly string[] States = { "off", "sleeping", "starting", "mppt", "throttled", "shutting_down", "fault", "standby" };
        private static readonly string[] ChargeStates = { "off", "empty", "discharging", "charging", "full", "holding", "testing" };
        private static readonly string[] Enabled = { "disabled", "enabled" };
        private static readonly string[] Connected = { "disconnected", "connected" };

        private readonly JsonDocument _site;
        private readonly SunSpecDevice[] _walked;
        private readonly JsonWriter _w;
        private readonly int _addressBase;
        private readonly bool _siteHasMeter;
        private readonly bool _siteHas802;

        // Names the site's own lists define (they replace drafted entries) and schema fields already fed.
        private readonly Hashtable _siteNames = new Hashtable();
        private readonly Hashtable _claimed = new Hashtable();
        private readonly Hashtable _written = new Hashtable();

        // The list being written (points, metadata, computed): each model is visited once per list.
        private int _list;
        private string _device;
        private string _prefix;

        private SunSpecDraft(JsonDocument site, SunSpecDevice[] walked, int siteBytes)
        {
            _site = site;
            _walked = walked;
            _w = new JsonWriter(siteBytes + DraftBytes, MapLimits.MaxMapDepth + 1);
            long addressBase;
            int token = site.Member(JsonDocument.Root, "addressBase");
            _addressBase = token >= 0 && site.TryGetInt64(token, out addressBase) ? (int)addressBase : 0;
            for (int i = 0; i < walked.Length; i++)
            {
                _siteHasMeter |= walked[i] != null && walked[i].HasMeter;
                _siteHas802 |= walked[i] != null && walked[i].Has(S.Battery);
            }
        }

        /// <summary>
        /// The drafted map's text, or null with <paramref name="problem"/>. <paramref name="walked"/> holds, for each entry of
        /// the site's "devices" in order, the chain found for it (null for a device that is not of kind "sunspec").
        /// </summary>
        public static string Write(JsonDocument site, SunSpecDevice[] walked, int siteBytes, out string problem)
        {
            var draft = new SunSpecDraft(site, walked, siteBytes);
            draft.WriteMap();
            problem = draft._w.Overflowed ? "the drafted map is over " + (siteBytes + DraftBytes).ToString() + " bytes" : null;
            return problem == null ? draft._w.Text() : null;
        }

        private void WriteMap()
        {
            int root = JsonDocument.Root;
            _w.BeginObject();
            CopyMember(root, "format");
            CopyMember(root, "name");
            _w.Name("source");
            _w.BeginArray();
            int source = _site.Member(root, "source");
            if (source >= 0 && _site.Kind(source) == JsonKind.Array)
            {
                CopyEntries(source);
            }
            else if (source >= 0)
            {
                Copy(source);
            }

            _w.String("SunSpec Information Model Specification (marker, chain of models with ID and L)");
            _w.String("SunSpec Information Model Reference, sunspec/models json/model_1, 101-103, 111-113, 120, 121, 123, 124, 160, 201-204, 211-214, 802");
            _w.String("drafted by the logger from each device's own chain");
            _w.EndArray();
            CopyMember(root, "addressBase");
            CopyMember(root, "timeZone");
            CollectSiteNames();
            WriteDevices();
            WriteValueMaps();
            for (_list = 0; _list < Lists.Length; _list++)
            {
                _w.Name(Lists[_list]);
                _w.BeginArray();
                ForEachModel();
                int own = _site.Member(root, Lists[_list]);
                if (own >= 0 && _site.Kind(own) == JsonKind.Array)
                {
                    CopyEntries(own);
                }

                _w.EndArray();
            }

            _w.EndObject();
        }

        /// <summary>The site's own names (replacing drafted entries) and the schema fields its own entries feed.</summary>
        private void CollectSiteNames()
        {
            string[] lists = { "points", "metadata", "computed", "valueMaps" };
            for (int l = 0; l < lists.Length; l++)
            {
                int list = _site.Member(JsonDocument.Root, lists[l]);
                for (int e = list >= 0 ? _site.FirstChild(list) : -1; e != -1; e = _site.NextSibling(list, e))
                {
                    int name = _site.Kind(e) == JsonKind.Object ? _site.Member(e, "name") : -1;
                    int target = _site.Kind(e) == JsonKind.Object ? _site.Member(e, "target") : -1;
                    if (name >= 0 && _site.Kind(name) == JsonKind.String)
                    {
                        _siteNames[lists[l] + ":" + _site.GetString(name)] = true;
                    }

                    if (target >= 0 && _site.Kind(target) == JsonKind.String)
                    {
                        _claimed[_site.GetString(target)] = true;
                    }
                }
            }
        }

        /// <summary>Each walked device with its expected marker and headers; its own members after, replacing drafted ones.</summary>
        private void WriteDevices()
        {
            int list = _site.Member(JsonDocument.Root, "devices");
            _w.Name("devices");
            _w.BeginArray();
            int i = 0;
            for (int e = _site.FirstChild(list); e != -1; e = _site.NextSibling(list, e), i++)
            {
                SunSpecDevice device = _walked[i];
                if (device == null)
                {
                    Copy(e);
                    continue;
                }

                _w.BeginObject();
                CopyMember(e, "id");
                CopyMember(e, "slave");
                if (_site.Member(e, "expect") < 0)
                {
                    WriteExpect(device);
                }

                if (_site.Member(e, "scaleInRequest") < 0)
                {
                    // Every register of a SunSpec model is readable, so a value and its factor can always share a request.
                    _w.Name("scaleInRequest");
                    _w.Bool(true);
                }

                if (_site.Member(e, "signs") < 0 && device.IsMeterOnly)
                {
                    // SunSpec meters count power into the site (import) as positive (model 203, W).
                    _w.Name("signs");
                    _w.BeginObject();
                    _w.Name("grid");
                    _w.String("import_positive");
                    _w.EndObject();
                }

                for (int key = _site.FirstChild(e); key != -1; key = _site.NextSibling(e, key + 1))
                {
                    if (!_site.StringEquals(key, "id") && !_site.StringEquals(key, "slave") && !_site.StringEquals(key, "kind"))
                    {
                        _w.Name(_site.GetString(key));
                        Copy(key + 1);
                    }
                }

                _w.EndObject();
            }

            _w.EndArray();
        }

        private void WriteExpect(SunSpecDevice device)
        {
            _w.Name("expect");
            _w.BeginArray();
            _w.BeginObject();
            _w.Name("address");
            _w.Integer(device.Base + _addressBase);
            _w.Name("values");
            _w.BeginArray();
            _w.String("0x5375");
            _w.String("0x6E53");
            _w.EndArray();
            _w.EndObject();
            for (int m = 0; m < device.Count && m < MaxExpect - 1; m++)
            {
                _w.BeginObject();
                _w.Name("address");
                _w.Integer(device.Address(m) + _addressBase);
                _w.Name("values");
                _w.BeginArray();
                _w.Integer(device.Id(m));
                _w.Integer(device.Length(m));
                _w.EndArray();
                _w.EndObject();
            }

            _w.EndArray();
        }

        private void WriteValueMaps()
        {
            _w.Name("valueMaps");
            _w.BeginArray();
            TextMap("sunspec_state", States, 1);
            TextMap("sunspec_charge", ChargeStates, 1);
            TextMap("sunspec_enabled", Enabled, 0);
            TextMap("sunspec_connected", Connected, 0);
            int own = _site.Member(JsonDocument.Root, "valueMaps");
            if (own >= 0 && _site.Kind(own) == JsonKind.Array)
            {
                CopyEntries(own);
            }

            _w.EndArray();
        }

        /// <summary>A value map of <paramref name="texts"/> for the codes from <paramref name="first"/> on.</summary>
        private void TextMap(string name, string[] texts, int first)
        {
            if (_siteNames.Contains("valueMaps:" + name))
            {
                return;
            }

            _w.BeginObject();
            _w.Name("name");
            _w.String(name);
            _w.Name("values");
            _w.BeginObject();
            for (int i = 0; i < texts.Length; i++)
            {
                _w.Name((i + first).ToString());
                _w.String(texts[i]);
            }

            _w.EndObject();
            _w.EndObject();
        }

        /// <summary>Every model of every walked device, for the list being written; the first device's names have no prefix.</summary>
        private void ForEachModel()
        {
            int list = _site.Member(JsonDocument.Root, "devices");
            int i = 0;
            bool first = true;
            for (int e = _site.FirstChild(list); e != -1; e = _site.NextSibling(list, e), i++)
            {
                SunSpecDevice device = _walked[i];
                if (device == null)
                {
                    continue;
                }

                _device = _site.GetString(_site.Member(e, "id"));
                _prefix = first ? string.Empty : _device + "_";
                first = false;
                bool mppt = device.Has(S.Mppt);
                for (int m = 0; m < device.Count; m++)
                {
                    AddModel(device, m, mppt);
                }
            }
        }

        private void AddModel(SunSpecDevice device, int m, bool mppt)
        {
            int a = device.Data(m);
            int id = device.Id(m);
            if (id == S.Common)
            {
                Meta("manufacturer", a + S.CommonManufacturer, 16);
                Meta("model", a + S.CommonModel, 16);
                Meta("version", a + S.CommonVersion, 8);
                Meta("serial_number", a + S.CommonSerial, 16);
            }
            else if (id >= 101 && id <= 103)
            {
                IntInverter(a, id - 100, mppt);
            }
            else if (id >= 111 && id <= 113)
            {
                FloatInverter(a, id - 110, mppt);
            }
            else if (id == 120)
            {
                Int("rated_power_w", a + S.NameplateRatedPower, "uint16", a + S.NameplateRatedPowerSf, null, 1, true);
            }
            else if (id == S.Settings)
            {
                Int("max_power_w", a + S.SettingsMaxPower, "uint16", a + S.SettingsMaxPowerSf, null, 1, true);
            }
            else if (id == S.Controls)
            {
                Int("power_limit_pct", a + S.ControlsPowerLimit, "uint16", a + S.ControlsPowerLimitSf, null, 1, false);
                Code("power_limit_enabled", a + S.ControlsPowerLimitEnabled, "sunspec_enabled", null);
                Code("connected", a + S.ControlsConnected, "sunspec_connected", null);
            }
            else if (id == S.Mppt)
            {
                Mppt(a, device.Length(m));
            }
            else if (id == S.Storage)
            {
                Int("soc", a + S.StorageSoc, "uint16", a + S.StorageSocSf, _siteHas802 ? null : "battery.soc", 1, false);
                Int("battery_v", a + S.StorageBatteryVoltage, "uint16", a + S.StorageBatteryVoltageSf, _siteHas802 ? null : "battery.voltage", 1, false);
                Code("charge_state", a + S.StorageChargeStatus, "sunspec_charge", null);
            }
            else if (id == S.Battery)
            {
                Battery(a);
            }
            else if (id >= 201 && id <= 204)
            {
                IntMeter(a, id == 201 ? 1 : id == 202 ? 2 : 3);
            }
            else if (id >= 211 && id <= 214)
            {
                FloatMeter(a, id == 211 ? 1 : id == 212 ? 2 : 3);
            }
        }

        /// <summary>Models 101-103: W, Hz, phase voltages, WH, DC values, temperatures, operating state.</summary>
        private void IntInverter(int a, int phases, bool mppt)
        {
            bool grid = !_siteHasMeter;
            Int("ac_power", a + S.InverterPower, "int16", a + S.InverterPowerSf, null, 1, false);
            Int("ac_hz", a + S.InverterFrequency, "uint16", a + S.InverterFrequencySf, grid ? "grid.frequency" : null, 1, false);
            for (int p = 1; p <= phases; p++)
            {
                Int("ac_l" + p.ToString() + "_v", a + S.InverterPhaseVoltage + p - 1, "uint16", a + S.InverterVoltageSf,
                    grid ? "grid.l" + p.ToString() + ".voltage" : null, 1, false);
            }

            Energy("ac_energy", a + S.InverterEnergy, "uint32", a + S.InverterEnergySf, "pv.energy_total", "pv.energy_today");
            Int("dc_w", a + S.InverterDcPower, "int16", a + S.InverterDcPowerSf, "pv.power", 1, false);
            if (!mppt)
            {
                Int("dc_a", a + S.InverterDcCurrent, "uint16", a + S.InverterDcCurrentSf, "pv.mppt1.current", 1, false);
                Int("dc_v", a + S.InverterDcVoltage, "uint16", a + S.InverterDcVoltageSf, "pv.mppt1.voltage", 1, false);
            }

            Int("temp_cabinet", a + S.InverterCabinetTemperature, "int16", a + S.InverterTemperatureSf, "device.temperature", 1, false);
            Int("temp_heatsink", a + S.InverterHeatsinkTemperature, "int16", a + S.InverterTemperatureSf, "device.heatsink_temperature", 1, false);
            Code("state", a + S.InverterState, "sunspec_state", "device.state");
        }

        /// <summary>Models 111-113: the same values as float32 pairs; a NaN is not-implemented.</summary>
        private void FloatInverter(int a, int phases, bool mppt)
        {
            bool grid = !_siteHasMeter;
            Float("ac_power", a + S.FloatInverterPower, null, 1);
            Float("ac_hz", a + S.FloatInverterFrequency, grid ? "grid.frequency" : null, 1);
            for (int p = 1; p <= phases; p++)
            {
                Float("ac_l" + p.ToString() + "_v", a + S.FloatInverterPhaseVoltage + (2 * (p - 1)), grid ? "grid.l" + p.ToString() + ".voltage" : null, 1);
            }

            Float("ac_energy", a + S.FloatInverterEnergy, "pv.energy_total", 0.001);
            Daily("ac_energy", "pv.energy_today");
            Float("dc_w", a + S.FloatInverterDcPower, "pv.power", 1);
            if (!mppt)
            {
                Float("dc_a", a + S.FloatInverterDcCurrent, "pv.mppt1.current", 1);
                Float("dc_v", a + S.FloatInverterDcVoltage, "pv.mppt1.voltage", 1);
            }

            Float("temp_cabinet", a + S.FloatInverterCabinetTemperature, "device.temperature", 1);
            Float("temp_heatsink", a + S.FloatInverterHeatsinkTemperature, "device.heatsink_temperature", 1);
            Code("state", a + S.FloatInverterState, "sunspec_state", "device.state");
        }

        /// <summary>Model 160: N modules of 20 registers after 8 fixed ones (N from L), each MPPT's current, voltage and power.</summary>
        private void Mppt(int a, int length)
        {
            int modules = (length - S.MpptFixedLength) / S.MpptModuleLength;
            if (modules > TelemetrySchema.MaxMppts)
            {
                modules = TelemetrySchema.MaxMppts;
            }

            for (int n = 1; n <= modules; n++)
            {
                int at = a + S.MpptFixedLength + ((n - 1) * S.MpptModuleLength);
                string mppt = "mppt" + n.ToString();
                Int(mppt + "_a", at + S.ModuleCurrent, "uint16", a + S.MpptCurrentSf, "pv." + mppt + ".current", 1, false);
                Int(mppt + "_v", at + S.ModuleVoltage, "uint16", a + S.MpptVoltageSf, "pv." + mppt + ".voltage", 1, false);
                Int(mppt + "_w", at + S.ModulePower, "uint16", a + S.MpptPowerSf, "pv." + mppt + ".power", 1, false);
            }
        }

        /// <summary>Model 802, the battery base model: SoC, SoH, cycles, voltage, current and power.</summary>
        private void Battery(int a)
        {
            Int("soc", a + S.BatterySoc, "uint16", a + S.BatterySocSf, "battery.soc", 1, false);
            Int("soh", a + S.BatterySoh, "uint16", a + S.BatterySohSf, "battery.soh", 1, false);
            if (BeginPoint("cycles", a + S.BatteryCycles, "uint32", "battery.cycles", NotImplemented32, false))
            {
                _w.EndObject();
            }

            Int("battery_v", a + S.BatteryVoltage, "uint16", a + S.BatteryVoltageSf, "battery.voltage", 1, false);
            Int("battery_a", a + S.BatteryCurrent, "int16", a + S.BatteryCurrentSf, "battery.current", 1, false);
            Int("battery_w", a + S.BatteryPower, "int16", a + S.BatteryPowerSf, "battery.power", 1, false);
        }

        /// <summary>Models 201-204: currents, voltages, Hz, W in total and by phase, PF, and the energy counters.</summary>
        private void IntMeter(int a, int phases)
        {
            for (int p = 1; p <= phases; p++)
            {
                string l = "l" + p.ToString();
                Int(l + "_a", a + S.MeterPhaseCurrent + p - 1, "int16", a + S.MeterCurrentSf, "grid." + l + ".current", 1, false);
                Int(l + "_v", a + S.MeterPhaseVoltage + p - 1, "int16", a + S.MeterVoltageSf, "grid." + l + ".voltage", 1, false);
                Int(l + "_w", a + S.MeterPhasePower + p - 1, "int16", a + S.MeterPowerSf, "grid." + l + ".power", 1, false);
            }

            Int("hz", a + S.MeterFrequency, "int16", a + S.MeterFrequencySf, "grid.frequency", 1, false);
            Int("w", a + S.MeterPower, "int16", a + S.MeterPowerSf, "grid.power", 1, false);
            Int("pf", a + S.MeterPowerFactor, "int16", a + S.MeterPowerFactorSf, "grid.power_factor", 0.01, false);
            Energy("export_energy", a + S.MeterExportEnergy, "uint32", a + S.MeterEnergySf, "grid.export_energy_total", "grid.export_energy_today");
            Energy("import_energy", a + S.MeterImportEnergy, "uint32", a + S.MeterEnergySf, "grid.import_energy_total", "grid.import_energy_today");
        }

        /// <summary>Models 211-214: the same values as float32 pairs.</summary>
        private void FloatMeter(int a, int phases)
        {
            for (int p = 1; p <= phases; p++)
            {
                string l = "l" + p.ToString();
                int at = 2 * (p - 1);
                Float(l + "_a", a + S.FloatMeterPhaseCurrent + at, "grid." + l + ".current", 1);
                Float(l + "_v", a + S.FloatMeterPhaseVoltage + at, "grid." + l + ".voltage", 1);
                Float(l + "_w", a + S.FloatMeterPhasePower + at, "grid." + l + ".power", 1);
            }

            Float("hz", a + S.FloatMeterFrequency, "grid.frequency", 1);
            Float("w", a + S.FloatMeterPower, "grid.power", 1);
            Float("pf", a + S.FloatMeterPowerFactor, "grid.power_factor", 0.01);
            Float("export_energy", a + S.FloatMeterExportEnergy, "grid.export_energy_total", 0.001);
            Daily("export_energy", "grid.export_energy_today");
            Float("import_energy", a + S.FloatMeterImportEnergy, "grid.import_energy_total", 0.001);
            Daily("import_energy", "grid.import_energy_today");
        }

        private void Meta(string name, int address, int count)
        {
            if (!Takes(Metadata, name))
            {
                return;
            }

            _w.BeginObject();
            Head(_prefix + name, address, "string");
            _w.Name("count");
            _w.Integer(count);
            _w.EndObject();
        }

        /// <summary>
        /// An integer with its scale factor (one helper point per address, shared by the values that name it), both in the
        /// fast class: every point of a SunSpec device is read every cycle, so a model is read whole, in as few requests
        /// as the planner makes of it, and each value is decoded with the scale factor read in its own cycle.
        /// </summary>
        private void Int(string name, int address, string type, int sfAddress, string target, double scale, bool metadata)
        {
            string sf = _prefix + "sf_" + (sfAddress + _addressBase).ToString();
            int list = metadata ? Metadata : Points;
            if (_list == list && !_written.Contains(sf) && !_siteNames.Contains(Lists[list] + ":" + sf))
            {
                _written[sf] = true;
                _w.BeginObject();
                Head(sf, sfAddress, "int16");
                if (!metadata)
                {
                    Fast();
                }

                _w.EndObject();
            }

            if (!BeginPoint(name, address, type, target, type == "int16" ? NotImplemented16 : NotImplementedU16, metadata))
            {
                return;
            }

            _w.Name("scaleFactor");
            _w.String(sf);
            Scale(scale);
            _w.EndObject();
        }

        private void Float(string name, int address, string target, double scale)
        {
            if (BeginPoint(name, address, "float32", target, null, false))
            {
                Scale(scale);
                _w.EndObject();
            }
        }

        /// <summary>A lifetime counter in Wh as kWh, and today's part of it from the counter (SunSpec has no daily register).</summary>
        private void Energy(string name, int address, string type, int sfAddress, string total, string today)
        {
            Int(name, address, type, sfAddress, total, 0.001, false);
            Daily(name, today);
        }

        private void Daily(string name, string today)
        {
            if (!Takes(Computed, name + "_today"))
            {
                return;
            }

            _w.BeginObject();
            _w.Name("name");
            _w.String(_prefix + name + "_today");
            _w.Name("op");
            _w.String("daily");
            _w.Name("a");
            _w.String(_prefix + name);
            if (Claim(today))
            {
                _w.Name("target");
                _w.String(today);
            }

            _w.EndObject();
        }

        private void Code(string name, int address, string valueMap, string target)
        {
            if (BeginPoint(name, address, "uint16", target, NotImplementedU16, false))
            {
                _w.Name("valueMap");
                _w.String(valueMap);
                _w.EndObject();
            }
        }

        /// <summary>Opens a point's object when the list being written is its own and the site does not replace it.</summary>
        private bool BeginPoint(string name, int address, string type, string target, string sentinel, bool metadata)
        {
            if (!Takes(metadata ? Metadata : Points, name))
            {
                return false;
            }

            _w.BeginObject();
            Head(_prefix + name, address, type);
            if (!metadata)
            {
                Fast();
            }

            if (sentinel != null)
            {
                _w.Name("sentinels");
                _w.BeginArray();
                _w.String(sentinel);
                _w.EndArray();
            }

            if (target != null && Claim(target))
            {
                _w.Name("target");
                _w.String(target);
            }

            return true;
        }

        /// <summary>True when list <paramref name="list"/> is being written and the site has no entry of this name there.</summary>
        private bool Takes(int list, string name)
        {
            return _list == list && !_siteNames.Contains(Lists[list] + ":" + _prefix + name);
        }

        private void Head(string name, int address, string type)
        {
            _w.Name("name");
            _w.String(name);
            _w.Name("device");
            _w.String(_device);
            _w.Name("address");
            _w.Integer(address + _addressBase);
            _w.Name("type");
            _w.String(type);
        }

        private void Fast()
        {
            _w.Name("poll");
            _w.String("fast");
        }

        private void Scale(double scale)
        {
            if (scale != 1)
            {
                _w.Name("scale");
                _w.Number(scale);
            }
        }

        /// <summary>A schema field is fed once per sample: the site's own entries first, then the first model that offers it.</summary>
        private bool Claim(string target)
        {
            if (_claimed.Contains(target))
            {
                return false;
            }

            _claimed[target] = true;
            return true;
        }

        private void CopyMember(int obj, string name)
        {
            int value = _site.Member(obj, name);
            if (value >= 0)
            {
                _w.Name(name);
                Copy(value);
            }
        }

        private void CopyEntries(int array)
        {
            for (int e = _site.FirstChild(array); e != -1; e = _site.NextSibling(array, e))
            {
                Copy(e);
            }
        }

        private void Copy(int token)
        {
            _w.Raw(_site.Text, _site.Position(token), _site.End(token));
        }
    }
}
