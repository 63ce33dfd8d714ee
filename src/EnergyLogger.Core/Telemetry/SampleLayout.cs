using System.Collections;
using System.Text;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// What a stored record needs besides its values to be written as the sample JSON again, long after the map that
    /// made it may have changed: the schema fields the map feeds (their digits, whether codes are unsigned, their value
    /// maps with every text) and the names and digits of the "ext" values. A record's values are a list of slots, the
    /// fed fields in schema order, then the extras. Stored once at the start of each outbox segment and wherever a new
    /// map takes over (<see cref="RecordCodec"/>). Version 2 adds the value map of each "ext" value; a layout without any is
    /// still written as version 1, so the records of maps that had none stay byte for byte what they were.
    /// </summary>
    public sealed class SampleLayout
    {
        private const byte Version = 1;
        private const byte VersionWithExtraMaps = 2;
        private const int NoValueMap = 255;
        private const string PowerUnit = "W";

        private readonly int[] _fields;
        private readonly int[] _digits;
        private readonly bool[] _unsigned;
        private readonly int[] _valueMapOf;
        private readonly ValueMap[] _valueMaps;
        private readonly string[] _extraNames;
        private readonly int[] _extraMapOf;

        private SampleLayout(int[] fields, int[] digits, bool[] unsignedCodes, int[] valueMapOf, ValueMap[] valueMaps, string[] extraNames, int[] extraMapOf, byte[] bytes)
        {
            _extraMapOf = extraMapOf;
            _fields = fields;
            _digits = digits;
            _unsigned = unsignedCodes;
            _valueMapOf = valueMapOf;
            _valueMaps = valueMaps;
            _extraNames = extraNames;
            Bytes = bytes;
        }

        /// <summary>The stored form; two layouts are the same when their bytes are.</summary>
        public byte[] Bytes { get; }

        public int FieldSlots => _fields.Length;

        public int SlotCount => _fields.Length + _extraNames.Length;

        /// <summary>The schema field of a field slot.</summary>
        public int FieldOf(int slot)
        {
            return _fields[slot];
        }

        public FieldKind KindOf(int slot)
        {
            // An "ext" value with a value map is a code: kept exact and, in an aggregate, the last good reading.
            return slot < _fields.Length ? TelemetrySchema.Field(_fields[slot]).Kind
                : _extraMapOf[slot - _fields.Length] == NoValueMap ? FieldKind.Number : FieldKind.Code;
        }

        public int DigitsOf(int slot)
        {
            return _digits[slot];
        }

        /// <summary>Aggregates keep the minimum and maximum of power fields.</summary>
        public bool KeepsMinMax(int slot)
        {
            if (slot >= _fields.Length)
            {
                return false;
            }

            SchemaField field = TelemetrySchema.Field(_fields[slot]);
            return field.Kind == FieldKind.Number && field.Unit == PowerUnit;
        }

        public bool Same(SampleLayout other)
        {
            if (other == null || other.Bytes.Length != Bytes.Length)
            {
                return false;
            }

            for (int i = 0; i < Bytes.Length; i++)
            {
                if (other.Bytes[i] != Bytes[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A sample labelled by this layout, for writing decoded records; allocates.</summary>
        public Sample CreateSample()
        {
            var sample = new Sample(_extraNames.Length);
            for (int s = 0; s < _fields.Length; s++)
            {
                int f = _fields[s];
                sample.Fed[f] = true;
                sample.Digits[f] = _digits[s];
                sample.UnsignedCodes[f] = _unsigned[s];
                sample.ValueMaps[f] = _valueMapOf[s] == NoValueMap ? null : _valueMaps[_valueMapOf[s]];
            }

            for (int x = 0; x < _extraNames.Length; x++)
            {
                sample.ExtraNames[x] = _extraNames[x];
                sample.ExtraPaths[x] = "ext." + _extraNames[x];
                sample.ExtraDigits[x] = _digits[_fields.Length + x];
                if (_extraMapOf[x] != NoValueMap)
                {
                    sample.ExtraValueMaps[x] = _valueMaps[_extraMapOf[x]];
                    sample.ExtraTextNames[x] = ValueMap.TextName(_extraNames[x]);
                }
            }

            return sample;
        }

        /// <summary>The layout of a sample as a mapper made it; allocates (once per map taken over).</summary>
        public static SampleLayout Of(Sample sample)
        {
            int count = 0;
            for (int f = 0; f < TelemetrySchema.FieldCount; f++)
            {
                count += sample.Fed[f] ? 1 : 0;
            }

            int extras = sample.ExtraNames.Length;
            var fields = new int[count];
            var digits = new int[count + extras];
            var unsignedCodes = new bool[count];
            var valueMapOf = new int[count];
            var maps = new ArrayList();
            for (int f = 0, s = 0; f < TelemetrySchema.FieldCount; f++)
            {
                if (!sample.Fed[f])
                {
                    continue;
                }

                fields[s] = f;
                digits[s] = sample.Digits[f];
                unsignedCodes[s] = sample.UnsignedCodes[f];
                valueMapOf[s] = IndexIn(maps, sample.ValueMaps[f]);
                s++;
            }

            var names = new string[extras];
            var extraMapOf = new int[extras];
            for (int x = 0; x < extras; x++)
            {
                names[x] = sample.ExtraNames[x];
                digits[count + x] = sample.ExtraDigits[x];
                extraMapOf[x] = IndexIn(maps, sample.ExtraValueMaps[x]);
            }

            var valueMaps = new ValueMap[maps.Count];
            maps.CopyTo(valueMaps);
            return new SampleLayout(fields, digits, unsignedCodes, valueMapOf, valueMaps, names, extraMapOf,
                Serialize(fields, digits, unsignedCodes, valueMapOf, valueMaps, names, extraMapOf));
        }

        /// <summary>The map's index in <paramref name="maps"/>, added when new; <see cref="NoValueMap"/> for null.</summary>
        private static int IndexIn(ArrayList maps, ValueMap map)
        {
            if (map == null)
            {
                return NoValueMap;
            }

            int index = maps.IndexOf(map);
            return index >= 0 ? index : maps.Add(map);
        }

        /// <summary>A stored layout, or null when the bytes are not one this firmware writes.</summary>
        public static SampleLayout Read(byte[] buf, int offset, int count)
        {
            var reader = new LayoutReader(buf, offset, offset + count);
            int version, fieldCount, extras, mapCount;
            if (!reader.Count(VersionWithExtraMaps, out version) || version < Version || !reader.Count(TelemetrySchema.FieldCount, out fieldCount))
            {
                return null;
            }

            var fields = new int[fieldCount];
            var unsignedCodes = new bool[fieldCount];
            var valueMapOf = new int[fieldCount];
            var fieldDigits = new int[fieldCount];
            for (int s = 0; s < fieldCount; s++)
            {
                int flags;
                if (!reader.Count(TelemetrySchema.FieldCount - 1, out fields[s]) || !reader.Count(15, out fieldDigits[s])
                    || !reader.Count(1, out flags) || !reader.Count(NoValueMap, out valueMapOf[s]))
                {
                    return null;
                }

                unsignedCodes[s] = flags == 1;
            }

            if (!reader.Count(1024, out extras))
            {
                return null;
            }

            var digits = new int[fieldCount + extras];
            System.Array.Copy(fieldDigits, digits, fieldCount);
            var names = new string[extras];
            for (int x = 0; x < extras; x++)
            {
                if (!reader.Count(15, out digits[fieldCount + x]) || (names[x] = reader.Text()) == null)
                {
                    return null;
                }
            }

            if (!reader.Count(NoValueMap - 1, out mapCount))
            {
                return null;
            }

            var valueMaps = new ValueMap[mapCount];
            for (int m = 0; m < mapCount; m++)
            {
                if ((valueMaps[m] = reader.Map()) == null)
                {
                    return null;
                }
            }

            var extraMapOf = new int[extras];
            for (int x = 0; x < extras; x++)
            {
                extraMapOf[x] = NoValueMap;
                if (version == VersionWithExtraMaps && !reader.Count(NoValueMap, out extraMapOf[x]))
                {
                    return null;
                }
            }

            if (!MapsKnown(valueMapOf, mapCount) || !MapsKnown(extraMapOf, mapCount) || !reader.AtEnd)
            {
                return null;
            }

            var bytes = new byte[count];
            System.Array.Copy(buf, offset, bytes, 0, count);
            return new SampleLayout(fields, digits, unsignedCodes, valueMapOf, valueMaps, names, extraMapOf, bytes);
        }

        private static bool MapsKnown(int[] mapOf, int mapCount)
        {
            for (int s = 0; s < mapOf.Length; s++)
            {
                if (mapOf[s] != NoValueMap && mapOf[s] >= mapCount)
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Serialize(int[] fields, int[] digits, bool[] unsignedCodes, int[] valueMapOf, ValueMap[] maps, string[] names, int[] extraMapOf)
        {
            bool extraMaps = false;
            for (int x = 0; x < extraMapOf.Length; x++)
            {
                extraMaps |= extraMapOf[x] != NoValueMap;
            }

            var w = new LayoutWriter();
            w.Count(extraMaps ? VersionWithExtraMaps : Version);
            w.Count(fields.Length);
            for (int s = 0; s < fields.Length; s++)
            {
                w.Count(fields[s]);
                w.Count(digits[s]);
                w.Count(unsignedCodes[s] ? 1 : 0);
                w.Count(valueMapOf[s]);
            }

            w.Count(names.Length);
            for (int x = 0; x < names.Length; x++)
            {
                w.Count(digits[fields.Length + x]);
                w.Text(names[x]);
            }

            w.Count(maps.Length);
            for (int m = 0; m < maps.Length; m++)
            {
                w.Count(maps[m].IsBits ? 1 : 0);
                w.Count(maps[m].Count);
                for (int i = 0; i < maps[m].Count; i++)
                {
                    w.Signed(maps[m].Code(i));
                    w.Text(maps[m].Text(i));
                }
            }

            for (int x = 0; extraMaps && x < extraMapOf.Length; x++)
            {
                w.Count(extraMapOf[x]);
            }

            return w.ToArray();
        }

        /// <summary>Builds the stored form in a buffer that grows; runs once per map.</summary>
        private sealed class LayoutWriter
        {
            private byte[] _buf = new byte[256];
            private int _pos;

            public void Count(int value)
            {
                Room(Varint.MaxBytes);
                _pos = Varint.WriteUnsigned(_buf, _pos, value);
            }

            public void Signed(long value)
            {
                Room(Varint.MaxBytes);
                _pos = Varint.WriteSigned(_buf, _pos, value);
            }

            public void Text(string text)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                Count(utf8.Length);
                Room(utf8.Length);
                System.Array.Copy(utf8, 0, _buf, _pos, utf8.Length);
                _pos += utf8.Length;
            }

            public byte[] ToArray()
            {
                var bytes = new byte[_pos];
                System.Array.Copy(_buf, bytes, _pos);
                return bytes;
            }

            private void Room(int more)
            {
                if (_pos + more <= _buf.Length)
                {
                    return;
                }

                var bigger = new byte[(_buf.Length * 2) + more];
                System.Array.Copy(_buf, bigger, _pos);
                _buf = bigger;
            }
        }

        /// <summary>Reads the stored form, every value checked against its bounds.</summary>
        private sealed class LayoutReader
        {
            private const int MaxText = 255;

            private readonly byte[] _buf;
            private readonly int _end;
            private int _pos;

            public LayoutReader(byte[] buf, int pos, int end)
            {
                _buf = buf;
                _pos = pos;
                _end = end;
            }

            public bool AtEnd => _pos == _end;

            public bool Count(int max, out int value)
            {
                return Varint.ReadCount(_buf, ref _pos, _end, max, out value);
            }

            public string Text()
            {
                int length;
                if (!Count(MaxText, out length) || _pos + length > _end)
                {
                    return null;
                }

                string text = Encoding.UTF8.GetString(_buf, _pos, length);
                _pos += length;
                return text;
            }

            public ValueMap Map()
            {
                int bits, count;
                if (!Count(1, out bits) || !Count(1024, out count))
                {
                    return null;
                }

                var codes = new long[count];
                var texts = new string[count];
                for (int i = 0; i < count; i++)
                {
                    if (!Varint.ReadSigned(_buf, ref _pos, _end, out codes[i]) || (texts[i] = Text()) == null)
                    {
                        return null;
                    }
                }

                return new ValueMap("", bits == 1, codes, texts);
            }
        }
    }
}
