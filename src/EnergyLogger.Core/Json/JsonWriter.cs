namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// Compact JSON (RFC 8259) into one reusable byte buffer, members in the order they are written, so
    /// that the output is deterministic. It never grows the buffer: past its end it stops writing and sets
    /// <see cref="Overflowed"/>, and a cycle costs no allocation.
    /// </summary>
    public sealed class JsonWriter
    {
        public const int DefaultSignificantDigits = 12;
        public const int DefaultMaxDecimals = 6;

        private static readonly byte[] HexDigits =
        {
            (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7',
            (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f',
        };

        private readonly byte[] _buf;
        private readonly bool[] _hasItem;
        private int _depth;
        private bool _afterName;

        public JsonWriter(int capacity, int maxDepth)
        {
            _buf = new byte[capacity];
            _hasItem = new bool[maxDepth + 1];
        }

        public byte[] Buffer => _buf;

        public int Length { get; private set; }

        /// <summary>True once something did not fit; the text is then incomplete and must not be sent.</summary>
        public bool Overflowed { get; private set; }

        public void Reset()
        {
            Length = 0;
            Overflowed = false;
            _depth = 0;
            _afterName = false;
            _hasItem[0] = false;
        }

        public void BeginObject()
        {
            Open((byte)'{');
        }

        public void EndObject()
        {
            Close((byte)'}');
        }

        public void BeginArray()
        {
            Open((byte)'[');
        }

        public void EndArray()
        {
            Close((byte)']');
        }

        /// <summary>A member name; the next call writes its value.</summary>
        public void Name(string name)
        {
            Separate();
            Quoted(name);
            Put((byte)':');
            _afterName = true;
        }

        public void String(string value)
        {
            Separate();
            if (value == null)
            {
                Literal("null");
                return;
            }

            Quoted(value);
        }

        /// <summary>A number with the default precision; NaN and infinities are written as null.</summary>
        public void Number(double value)
        {
            Number(value, DefaultSignificantDigits, DefaultMaxDecimals);
        }

        /// <summary>A number rounded as <see cref="JsonNumberFormat.Write"/> describes; NaN and infinities are written as null.</summary>
        public void Number(double value, int significantDigits, int maxDecimals)
        {
            Separate();
            if (!Reserve(JsonNumberFormat.MaxLength))
            {
                return;
            }

            int n = JsonNumberFormat.Write(value, significantDigits, maxDecimals, _buf, Length);
            if (n == 0)
            {
                Literal("null");
                return;
            }

            Length += n;
        }

        public void Integer(long value)
        {
            Separate();
            if (Reserve(JsonNumberFormat.MaxLength))
            {
                Length += JsonNumberFormat.WriteInteger(value, _buf, Length);
            }
        }

        public void Unsigned(ulong value)
        {
            Separate();
            if (Reserve(JsonNumberFormat.MaxLength))
            {
                Length += JsonNumberFormat.WriteDigits(value, _buf, Length);
            }
        }

        public void Bool(bool value)
        {
            Separate();
            Literal(value ? "true" : "false");
        }

        public void Null()
        {
            Separate();
            Literal("null");
        }

        /// <summary>A value that is JSON text already (a member copied from a parsed document), bytes start to end.</summary>
        public void Raw(byte[] text, int start, int end)
        {
            Separate();
            if (Reserve(end - start))
            {
                System.Array.Copy(text, start, _buf, Length, end - start);
                Length += end - start;
            }
        }

        /// <summary>The text so far, for logs and tests; allocates.</summary>
        public string Text()
        {
            return new string(System.Text.Encoding.UTF8.GetChars(_buf, 0, Length));
        }

        private void Open(byte bracket)
        {
            Separate();
            if (_depth + 1 >= _hasItem.Length)
            {
                throw new System.InvalidOperationException("JSON nesting deeper than the writer was built for");
            }

            Put(bracket);
            _hasItem[++_depth] = false;
        }

        private void Close(byte bracket)
        {
            if (_depth == 0)
            {
                throw new System.InvalidOperationException("JSON container closed twice");
            }

            _depth--;
            Put(bracket);
        }

        /// <summary>The comma before every item of a container except the first, and none after a name.</summary>
        private void Separate()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_hasItem[_depth])
            {
                Put((byte)',');
            }

            _hasItem[_depth] = true;
        }

        private void Literal(string text)
        {
            if (!Reserve(text.Length))
            {
                return;
            }

            for (int i = 0; i < text.Length; i++)
            {
                _buf[Length++] = (byte)text[i];
            }
        }

        /// <summary>A string with the escapes of RFC 8259, 7; other text as UTF-8.</summary>
        private void Quoted(string value)
        {
            Put((byte)'"');
            for (int i = 0; i < value.Length; i++)
            {
                // Six bytes covers the longest form of one char (\u00XX).
                if (!Reserve(6))
                {
                    return;
                }

                char c = value[i];
                if (c == '"' || c == '\\')
                {
                    _buf[Length++] = (byte)'\\';
                    _buf[Length++] = (byte)c;
                }
                else if (c < 0x20)
                {
                    Control(c);
                }
                else if (c < 0x80)
                {
                    _buf[Length++] = (byte)c;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < value.Length && value[i + 1] >= 0xDC00 && value[i + 1] <= 0xDFFF)
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    Length += Utf8.Encode(codePoint, _buf, Length);
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate has no UTF-8 form; the escape keeps the text valid.
                    UnicodeEscape(c);
                }
                else
                {
                    Length += Utf8.Encode(c, _buf, Length);
                }
            }

            Put((byte)'"');
        }

        private void Control(char c)
        {
            byte escape = c == '\n' ? (byte)'n' : c == '\r' ? (byte)'r' : c == '\t' ? (byte)'t' : c == '\b' ? (byte)'b' : c == '\f' ? (byte)'f' : (byte)0;
            if (escape != 0)
            {
                _buf[Length++] = (byte)'\\';
                _buf[Length++] = escape;
                return;
            }

            UnicodeEscape(c);
        }

        private void UnicodeEscape(char c)
        {
            _buf[Length++] = (byte)'\\';
            _buf[Length++] = (byte)'u';
            _buf[Length++] = HexDigits[(c >> 12) & 0xF];
            _buf[Length++] = HexDigits[(c >> 8) & 0xF];
            _buf[Length++] = HexDigits[(c >> 4) & 0xF];
            _buf[Length++] = HexDigits[c & 0xF];
        }

        private void Put(byte b)
        {
            if (Reserve(1))
            {
                _buf[Length++] = b;
            }
        }

        private bool Reserve(int count)
        {
            if (Overflowed || Length + count > _buf.Length)
            {
                Overflowed = true;
                return false;
            }

            return true;
        }
    }
}
