namespace EnergyLogger.Core.Schema
{
    /// <summary>What a schema field holds, which decides how it is checked and written.</summary>
    public enum FieldKind
    {
        /// <summary>A measurement in the field's unit.</summary>
        Number,
        /// <summary>An energy counter that never goes back (lifetime totals).</summary>
        EnergyTotal,
        /// <summary>An energy counter that goes back to zero once a day.</summary>
        EnergyDaily,
        /// <summary>An integer code (state, mode, fault bits), written exactly, with its value-map text.</summary>
        Code,
        /// <summary>true or false.</summary>
        Bool,
    }

    /// <summary>Which sign convention of the schema applies to a field (datasheet, "Sign Conventions").</summary>
    public enum SignClass
    {
        None,
        /// <summary>Grid power: positive is export to the grid.</summary>
        GridPower,
        /// <summary>Battery power and current: positive is charging.</summary>
        BatteryFlow,
    }

    /// <summary>One field of the universal telemetry schema, e.g. <c>grid.l1.voltage</c> in V.</summary>
    public sealed class SchemaField
    {
        public SchemaField(int index, int module, string path, string group, string leaf, string unit, FieldKind kind, SignClass sign, double min, double max)
        {
            Path = path;
            Index = index;
            Module = module;
            Group = group;
            Leaf = leaf;
            Unit = unit;
            Kind = kind;
            Sign = sign;
            Min = min;
            Max = max;
            TextName = leaf + "_text";
        }

        public int Index { get; }

        /// <summary>Index into <see cref="TelemetrySchema.Modules"/>.</summary>
        public int Module { get; }

        /// <summary>The sub-object inside the module (<c>mppt3</c>, <c>l1</c>), or null.</summary>
        public string Group { get; }

        public string Leaf { get; }

        /// <summary>The member that carries a code's value-map text, e.g. <c>state_text</c>.</summary>
        public string TextName { get; }

        /// <summary>The dotted path that maps name as their target and that the sample uses in its quality list.</summary>
        public string Path { get; }

        public string Unit { get; }

        public FieldKind Kind { get; }

        public SignClass Sign { get; }

        /// <summary>Physical limits; a value outside them is flagged out of range. NaN when there is none.</summary>
        public double Min { get; }

        public double Max { get; }

        public bool IsEnergy => Kind == FieldKind.EnergyTotal || Kind == FieldKind.EnergyDaily;
    }
}
