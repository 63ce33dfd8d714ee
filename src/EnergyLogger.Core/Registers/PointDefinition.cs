using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// One value the map reads: where it lives, how its registers become a number, and where it goes in
    /// the schema. Built and checked once by the loader; the poll cycle only reads it.
    /// </summary>
    public sealed class PointDefinition
    {
        public int Index { get; internal set; }

        public string Name { get; internal set; }

        /// <summary>Metadata (serial number, model) rather than telemetry.</summary>
        public bool IsMetadata { get; internal set; }

        public int Device { get; internal set; }

        /// <summary>The read function: FC01, 02, 03 or 04.</summary>
        public FunctionCode Function { get; internal set; }

        public int Address { get; internal set; }

        public RegisterType Type { get; internal set; }

        /// <summary>Registers (or bits) the point covers.</summary>
        public int Count { get; internal set; }

        public WordOrder Order { get; internal set; }

        /// <summary>
        /// The type the raw registers are decoded as before masking: the point type, except UInt32 for
        /// Float32 (so sentinels compare bit patterns) and UInt16 for a Bool taken from one bit.
        /// </summary>
        public RegisterType RawType { get; internal set; }

        /// <summary>Bits kept from the raw value, or 0 for all; the result is shifted down by <see cref="Shift"/>.</summary>
        public ulong Mask { get; internal set; }

        public int Shift { get; internal set; }

        public double Scale { get; internal set; } = 1;

        public double Offset { get; internal set; }

        /// <summary>A point whose int16 value is a power of ten applied to this one (SunSpec), or -1.</summary>
        public int ScaleFactorPoint { get; internal set; } = -1;

        public string Unit { get; internal set; }

        /// <summary>Raw values meaning "not available", as <see cref="ValueCodec.ToInt64"/> returns them for <see cref="RawType"/>.</summary>
        public long[] Sentinels { get; internal set; } = new long[0];

        public double ValidMin { get; internal set; } = double.NaN;

        public double ValidMax { get; internal set; } = double.NaN;

        public PollClass Poll { get; internal set; } = PollClass.Normal;

        public bool Writable { get; internal set; }

        public double WriteMin { get; internal set; } = double.NaN;

        public double WriteMax { get; internal set; } = double.NaN;

        /// <summary>Index into <see cref="RegisterMap.ValueMaps"/>, or -1.</summary>
        public int ValueMap { get; internal set; } = -1;

        /// <summary>Index of the schema field it feeds, or -1.</summary>
        public int Target { get; internal set; } = -1;

        /// <summary>False for a helper value (a scale factor, an input of a computed field): read and used, never published.</summary>
        public bool Publish { get; internal set; } = true;

        /// <summary>The decoded value is negated ("sign": "inverted"), before the valid range is checked.</summary>
        public bool Inverted { get; internal set; }

        /// <summary>True when the point names its own sign convention, which then replaces its device's.</summary>
        public bool OwnSign { get; internal set; }

        public Schema.GridSign GridSign { get; internal set; }

        public Schema.BatterySign BatterySign { get; internal set; }

        /// <summary>A register the device's "expect" names: its raw value must be <see cref="Expected"/> for the layout to hold.</summary>
        public bool HasExpected { get; internal set; }

        public long Expected { get; internal set; }

        /// <summary>Where its registers sit in <see cref="RegisterFrame.Words"/>.</summary>
        public int WordOffset { get; internal set; }

        /// <summary>Digits worth publishing: a binary32 holds about 7, the rest are limited by the writer.</summary>
        public int SignificantDigits => Type == RegisterType.Float32 ? 7 : 12;

        public bool IsSentinel(long raw)
        {
            for (int i = 0; i < Sentinels.Length; i++)
            {
                if (Sentinels[i] == raw)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the value is an exact integer code (no scale, offset or scale factor).</summary>
        public bool IsPlainInteger => Type != RegisterType.Float32 && Type != RegisterType.String
            && Scale == 1 && Offset == 0 && ScaleFactorPoint < 0;
    }
}
