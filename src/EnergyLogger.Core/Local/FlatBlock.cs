using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The flat block: the universal schema field by field, for PLCs and <c>mbpoll</c> (docs/local-access.md has the
    /// table). A header of ten registers (block version, schema version, the sample's sequence number as uint64, its
    /// wall time in ms since 1970 as uint64), then every schema field in schema order in two registers, high word first:
    /// codes as uint32, everything else as int32 with a fixed number of decimals by unit. Absent values read
    /// 0x80000000 (int32) or 0xFFFFFFFF (uint32), SunSpec's not-implemented patterns.
    /// </summary>
    public static class FlatBlock
    {
        public const int Version = 1;
        public const int HeaderRegisters = 10;

        public static int Length => HeaderRegisters + (2 * TelemetrySchema.FieldCount);

        /// <summary>The field's first register, relative to the block's base address.</summary>
        public static int Offset(int field)
        {
            return HeaderRegisters + (2 * field);
        }

        /// <summary>The register holds value × 10^decimals.</summary>
        public static int Decimals(SchemaField field)
        {
            if (field.Kind == FieldKind.Code || field.Kind == FieldKind.Bool)
            {
                return 0;
            }

            string unit = field.Unit;
            if (unit == TelemetrySchema.Volt || unit == TelemetrySchema.Celsius || unit == TelemetrySchema.Percent)
            {
                return 1;
            }

            if (unit == TelemetrySchema.Ampere || unit == TelemetrySchema.Hertz || unit == TelemetrySchema.KilowattHour)
            {
                return 2;
            }

            // A unitless number with limits is a ratio (the power factor); one without is a count (battery cycles).
            return unit == TelemetrySchema.NoUnit && !double.IsNaN(field.Min) ? 3 : 0;
        }

        public static bool IsUnsigned(SchemaField field)
        {
            return field.Kind == FieldKind.Code;
        }

        /// <summary>Writes the block at <paramref name="at"/> and returns its length in registers.</summary>
        public static int Encode(Sample sample, ushort[] image, int at)
        {
            RegisterWords.Put16(image, at, Version);
            RegisterWords.Put16(image, at + 1, TelemetrySchema.Version);
            Put64(image, at + 2, sample.Sequence);
            Put64(image, at + 6, sample.ClockSynced ? sample.UnixMs : -1);
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                SchemaField field = TelemetrySchema.Field(f);
                int offset = at + Offset(f);
                if (IsUnsigned(field))
                {
                    long code = SampleValues.Code32(sample, f);
                    RegisterWords.Put32(image, offset, code < 0 ? RegisterWords.NoUInt32 : code);
                    continue;
                }

                long raw;
                bool fits = RegisterWords.TryScale(SampleValues.Number(sample, f), Decimals(field), -0x7FFFFFFFL, 0x7FFFFFFFL, out raw);
                RegisterWords.Put32(image, offset, fits ? raw : RegisterWords.NoInt32);
            }

            return Length;
        }

        /// <summary>-1 (all ones) is the not-implemented pattern of a uint64.</summary>
        private static void Put64(ushort[] image, int at, long value)
        {
            RegisterWords.Put32(image, at, (value >> 32) & 0xFFFFFFFFL);
            RegisterWords.Put32(image, at + 2, value & 0xFFFFFFFFL);
        }
    }
}
