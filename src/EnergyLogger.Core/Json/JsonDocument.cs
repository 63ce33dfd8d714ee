using System.Text;

namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// A parsed JSON text kept as a flat token table over the source bytes (a DOM without objects):
    /// token 0 is the root, a container's children follow it, and <see cref="Next"/> skips a whole subtree.
    /// Strings and numbers are converted only when asked. The instance can be reused; its tables only grow.
    /// <see cref="JsonParser"/> reads the structure and <see cref="JsonScanner"/> the values into the <see cref="JsonTokenTable"/>.
    /// </summary>
    public sealed class JsonDocument
    {
        private readonly JsonTokenTable _tokens = new JsonTokenTable();
        private readonly JsonParser _parser = new JsonParser();
        private byte[] _text;
        private char[] _chars = new char[64];
        private JsonLimits _limits;
        private int _textBytes;

        /// <summary>Number of tokens; 0 after a failed parse.</summary>
        public int TokenCount => _tokens.Count;

        /// <summary>The status of the last parse.</summary>
        public JsonStatus Status { get; private set; }

        /// <summary>Byte offset of the failure in the parsed text, or -1.</summary>
        public int ErrorPosition { get; private set; }

        /// <summary>Where the failure sits, as <c>points[3].scale</c>; empty at the root.</summary>
        public string ErrorPath { get; private set; }

        /// <summary>
        /// Why the last parse failed, as one line: the reason, and for a limit the limit itself
        /// ("nesting too deep: the limit is 16 levels"), so that whoever wrote the document knows what to change.
        /// </summary>
        public string ErrorText
        {
            get
            {
                string text = JsonStatusText.Of(Status);
                switch (Status)
                {
                    case JsonStatus.TooLarge:
                        return text + ": " + _textBytes.ToString() + " bytes, the limit is " + _limits.MaxBytes.ToString();
                    case JsonStatus.TooDeep:
                        return text + ": the limit is " + _limits.MaxDepth.ToString() + " levels";
                    case JsonStatus.TooManyValues:
                        return text + ": the limit is " + _limits.MaxValues.ToString();
                    case JsonStatus.StringTooLong:
                        return text + ": the limit is " + _limits.MaxStringBytes.ToString() + " bytes";
                    default:
                        return text;
                }
            }
        }

        public const int Root = 0;

        public JsonStatus Parse(string text, JsonLimits limits)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Parse(bytes, 0, bytes.Length, limits);
        }

        /// <summary>
        /// Parses UTF-8 JSON (RFC 8259) into the token table. On failure the table is empty and the error fields say why.
        /// A leading byte order mark is skipped.
        /// </summary>
        public JsonStatus Parse(byte[] text, int offset, int count, JsonLimits limits)
        {
            _text = text;
            _limits = limits ?? new JsonLimits();
            _textBytes = count;
            JsonStatus status = _parser.Parse(text, offset, count, _limits, _tokens);
            Status = status;
            ErrorPosition = status == JsonStatus.Ok ? -1 : _parser.Position;
            ErrorPath = status == JsonStatus.Ok ? string.Empty : OpenPath(status != JsonStatus.ExpectedCommaOrEnd);
            if (status != JsonStatus.Ok)
            {
                _tokens.Clear();
            }

            return status;
        }

        public JsonKind Kind(int token)
        {
            return _tokens.Kind(token);
        }

        /// <summary>Byte offset of the token in the parsed text (the quote, bracket or first character).</summary>
        public int Position(int token)
        {
            return Kind(token) == JsonKind.String ? _tokens.Start(token) - 1 : _tokens.Start(token);
        }

        /// <summary>Byte offset just after the token and its whole subtree: from <see cref="Position"/> to here is its text.</summary>
        public int End(int token)
        {
            return Kind(token) == JsonKind.String ? _tokens.End(token) + 1 : _tokens.End(token);
        }

        /// <summary>The parsed UTF-8 text (the caller's buffer), for copying a value's text as it is.</summary>
        public byte[] Text => _text;

        /// <summary>The token after this one and its whole subtree.</summary>
        public int Next(int token)
        {
            return _tokens.Next(token);
        }

        /// <summary>First child of a container, or -1 when it is empty. Object children alternate name and value.</summary>
        public int FirstChild(int container)
        {
            return _tokens.Next(container) > container + 1 ? container + 1 : -1;
        }

        /// <summary>The child after <paramref name="child"/> in the same container, or -1.</summary>
        public int NextSibling(int container, int child)
        {
            int next = _tokens.Next(child);
            return next < _tokens.Next(container) ? next : -1;
        }

        /// <summary>Elements of an array, or members of an object.</summary>
        public int Length(int container)
        {
            int n = 0;
            for (int c = FirstChild(container); c != -1; c = NextSibling(container, c))
            {
                n++;
            }

            return Kind(container) == JsonKind.Object ? n / 2 : n;
        }

        /// <summary>The value of member <paramref name="name"/>, or -1. With duplicate names the first one wins.</summary>
        public int Member(int obj, string name)
        {
            for (int key = FirstChild(obj); key != -1; key = NextSibling(obj, key + 1))
            {
                if (StringEquals(key, name))
                {
                    return key + 1;
                }
            }

            return -1;
        }

        /// <summary>Element <paramref name="index"/> of an array, or -1.</summary>
        public int Element(int array, int index)
        {
            int i = 0;
            for (int c = FirstChild(array); c != -1; c = NextSibling(array, c))
            {
                if (i++ == index)
                {
                    return c;
                }
            }

            return -1;
        }

        public bool IsTrue(int token)
        {
            return Kind(token) == JsonKind.True;
        }

        /// <summary>The decoded text of a string token.</summary>
        public string GetString(int token)
        {
            int n = DecodeString(token);
            return new string(_chars, 0, n);
        }

        /// <summary>Compares a string token with <paramref name="value"/> without allocating.</summary>
        public bool StringEquals(int token, string value)
        {
            if (Kind(token) != JsonKind.String)
            {
                return false;
            }

            int start = _tokens.Start(token);
            int length = _tokens.End(token) - start;
            bool escaped = _tokens.IsEscaped(token);
            if (!escaped && length < value.Length)
            {
                // UTF-8 never takes fewer bytes than UTF-16 takes chars.
                return false;
            }

            if (!escaped && length == value.Length && IsAscii(start, length))
            {
                for (int i = 0; i < length; i++)
                {
                    if (_text[start + i] != value[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            int n = DecodeString(token);
            if (n != value.Length)
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                if (_chars[i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The number as the nearest double; false for a non-number or one beyond the double range.</summary>
        public bool TryGetDouble(int token, out double value)
        {
            value = 0;
            return Kind(token) == JsonKind.Number && JsonNumber.TryParseDouble(_text, _tokens.Start(token), _tokens.End(token), out value);
        }

        /// <summary>An integer written without fraction or exponent that fits in 64 bits.</summary>
        public bool TryGetInt64(int token, out long value)
        {
            value = 0;
            return Kind(token) == JsonKind.Number && JsonNumber.TryParseInt64(_text, _tokens.Start(token), _tokens.End(token), out value);
        }

        /// <summary>
        /// The path of the value being parsed when the parse stopped, built from the containers still open
        /// (only on failure, so it may allocate). Without <paramref name="inValue"/> the innermost element is left out.
        /// </summary>
        private string OpenPath(bool inValue)
        {
            string path = string.Empty;
            int depth = _parser.Depth;
            for (int d = 0; d < depth; d++)
            {
                int container = _parser.OpenContainer(d);
                bool innermost = d + 1 == depth;
                int stop = innermost ? _tokens.Count : _parser.OpenContainer(d + 1);
                int children = 0;
                int lastName = -1;
                for (int c = container + 1; c < stop; c = _tokens.Next(c))
                {
                    if (children % 2 == 0)
                    {
                        lastName = c;
                    }

                    children++;
                }

                if (innermost && !inValue)
                {
                    break;
                }

                if (Kind(container) == JsonKind.Array)
                {
                    path = path + "[" + children.ToString() + "]";
                }
                else if (children % 2 == 1)
                {
                    string name = GetString(lastName);
                    path = path.Length == 0 ? name : path + "." + name;
                }
            }

            return path;
        }

        private bool IsAscii(int start, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (_text[start + i] >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        private int DecodeString(int token)
        {
            int start = _tokens.Start(token);
            int end = _tokens.End(token);
            if (_chars.Length < end - start)
            {
                _chars = new char[end - start];
            }

            int n = 0;
            int pos = start;
            while (pos < end)
            {
                byte b = _text[pos];
                if (b == (byte)'\\')
                {
                    pos = DecodeEscape(pos, ref n);
                    continue;
                }

                int length = Utf8.SequenceLength(_text, pos, end);
                n += Utf8.ToChars(Utf8.Decode(_text, pos, length), _chars, n);
                pos += length;
            }

            return n;
        }

        /// <summary>One escape, already checked by the parser. RFC 8259, 7.</summary>
        private int DecodeEscape(int pos, ref int n)
        {
            byte e = _text[pos + 1];
            if (e != (byte)'u')
            {
                _chars[n++] = Unescape(e);
                return pos + 2;
            }

            // A \uXXXX escape is one UTF-16 unit; a surrogate pair arrives as two escapes and is stored as such.
            _chars[n++] = (char)JsonNumber.Hex4(_text, pos + 2);
            return pos + 6;
        }

        private static char Unescape(byte e)
        {
            switch (e)
            {
                case (byte)'b': return '\b';
                case (byte)'f': return '\f';
                case (byte)'n': return '\n';
                case (byte)'r': return '\r';
                case (byte)'t': return '\t';
                default: return (char)e;
            }
        }
    }
}
