namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Turns a point's raw registers into a value with a quality: word order and type through
    /// <see cref="ValueCodec"/>, then sentinels, NaN, bit fields, scale, SunSpec scale factor, offset and
    /// the valid range (RELIABILITY M10). Writes into preallocated arrays; no allocation.
    /// </summary>
    public static class PointDecoder
    {
        /// <summary>Decodes every point and then evaluates the computed fields.</summary>
        public static void DecodeCycle(RegisterFrame frame, DecodedValues values)
        {
            DecodeCycle(frame, values, null);
        }

        /// <summary>Decodes every point and then evaluates the computed fields, the daily ones with <paramref name="daily"/>.</summary>
        public static void DecodeCycle(RegisterFrame frame, DecodedValues values, DailyCounters daily)
        {
            PointDefinition[] points = frame.Map.Points;
            for (int i = 0; i < points.Length; i++)
            {
                double value;
                long raw;
                values.Quality[i] = Decode(frame, points[i], out value, out raw);
                values.Values[i] = value;
                values.Raw[i] = raw;
            }

            CheckLayouts(frame.Map, values);
            ComputedEvaluator.Evaluate(frame.Map, values, daily);
        }

        /// <summary>
        /// A device whose expected registers hold other values than the map says has another layout than the map describes
        /// (a SunSpec common model of 66 registers where the map counted 65 shifts every later model): every value of the
        /// device is invalid, so no number from an unverified layout is published.
        /// </summary>
        private static void CheckLayouts(RegisterMap map, DecodedValues values)
        {
            PointDefinition[] points = map.Points;
            for (int d = 0; d < values.Mismatch.Length; d++)
            {
                values.Mismatch[d] = -1;
            }

            for (int i = 0; i < points.Length; i++)
            {
                PointDefinition p = points[i];
                if (p.HasExpected && values.Quality[i] == ValueQuality.Ok && values.Raw[i] != p.Expected && values.Mismatch[p.Device] < 0)
                {
                    values.Mismatch[p.Device] = i;
                }
            }

            for (int i = 0; i < points.Length; i++)
            {
                if (values.Mismatch[points[i].Device] >= 0 && !points[i].HasExpected)
                {
                    values.Quality[i] = ValueQuality.Invalid;
                    values.Values[i] = 0;
                    values.Raw[i] = 0;
                }
            }
        }

        /// <summary>One point. <paramref name="value"/> and <paramref name="raw"/> are 0 unless the quality is Ok.</summary>
        public static ValueQuality Decode(RegisterFrame frame, PointDefinition p, out double value, out long raw)
        {
            value = 0;
            raw = 0;
            ValueQuality quality = frame.Availability(p);
            if (quality != ValueQuality.Ok || p.Type == RegisterType.String)
            {
                return quality;
            }

            ushort[] words = frame.Words;
            long bits = ValueCodec.ToInt64(words, p.WordOffset, p.RawType, p.Order);
            if (p.IsSentinel(bits))
            {
                return ValueQuality.Sentinel;
            }

            double number;
            if (p.Type == RegisterType.Float32)
            {
                number = ValueCodec.ToDouble(words, p.WordOffset, RegisterType.Float32, p.Order);
                if (double.IsNaN(number) || double.IsInfinity(number))
                {
                    return ValueQuality.Invalid;
                }
            }
            else
            {
                bits = p.Mask == 0 ? bits : (long)(((ulong)bits & p.Mask) >> p.Shift);
                number = p.RawType == RegisterType.UInt64 ? (double)(ulong)bits : bits;
                if (p.Type == RegisterType.Bool)
                {
                    bits = bits != 0 ? 1 : 0;
                    number = bits;
                }
            }

            double scaled;
            quality = Scale(frame, p, number, out scaled);
            if (quality != ValueQuality.Ok)
            {
                return quality;
            }

            if (p.Inverted)
            {
                scaled = -scaled;
            }

            if (!InRange(scaled, p.ValidMin, p.ValidMax))
            {
                return ValueQuality.OutOfRange;
            }

            raw = bits;
            value = scaled;
            return ValueQuality.Ok;
        }

        /// <summary>True when the value lies within [min, max]; a NaN bound is no bound, and a NaN value is in range.</summary>
        public static bool InRange(double value, double min, double max)
        {
            // Each bound is tested with IsNaN first and compared with < only: on nanoCLR `x > NaN` is true
            // (docs/architecture.md, "Rules the interpreter imposes").
            return (double.IsNaN(min) || !(value < min)) && (double.IsNaN(max) || !(max < value));
        }

        /// <summary>raw x scale x 10^sf + offset. A negative power divides, which keeps 2297 x 10^-1 at exactly 229.7.</summary>
        private static ValueQuality Scale(RegisterFrame frame, PointDefinition p, double number, out double value)
        {
            value = number * p.Scale;
            if (p.ScaleFactorPoint >= 0)
            {
                int sf;
                ValueQuality quality = ScaleFactor(frame, frame.Map.Points[p.ScaleFactorPoint], out sf);
                if (quality != ValueQuality.Ok)
                {
                    return quality;
                }

                value = sf >= 0 ? value * Json.JsonNumber.Pow10(sf) : value / Json.JsonNumber.Pow10(-sf);
            }

            value += p.Offset;
            return double.IsNaN(value) || double.IsInfinity(value) ? ValueQuality.Invalid : ValueQuality.Ok;
        }

        /// <summary>SunSpec sunssf: an int16 power of ten; 0x8000 means "not implemented" and flags the value.</summary>
        private static ValueQuality ScaleFactor(RegisterFrame frame, PointDefinition sfPoint, out int sf)
        {
            sf = 0;
            ValueQuality quality = frame.Availability(sfPoint);
            if (quality != ValueQuality.Ok)
            {
                return quality;
            }

            long raw = ValueCodec.ToInt64(frame.Words, sfPoint.WordOffset, RegisterType.Int16, sfPoint.Order);
            if (raw == short.MinValue || sfPoint.IsSentinel(raw))
            {
                return ValueQuality.Sentinel;
            }

            if (raw < -MapLimits.MaxScaleFactor || raw > MapLimits.MaxScaleFactor)
            {
                return ValueQuality.Invalid;
            }

            sf = (int)raw;
            return ValueQuality.Ok;
        }
    }
}
