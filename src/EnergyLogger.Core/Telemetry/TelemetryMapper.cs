using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// Maps one cycle's decoded values onto the schema for one endpoint group: sign normalisation to the
    /// schema's conventions (grid + = export, battery + = charging) where the device declares otherwise,
    /// the schema's physical ranges, and energy-counter plausibility. All tables are built in the
    /// constructor; <see cref="Map"/> allocates nothing.
    /// </summary>
    public sealed class TelemetryMapper
    {
        private readonly RegisterMap _map;
        private readonly int[] _fields;
        private readonly int[] _slots;
        private readonly bool[] _negate;
        private readonly int[] _counters;
        private readonly double[] _maxPowerW;
        private readonly int[] _extraSlots;
        private readonly CounterGuard _guard;

        public TelemetryMapper(RegisterMap map, int endpointGroup)
        {
            _map = map;
            int entries = 0, extras = 0;
            for (int slot = 0; slot < map.ValueCount; slot++)
            {
                if (Publishes(slot, endpointGroup))
                {
                    entries += TargetOf(slot) >= 0 ? 1 : 0;
                    extras += TargetOf(slot) < 0 ? 1 : 0;
                }
            }

            _fields = new int[entries];
            _slots = new int[entries];
            _negate = new bool[entries];
            _counters = new int[entries];
            _maxPowerW = new double[entries];
            _extraSlots = new int[extras];
            int counters = 0;
            for (int slot = 0, e = 0, x = 0; slot < map.ValueCount; slot++)
            {
                if (!Publishes(slot, endpointGroup))
                {
                    continue;
                }

                if (TargetOf(slot) < 0)
                {
                    _extraSlots[x++] = slot;
                    continue;
                }

                SchemaField field = TelemetrySchema.Field(TargetOf(slot));
                DeviceDefinition device = map.Devices[DeviceOf(slot)];
                PointDefinition point = slot < map.Points.Length ? map.Points[slot] : null;
                bool own = point != null && point.OwnSign;
                _fields[e] = field.Index;
                _slots[e] = slot;
                _negate[e] = SignConvention.IsReversed(field.Sign, own ? point.GridSign : device.GridSign, own ? point.BatterySign : device.BatterySign);
                _counters[e] = field.IsEnergy ? counters++ : -1;
                _maxPowerW[e] = device.MaxPowerW;
                e++;
            }

            _guard = new CounterGuard(counters);
            EndpointGroup = endpointGroup;
        }

        public int EndpointGroup { get; }

        /// <summary>A sample sized and labelled for this mapper; make one and reuse it every cycle.</summary>
        public Sample CreateSample()
        {
            var sample = new Sample(_extraSlots.Length);
            for (int e = 0; e < _fields.Length; e++)
            {
                int f = _fields[e];
                int slot = _slots[e];
                sample.Fed[f] = true;
                sample.Digits[f] = DigitsOf(slot);
                if (slot < _map.Points.Length)
                {
                    PointDefinition p = _map.Points[slot];
                    sample.ValueMaps[f] = p.ValueMap >= 0 ? _map.ValueMaps[p.ValueMap] : null;
                    sample.UnsignedCodes[f] = p.RawType != RegisterType.Int16 && p.RawType != RegisterType.Int32 && p.RawType != RegisterType.Int64;
                }
            }

            for (int x = 0; x < _extraSlots.Length; x++)
            {
                int slot = _extraSlots[x];
                string name = slot < _map.Points.Length ? _map.Points[slot].Name : _map.Computed[slot - _map.Points.Length].Name;
                sample.ExtraNames[x] = name;
                sample.ExtraPaths[x] = "ext." + name;
                sample.ExtraDigits[x] = DigitsOf(slot);
                if (slot < _map.Points.Length && _map.Points[slot].ValueMap >= 0)
                {
                    sample.ExtraValueMaps[x] = _map.ValueMaps[_map.Points[slot].ValueMap];
                    sample.ExtraTextNames[x] = ValueMap.TextName(name);
                }
            }

            return sample;
        }

        /// <summary>Fills <paramref name="sample"/> from one cycle's values, stamped from the clock port.</summary>
        public void Map(DecodedValues values, IClock clock, Sample sample)
        {
            bool synced = clock.WallClockSynced;
            // DateTime ticks are 100 ns on both runtimes.
            long unixMs = synced ? (clock.UtcNow - System.DateTime.UnixEpoch).Ticks / 10000 : 0;
            Map(values, clock.MonotonicMs, unixMs, synced, sample);
        }

        /// <summary>Fills <paramref name="sample"/> from one cycle's values.</summary>
        public void Map(DecodedValues values, long monotonicMs, long unixMs, bool clockSynced, Sample sample)
        {
            sample.MonotonicMs = monotonicMs;
            sample.UnixMs = unixMs;
            sample.ClockSynced = clockSynced;
            for (int e = 0; e < _fields.Length; e++)
            {
                int f = _fields[e];
                int slot = _slots[e];
                double value = _negate[e] ? -values.Values[slot] : values.Values[slot];
                ValueQuality quality = values.Quality[slot];
                if (quality == ValueQuality.Ok)
                {
                    quality = Check(e, TelemetrySchema.Field(f), value, monotonicMs);
                }

                sample.Quality[f] = quality;
                sample.Fresh[f] = quality == ValueQuality.Ok && values.Fresh[slot];
                sample.Values[f] = quality == ValueQuality.Ok ? value : 0;
                sample.Codes[f] = quality == ValueQuality.Ok ? values.Raw[slot] : 0;
            }

            for (int x = 0; x < _extraSlots.Length; x++)
            {
                int slot = _extraSlots[x];
                sample.ExtraQuality[x] = values.Quality[slot];
                sample.ExtraFresh[x] = values.Quality[slot] == ValueQuality.Ok && values.Fresh[slot];
                sample.ExtraValues[x] = values.Quality[slot] == ValueQuality.Ok ? values.Values[slot] : 0;
                sample.ExtraCodes[x] = values.Quality[slot] == ValueQuality.Ok ? values.Raw[slot] : 0;
            }
        }

        private ValueQuality Check(int e, SchemaField field, double value, long nowMs)
        {
            if (!PointDecoder.InRange(value, field.Min, field.Max))
            {
                return ValueQuality.OutOfRange;
            }

            return _counters[e] < 0 ? ValueQuality.Ok
                : _guard.Check(_counters[e], value, nowMs, field.Kind == FieldKind.EnergyDaily, _maxPowerW[e]);
        }

        /// <summary>
        /// Telemetry points and computed fields of devices in this endpoint group that the map publishes; metadata is
        /// published elsewhere, helper values (scale factors, inputs of computed fields) nowhere.
        /// </summary>
        private bool Publishes(int slot, int group)
        {
            bool isPoint = slot < _map.Points.Length;
            bool published = isPoint ? !_map.Points[slot].IsMetadata && _map.Points[slot].Publish : _map.Computed[slot - _map.Points.Length].Publish;
            return published && _map.Devices[DeviceOf(slot)].EndpointGroup == group;
        }

        private int TargetOf(int slot)
        {
            return slot < _map.Points.Length ? _map.Points[slot].Target : _map.Computed[slot - _map.Points.Length].Target;
        }

        private int DeviceOf(int slot)
        {
            return slot < _map.Points.Length ? _map.Points[slot].Device : _map.Computed[slot - _map.Points.Length].Device;
        }

        private int DigitsOf(int slot)
        {
            return slot < _map.Points.Length ? _map.Points[slot].SignificantDigits : Json.JsonWriter.DefaultSignificantDigits;
        }
    }
}
