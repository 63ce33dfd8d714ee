using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads the "valueMaps" list: texts for codes ("values") or for the bits of a bit field ("bits"); then finds the
    /// value map a point names.
    /// </summary>
    internal sealed class ValueMapListReader
    {
        private static readonly string[] ValueMapMembers = { "name", "values", "bits", "source" };

        private readonly MapReader _r;
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map;
        private readonly MapNames _names;

        public ValueMapListReader(MapReader r, RegisterMap map, MapNames names)
        {
            _r = r;
            _doc = r.Doc;
            _map = map;
            _names = names;
        }

        /// <summary>Fills the map's value maps.</summary>
        public bool Load()
        {
            int list;
            if (!_r.Array(JsonDocument.Root, "valueMaps", MapLimits.MaxValueMaps, "value maps", out list))
            {
                return false;
            }

            _map.ValueMaps = new ValueMap[list < 0 ? 0 : _doc.Length(list)];
            if (list < 0)
            {
                return true;
            }

            _r.Enter("valueMaps");
            for (int e = _doc.FirstChild(list), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(list, e), i++)
            {
                _r.EnterIndex(i);
                _map.ValueMaps[i] = LoadValueMap(e, i);
                _r.Leave();
            }

            _r.Leave();
            return !_r.Failed;
        }

        private ValueMap LoadValueMap(int obj, int index)
        {
            string name, ignored;
            if (!_r.Object(obj, null, ValueMapMembers) || !_names.Read(obj, out name) || !_r.String(obj, "source", MapLimits.MaxSourceLength, out ignored))
            {
                return null;
            }

            for (int i = 0; i < index; i++)
            {
                if (_map.ValueMaps[i].Name == name)
                {
                    _r.Fail(MapErrorCode.DuplicateName, _doc.Member(obj, "name"), "name", "\"" + name + "\" is already used by valueMaps[" + i.ToString() + "]");
                    return null;
                }
            }

            int values = _doc.Member(obj, "values");
            int bits = _doc.Member(obj, "bits");
            if (values >= 0 && bits >= 0)
            {
                _r.Fail(MapErrorCode.NotAllowed, bits, "bits", "values and bits exclude each other");
                return null;
            }

            if (values < 0 && bits < 0)
            {
                _r.Fail(MapErrorCode.Required, obj, "values", "is required (or bits)");
                return null;
            }

            return LoadEntries(name, bits >= 0, bits >= 0 ? bits : values);
        }

        /// <summary>An object from decimal codes (or bit numbers 0 to 63) to texts.</summary>
        private ValueMap LoadEntries(string name, bool isBits, int obj)
        {
            string member = isBits ? "bits" : "values";
            if (_doc.Kind(obj) != JsonKind.Object)
            {
                _r.Fail(MapErrorCode.WrongType, obj, member, "expected an object");
                return null;
            }

            int count = _doc.Length(obj);
            if (count > MapLimits.MaxValueMapEntries)
            {
                _r.Fail(MapErrorCode.TooMany, obj, member, "at most " + MapLimits.MaxValueMapEntries.ToString() + " entries");
                return null;
            }

            var codes = new long[count];
            var texts = new string[count];
            _r.Enter(member);
            int i = 0;
            for (int key = _doc.FirstChild(obj); key != -1 && !_r.Failed; key = _doc.NextSibling(obj, key + 1), i++)
            {
                ReadEntry(key, isBits, codes, texts, i);
            }

            _r.Leave();
            return _r.Failed ? null : new ValueMap(name, isBits, codes, texts);
        }

        private void ReadEntry(int key, bool isBits, long[] codes, string[] texts, int i)
        {
            string keyText = _doc.GetString(key);
            long code;
            if (!ParseCode(keyText, out code) || (isBits && (code < 0 || code > 63)))
            {
                _r.Fail(MapErrorCode.WrongType, key, keyText, isBits ? "expected a bit number from 0 to 63" : "expected an integer code");
                return;
            }

            for (int j = 0; j < i; j++)
            {
                if (codes[j] == code)
                {
                    _r.Fail(MapErrorCode.DuplicateMember, key, keyText, "duplicate member");
                    return;
                }
            }

            int value = key + 1;
            if (_doc.Kind(value) != JsonKind.String)
            {
                _r.Fail(MapErrorCode.WrongType, value, keyText, "expected a string");
                return;
            }

            string text = _doc.GetString(value);
            if (text.Length == 0 || text.Length > MapLimits.MaxValueTextLength)
            {
                _r.Fail(MapErrorCode.OutOfRange, value, keyText, "must be 1 to " + MapLimits.MaxValueTextLength.ToString() + " characters");
                return;
            }

            codes[i] = code;
            texts[i] = text;
        }

        /// <summary>Canonical decimal: an optional '-', no leading zeros, at most 18 digits.</summary>
        private static bool ParseCode(string text, out long code)
        {
            code = 0;
            int start = text.Length > 0 && text[0] == '-' ? 1 : 0;
            int digits = text.Length - start;
            if (digits < 1 || digits > 18 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            for (int i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }

                code = (code * 10) + (text[i] - '0');
            }

            code = start == 1 ? -code : code;
            return true;
        }

        /// <summary>The index of the value map named <paramref name="name"/>, or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < _map.ValueMaps.Length; i++)
            {
                if (_map.ValueMaps[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
