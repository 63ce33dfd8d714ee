namespace EnergyLogger.Core.Registers
{
    /// <summary>The operations of a computed field (datasheet: "addition, subtraction, multiplication, negation").</summary>
    public enum ComputeOp
    {
        Add,
        Subtract,
        Multiply,
        Negate,

        /// <summary>Today's part of a lifetime counter: the counter less its value at the last local midnight (<see cref="DailyCounters"/>).</summary>
        Daily,
    }

    public enum OperandKind
    {
        /// <summary>A decoded point or an earlier computed field, by its index in <see cref="DecodedValues"/>.</summary>
        Value,
        Constant,
    }

    /// <summary>One source of a computed field.</summary>
    public sealed class Operand
    {
        public Operand(OperandKind kind, int valueIndex, double constant)
        {
            Kind = kind;
            ValueIndex = valueIndex;
            Constant = constant;
        }

        public OperandKind Kind { get; }

        public int ValueIndex { get; }

        public double Constant { get; }
    }

    /// <summary>
    /// A value made from up to two sources, e.g. grid power = export - import. Sources may be other
    /// computed fields, so longer sums chain; the loader orders the fields so each comes after its sources.
    /// </summary>
    public sealed class ComputedField
    {
        public string Name { get; internal set; }

        /// <summary>Its position in the map text, for messages.</summary>
        public int DeclaredIndex { get; internal set; }

        /// <summary>Its slot in <see cref="DecodedValues"/>: after all points, in evaluation order.</summary>
        public int ValueIndex { get; internal set; }

        public ComputeOp Op { get; internal set; }

        public Operand A { get; internal set; }

        /// <summary>Null for <see cref="ComputeOp.Negate"/>.</summary>
        public Operand B { get; internal set; }

        public int Device { get; internal set; }

        public string Unit { get; internal set; }

        public int Target { get; internal set; } = -1;

        /// <summary>False for an intermediate result used only by other computed fields.</summary>
        public bool Publish { get; internal set; } = true;

        public double ValidMin { get; internal set; } = double.NaN;

        public double ValidMax { get; internal set; } = double.NaN;
    }
}
