using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Typed reads from the map's JSON with the first error kept, named by its path
    /// (<c>points[3].scale</c>). Each read returns false once anything failed, so the loader can chain
    /// them and stop at the first problem. Paths are built only on failure.
    /// </summary>
    internal sealed class MapReader
    {
        private const int MaxPathDepth = 8;

        private readonly string[] _names = new string[MaxPathDepth];
        private readonly int[] _indices = new int[MaxPathDepth];
        private int _depth;

        public MapReader(JsonDocument doc)
        {
            Doc = doc;
        }

        public JsonDocument Doc { get; }

        public MapError Error { get; private set; }

        public bool Failed => Error != null;

        public void Enter(string member)
        {
            _names[_depth] = member;
            _indices[_depth++] = -1;
        }

        public void EnterIndex(int index)
        {
            _names[_depth] = null;
            _indices[_depth++] = index;
        }

        public void Leave()
        {
            _depth--;
        }

        /// <summary>The current path with <paramref name="member"/> (null for none) appended.</summary>
        public string PathOf(string member)
        {
            string path = string.Empty;
            for (int i = 0; i < _depth; i++)
            {
                path = _indices[i] < 0 ? Join(path, _names[i]) : path + "[" + _indices[i].ToString() + "]";
            }

            return member == null ? path : Join(path, member);
        }

        /// <summary>Keeps the first error only; always false, so callers can <c>return Fail(...)</c>.</summary>
        public bool Fail(MapErrorCode code, int token, string member, string reason)
        {
            if (Error == null)
            {
                Error = new MapError(code, PathOf(member), token < 0 ? -1 : Doc.Position(token), reason);
            }

            return false;
        }

        public void FailWith(MapError error)
        {
            if (Error == null)
            {
                Error = error;
            }
        }

        /// <summary>An object whose members are all in <paramref name="allowed"/>, none twice.</summary>
        public bool Object(int token, string member, string[] allowed)
        {
            if (Failed)
            {
                return false;
            }

            if (Doc.Kind(token) != JsonKind.Object)
            {
                return Fail(MapErrorCode.WrongType, token, member, "expected an object");
            }

            for (int key = Doc.FirstChild(token); key != -1; key = Doc.NextSibling(token, key + 1))
            {
                int known = IndexOfName(key, allowed);
                if (known < 0)
                {
                    return Fail(MapErrorCode.UnknownMember, key, Join(member, Doc.GetString(key)), "unknown member");
                }

                // Every name is one of the allowed few, so a repeat shows up within the first few members.
                for (int other = Doc.FirstChild(token); other != key; other = Doc.NextSibling(token, other + 1))
                {
                    if (Doc.StringEquals(other, allowed[known]))
                    {
                        return Fail(MapErrorCode.DuplicateMember, key, Join(member, allowed[known]), "duplicate member");
                    }
                }
            }

            return true;
        }

        /// <summary>An optional array member of at most <paramref name="max"/> elements; -1 when absent.</summary>
        public bool Array(int obj, string name, int max, string what, out int token)
        {
            token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            if (Doc.Kind(token) != JsonKind.Array)
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected an array");
            }

            if (Doc.Length(token) > max)
            {
                return Fail(MapErrorCode.TooMany, token, name, "at most " + max.ToString() + " " + what);
            }

            return true;
        }

        public bool RequiredString(int obj, string name, int maxLength, out string value)
        {
            value = null;
            return Present(obj, name) && String(obj, name, maxLength, out value);
        }

        /// <summary>An optional string of 1 to <paramref name="maxLength"/> characters; null when absent.</summary>
        public bool String(int obj, string name, int maxLength, out string value)
        {
            value = null;
            int token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            if (Doc.Kind(token) != JsonKind.String)
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected a string");
            }

            value = Doc.GetString(token);
            if (value.Length == 0 || value.Length > maxLength)
            {
                return Fail(MapErrorCode.OutOfRange, token, name, "must be 1 to " + maxLength.ToString() + " characters");
            }

            return true;
        }

        public bool RequiredInteger(int obj, string name, long min, long max, out long value)
        {
            value = 0;
            return Present(obj, name) && Integer(obj, name, min, max, 0, out value);
        }

        /// <summary>An optional integer in [min, max]; <paramref name="fallback"/> when absent.</summary>
        public bool Integer(int obj, string name, long min, long max, long fallback, out long value)
        {
            value = fallback;
            int token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            if (!Doc.TryGetInt64(token, out value))
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected an integer");
            }

            if (value < min || value > max)
            {
                return Fail(MapErrorCode.OutOfRange, token, name, "must be between " + min.ToString() + " and " + max.ToString());
            }

            return true;
        }

        /// <summary>An optional number; <paramref name="fallback"/> when absent.</summary>
        public bool Number(int obj, string name, double fallback, out double value)
        {
            value = fallback;
            int token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            if (Doc.Kind(token) != JsonKind.Number)
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected a number");
            }

            if (!Doc.TryGetDouble(token, out value))
            {
                return Fail(MapErrorCode.OutOfRange, token, name, "number too large");
            }

            return true;
        }

        /// <summary>Two optional numbers, NaN when absent, the <paramref name="high"/> one not below the <paramref name="low"/> one.</summary>
        public bool Bounds(int obj, string low, string high, out double min, out double max)
        {
            max = double.NaN;
            if (!Number(obj, low, double.NaN, out min) || !Number(obj, high, double.NaN, out max))
            {
                return false;
            }

            return !(max < min) || Fail(MapErrorCode.OutOfRange, Doc.Member(obj, high), high, "must not be below " + low);
        }

        public bool Bool(int obj, string name, bool fallback, out bool value)
        {
            value = fallback;
            int token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            JsonKind kind = Doc.Kind(token);
            if (kind != JsonKind.True && kind != JsonKind.False)
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected true or false");
            }

            value = kind == JsonKind.True;
            return true;
        }

        /// <summary>An optional string that must be one of <paramref name="choices"/>; its index, or <paramref name="fallback"/> when absent.</summary>
        public bool Choice(int obj, string name, string[] choices, int fallback, out int index)
        {
            index = fallback;
            int token = Failed ? -1 : Doc.Member(obj, name);
            if (token < 0)
            {
                return !Failed;
            }

            if (Doc.Kind(token) != JsonKind.String)
            {
                return Fail(MapErrorCode.WrongType, token, name, "expected a string");
            }

            index = IndexOfName(token, choices);
            if (index < 0)
            {
                string list = choices[0];
                for (int i = 1; i < choices.Length; i++)
                {
                    list = list + ", " + choices[i];
                }

                return Fail(MapErrorCode.UnknownValue, token, name, "must be one of " + list);
            }

            return true;
        }

        /// <summary>Fails with Required when the member is absent.</summary>
        public bool Present(int obj, string name)
        {
            if (Failed)
            {
                return false;
            }

            return Doc.Member(obj, name) >= 0 || Fail(MapErrorCode.Required, obj, name, "is required");
        }

        /// <summary>Fails with NotAllowed when the member is present.</summary>
        public bool Absent(int obj, string name, string why)
        {
            if (Failed)
            {
                return false;
            }

            int token = Doc.Member(obj, name);
            return token < 0 || Fail(MapErrorCode.NotAllowed, token, name, why);
        }

        private int IndexOfName(int token, string[] names)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (Doc.StringEquals(token, names[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Join(string path, string member)
        {
            if (member == null)
            {
                return path;
            }

            return path == null || path.Length == 0 ? member : path + "." + member;
        }
    }
}
