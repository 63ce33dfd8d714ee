namespace EnergyLogger.Core.Schema
{
    /// <summary>
    /// The universal telemetry schema v1: the modules and metrics of the datasheet's "Telemetry Schema"
    /// table with fixed units. The table order is the order of every sample document, so the output is
    /// deterministic. Documented in docs/telemetry-schema.md.
    /// </summary>
    public static class TelemetrySchema
    {
        public const int Version = 1;

        public const string Volt = "V";
        public const string Ampere = "A";
        public const string Watt = "W";
        public const string Hertz = "Hz";
        public const string KilowattHour = "kWh";
        public const string Celsius = "degC";
        public const string Percent = "%";
        public const string NoUnit = "";

        public const int MaxMppts = 12;
        public const int MaxPhases = 3;

        public const int Pv = 0;
        public const int Grid = 1;
        public const int Battery = 2;
        public const int Load = 3;
        public const int Generator = 4;
        public const int Device = 5;

        public static readonly string[] Modules = { "pv", "grid", "battery", "load", "generator", "device" };

        private static readonly SchemaField[] Table = Build();

        public static int FieldCount => Table.Length;

        public static SchemaField Field(int index)
        {
            return Table[index];
        }

        /// <summary>The field with this dotted path, or -1. A linear search: used when a map is loaded.</summary>
        public static int IndexOf(string path)
        {
            for (int i = 0; i < Table.Length; i++)
            {
                if (Table[i].Path == path)
                {
                    return i;
                }
            }

            return -1;
        }

        private static SchemaField[] Build()
        {
            var b = new Builder();
            b.Add(Pv, null, "power", Watt, FieldKind.Number);
            b.Add(Pv, null, "energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Pv, null, "energy_total", KilowattHour, FieldKind.EnergyTotal);
            for (int n = 1; n <= MaxMppts; n++)
            {
                string mppt = "mppt" + n.ToString();
                b.Add(Pv, mppt, "voltage", Volt, FieldKind.Number);
                b.Add(Pv, mppt, "current", Ampere, FieldKind.Number);
                b.Add(Pv, mppt, "power", Watt, FieldKind.Number);
            }

            b.Add(Grid, null, "power", Watt, FieldKind.Number, SignClass.GridPower);
            b.Add(Grid, null, "frequency", Hertz, FieldKind.Number);
            b.AddRanged(Grid, null, "power_factor", NoUnit, -1, 1);
            b.Add(Grid, null, "import_energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Grid, null, "import_energy_total", KilowattHour, FieldKind.EnergyTotal);
            b.Add(Grid, null, "export_energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Grid, null, "export_energy_total", KilowattHour, FieldKind.EnergyTotal);
            b.AddPhases(Grid, SignClass.GridPower);

            b.Add(Battery, null, "voltage", Volt, FieldKind.Number);
            b.Add(Battery, null, "current", Ampere, FieldKind.Number, SignClass.BatteryFlow);
            b.Add(Battery, null, "power", Watt, FieldKind.Number, SignClass.BatteryFlow);
            b.AddRanged(Battery, null, "soc", Percent, 0, 100);
            b.AddRanged(Battery, null, "soh", Percent, 0, 100);
            b.Add(Battery, null, "temperature", Celsius, FieldKind.Number);
            b.Add(Battery, null, "cycles", NoUnit, FieldKind.Number);
            b.Add(Battery, null, "charge_energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Battery, null, "charge_energy_total", KilowattHour, FieldKind.EnergyTotal);
            b.Add(Battery, null, "discharge_energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Battery, null, "discharge_energy_total", KilowattHour, FieldKind.EnergyTotal);

            b.Add(Load, null, "power", Watt, FieldKind.Number);
            b.Add(Load, null, "frequency", Hertz, FieldKind.Number);
            b.Add(Load, null, "energy_today", KilowattHour, FieldKind.EnergyDaily);
            b.Add(Load, null, "energy_total", KilowattHour, FieldKind.EnergyTotal);
            b.AddPhases(Load, SignClass.None);

            b.Add(Generator, null, "connected", NoUnit, FieldKind.Bool);
            b.Add(Generator, null, "power", Watt, FieldKind.Number);
            b.Add(Generator, null, "voltage", Volt, FieldKind.Number);
            b.Add(Generator, null, "frequency", Hertz, FieldKind.Number);

            b.Add(Device, null, "state", NoUnit, FieldKind.Code);
            b.Add(Device, null, "work_mode", NoUnit, FieldKind.Code);
            b.Add(Device, null, "fault_code", NoUnit, FieldKind.Code);
            b.Add(Device, null, "warning_code", NoUnit, FieldKind.Code);
            b.Add(Device, null, "temperature", Celsius, FieldKind.Number);
            b.Add(Device, null, "heatsink_temperature", Celsius, FieldKind.Number);
            return b.ToArray();
        }

        /// <summary>Collects the table once at start-up.</summary>
        private sealed class Builder
        {
            private readonly System.Collections.ArrayList _fields = new System.Collections.ArrayList();

            public void Add(int module, string group, string leaf, string unit, FieldKind kind)
            {
                Add(module, group, leaf, unit, kind, SignClass.None);
            }

            public void Add(int module, string group, string leaf, string unit, FieldKind kind, SignClass sign)
            {
                Add(module, group, leaf, unit, kind, sign, double.NaN, double.NaN);
            }

            public void AddRanged(int module, string group, string leaf, string unit, double min, double max)
            {
                Add(module, group, leaf, unit, FieldKind.Number, SignClass.None, min, max);
            }

            private void Add(int module, string group, string leaf, string unit, FieldKind kind, SignClass sign, double min, double max)
            {
                string prefix = Modules[module] + ".";
                string path = group == null ? prefix + leaf : prefix + group + "." + leaf;
                _fields.Add(new SchemaField(_fields.Count, module, path, group, leaf, unit, kind, sign, min, max));
            }

            /// <summary>l1 to l3: one phase, split phase (l1, l2) and three phase use the same names.</summary>
            public void AddPhases(int module, SignClass powerSign)
            {
                for (int n = 1; n <= MaxPhases; n++)
                {
                    string phase = "l" + n.ToString();
                    Add(module, phase, "voltage", Volt, FieldKind.Number);
                    Add(module, phase, "current", Ampere, FieldKind.Number);
                    Add(module, phase, "power", Watt, FieldKind.Number, powerSign);
                }
            }

            public SchemaField[] ToArray()
            {
                var table = new SchemaField[_fields.Count];
                for (int i = 0; i < table.Length; i++)
                {
                    table[i] = (SchemaField)_fields[i];
                }

                return table;
            }
        }
    }
}
