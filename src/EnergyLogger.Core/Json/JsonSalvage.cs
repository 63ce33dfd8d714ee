namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// Finds a member in a JSON text that does not parse as a whole (cut short by a transport's cap, too large, or broken
    /// further on), so that a refusal can still name what it refuses: the config id of a config, the id of each command.
    /// It walks the text as far as it goes, keeping track of strings and nesting, and takes the value of each member of
    /// the name asked for at the depth asked for when that value is a whole string or a number followed by more text.
    /// Only what the walk has passed is trusted; nothing after the first unterminated string is looked at.
    /// </summary>
    public sealed class JsonSalvage
    {
        private readonly JsonDocument _value = new JsonDocument();
        private readonly JsonLimits _limits = new JsonLimits { MaxBytes = 1024, MaxDepth = 1, MaxValues = 1, MaxStringBytes = 1024 };

        /// <summary>
        /// The first string member named <paramref name="name"/> of the root object (depth 1), or null when the text
        /// has none that the walk reached whole.
        /// </summary>
        public string RootString(byte[] text, int offset, int count, string name)
        {
            var starts = new int[1];
            var lengths = new int[1];
            if (Find(text, offset, count, name, 1, starts, lengths) == 0 || _value.Parse(text, starts[0], lengths[0], _limits) != JsonStatus.Ok
                || _value.Kind(JsonDocument.Root) != JsonKind.String)
            {
                return null;
            }

            return _value.GetString(JsonDocument.Root);
        }

        /// <summary>
        /// The integer values of the members named <paramref name="name"/> at <paramref name="depth"/> (1: members of the
        /// root object; 2: members of the objects in a root array), at most <paramref name="into"/>'s length; returns how many.
        /// </summary>
        public int Integers(byte[] text, int offset, int count, string name, int depth, long[] into)
        {
            var starts = new int[into.Length];
            var lengths = new int[into.Length];
            int found = Find(text, offset, count, name, depth, starts, lengths);
            int n = 0;
            for (int i = 0; i < found; i++)
            {
                long value;
                if (_value.Parse(text, starts[i], lengths[i], _limits) == JsonStatus.Ok && _value.TryGetInt64(JsonDocument.Root, out value))
                {
                    into[n++] = value;
                }
            }

            return n;
        }

        /// <summary>The depth of the members of the root's elements: 1 for an object, 2 for an array of objects, 0 for neither.</summary>
        public static int ItemDepth(byte[] text, int offset, int count)
        {
            int i = SkipSpace(text, SkipByteOrderMark(text, offset, count), offset + count);
            if (i >= offset + count)
            {
                return 0;
            }

            return text[i] == (byte)'{' ? 1 : text[i] == (byte)'[' ? 2 : 0;
        }

        private static int Find(byte[] text, int offset, int count, string name, int depth, int[] starts, int[] lengths)
        {
            int end = offset + count;
            int level = 0;
            int found = 0;
            int i = SkipByteOrderMark(text, offset, count);
            while (i < end && found < starts.Length)
            {
                byte c = text[i];
                if (c != (byte)'"')
                {
                    level += c == (byte)'{' || c == (byte)'[' ? 1 : c == (byte)'}' || c == (byte)']' ? -1 : 0;
                    i++;
                    continue;
                }

                int nameStart = i;
                i = StringEnd(text, i, end);
                if (i < 0)
                {
                    return found;
                }

                int colon = SkipSpace(text, i, end);
                if (colon >= end || text[colon] != (byte)':' || level != depth || !NameIs(text, nameStart + 1, i - 1, name))
                {
                    continue;
                }

                int value = SkipSpace(text, colon + 1, end);
                int valueEnd = value < end && text[value] == (byte)'"' ? StringEnd(text, value, end) : NumberEnd(text, value, end);
                if (valueEnd > value)
                {
                    starts[found] = value;
                    lengths[found++] = valueEnd - value;
                    i = valueEnd;
                }
            }

            return found;
        }

        /// <summary>The index after the closing quote of the string that starts at <paramref name="quote"/>, or -1 when the text ends first.</summary>
        private static int StringEnd(byte[] text, int quote, int end)
        {
            for (int i = quote + 1; i < end; i++)
            {
                if (text[i] == (byte)'\\')
                {
                    i++;
                }
                else if (text[i] == (byte)'"')
                {
                    return i + 1;
                }
            }

            return -1;
        }

        /// <summary>The index after a number, or -1 when the text ends within it (a cut number could be another number).</summary>
        private static int NumberEnd(byte[] text, int start, int end)
        {
            int i = start;
            while (i < end && (text[i] == (byte)'-' || text[i] == (byte)'+' || text[i] == (byte)'.' || text[i] == (byte)'e' || text[i] == (byte)'E'
                || (text[i] >= (byte)'0' && text[i] <= (byte)'9')))
            {
                i++;
            }

            return i < end && i > start ? i : -1;
        }

        private static bool NameIs(byte[] text, int from, int to, string name)
        {
            if (to - from != name.Length)
            {
                return false;
            }

            for (int k = 0; k < name.Length; k++)
            {
                if (text[from + k] != (byte)name[k])
                {
                    return false;
                }
            }

            return true;
        }

        private static int SkipSpace(byte[] text, int i, int end)
        {
            while (i < end && (text[i] == (byte)' ' || text[i] == (byte)'\t' || text[i] == (byte)'\n' || text[i] == (byte)'\r'))
            {
                i++;
            }

            return i;
        }

        private static int SkipByteOrderMark(byte[] text, int offset, int count)
        {
            return count >= 3 && text[offset] == 0xEF && text[offset + 1] == 0xBB && text[offset + 2] == 0xBF ? offset + 3 : offset;
        }
    }
}
