namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Evaluates the computed fields in the order the loader fixed, so every source is ready before it is
    /// used. A result takes the first bad quality of its sources, so a stale import register makes the
    /// grid power stale rather than wrong.
    /// </summary>
    public static class ComputedEvaluator
    {
        public static void Evaluate(RegisterMap map, DecodedValues values)
        {
            Evaluate(map, values, null);
        }

        /// <summary>With the daily counters of the map (their time set for the cycle); without them a daily field is stale.</summary>
        public static void Evaluate(RegisterMap map, DecodedValues values, DailyCounters daily)
        {
            ComputedField[] fields = map.Computed;
            for (int i = 0; i < fields.Length; i++)
            {
                ComputedField c = fields[i];
                int slot = c.ValueIndex;
                double a, b = 0;
                ValueQuality quality = Source(c.A, values, out a);
                if (quality == ValueQuality.Ok && c.B != null)
                {
                    quality = Source(c.B, values, out b);
                }

                double result = 0;
                if (quality == ValueQuality.Ok && c.Op == ComputeOp.Daily)
                {
                    quality = daily == null ? ValueQuality.Stale : daily.Evaluate(i, a, out result);
                }
                else if (quality == ValueQuality.Ok)
                {
                    result = Apply(c.Op, a, b);
                }

                if (quality == ValueQuality.Ok && (double.IsNaN(result) || double.IsInfinity(result)))
                {
                    quality = ValueQuality.Invalid;
                }
                else if (quality == ValueQuality.Ok && !PointDecoder.InRange(result, c.ValidMin, c.ValidMax))
                {
                    quality = ValueQuality.OutOfRange;
                }

                values.Quality[slot] = quality;
                values.Values[slot] = quality == ValueQuality.Ok ? result : 0;
                values.Raw[slot] = 0;
            }
        }

        private static ValueQuality Source(Operand operand, DecodedValues values, out double value)
        {
            if (operand.Kind == OperandKind.Constant)
            {
                value = operand.Constant;
                return ValueQuality.Ok;
            }

            value = values.Values[operand.ValueIndex];
            return values.Quality[operand.ValueIndex];
        }

        private static double Apply(ComputeOp op, double a, double b)
        {
            switch (op)
            {
                case ComputeOp.Add: return a + b;
                case ComputeOp.Subtract: return a - b;
                case ComputeOp.Multiply: return a * b;
                default: return -a;
            }
        }
    }
}
