namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// The parser: one pass; the open containers sit on a stack capped by <see cref="JsonLimits.MaxDepth"/>,
    /// which also bounds the call depth of nested values.
    /// </summary>
    public sealed partial class JsonDocument
    {
        private int[] _open = new int[16];
        private int _depth;
        private int _pos;
        private int _endOfText;
        private JsonLimits _limits;
        private int _textBytes;

        /// <summary>
        /// Parses UTF-8 JSON (RFC 8259) into the token table. On failure the table is empty and the error fields say why.
        /// A leading byte order mark is skipped (RFC 8259, 8.1 lets a parser ignore it): editors on Windows write one,
        /// and a map or config saved by them must read the same on the host and on the device.
        /// </summary>
        public JsonStatus Parse(byte[] text, int offset, int count, JsonLimits limits)
        {
            _text = text;
            _limits = limits ?? new JsonLimits();
            _count = 0;
            _depth = 0;
            _pos = offset;
            _endOfText = offset + count;
            _textBytes = count;
            if (count >= 3 && text[offset] == 0xEF && text[offset + 1] == 0xBB && text[offset + 2] == 0xBF)
            {
                _pos += 3;
            }
            if (_open.Length < _limits.MaxDepth)
            {
                _open = new int[_limits.MaxDepth];
            }

            JsonStatus status = count > _limits.MaxBytes ? JsonStatus.TooLarge : ParseText();
            Status = status;
            ErrorPosition = status == JsonStatus.Ok ? -1 : _pos;
            ErrorPath = status == JsonStatus.Ok ? string.Empty : OpenPath(status != JsonStatus.ExpectedCommaOrEnd);
            if (status != JsonStatus.Ok)
            {
                _count = 0;
            }

            return status;
        }

        private JsonStatus ParseText()
        {
            SkipSpace();
            if (_pos == _endOfText)
            {
                return JsonStatus.Empty;
            }

            JsonStatus status = ParseValue();
            while (status == JsonStatus.Ok && _depth > 0)
            {
                status = ContinueContainer();
            }

            if (status != JsonStatus.Ok)
            {
                return status;
            }

            SkipSpace();
            return _pos == _endOfText ? JsonStatus.Ok : JsonStatus.TrailingData;
        }

        /// <summary>After a value inside the innermost open container: a comma and the next member, or the close.</summary>
        private JsonStatus ContinueContainer()
        {
            int container = _open[_depth - 1];
            bool isObject = Kind(container) == JsonKind.Object;
            SkipSpace();
            if (_pos == _endOfText)
            {
                return JsonStatus.UnexpectedEnd;
            }

            byte c = _text[_pos];
            if (c == (isObject ? (byte)'}' : (byte)']'))
            {
                _pos++;
                Close();
                return JsonStatus.Ok;
            }

            if (c != (byte)',')
            {
                return JsonStatus.ExpectedCommaOrEnd;
            }

            _pos++;
            return isObject ? ParseMember() : ParseValue();
        }

        /// <summary>A member name, the colon and the value.</summary>
        private JsonStatus ParseMember()
        {
            SkipSpace();
            if (_pos == _endOfText)
            {
                return JsonStatus.UnexpectedEnd;
            }

            if (_text[_pos] != (byte)'"')
            {
                return JsonStatus.ExpectedName;
            }

            JsonStatus status = ParseString();
            if (status != JsonStatus.Ok)
            {
                return status;
            }

            SkipSpace();
            if (_pos == _endOfText)
            {
                return JsonStatus.UnexpectedEnd;
            }

            if (_text[_pos] != (byte)':')
            {
                return JsonStatus.ExpectedColon;
            }

            _pos++;
            return ParseValue();
        }

        private JsonStatus ParseValue()
        {
            SkipSpace();
            if (_pos == _endOfText)
            {
                return JsonStatus.UnexpectedEnd;
            }

            byte c = _text[_pos];
            if (c == (byte)'{' || c == (byte)'[')
            {
                return Open(c == (byte)'{' ? JsonKind.Object : JsonKind.Array);
            }

            if (c == (byte)'"')
            {
                return ParseString();
            }

            if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
            {
                return ParseNumber();
            }

            if (c == (byte)'t')
            {
                return ParseLiteral("true", JsonKind.True);
            }

            if (c == (byte)'f')
            {
                return ParseLiteral("false", JsonKind.False);
            }

            if (c == (byte)'n')
            {
                return ParseLiteral("null", JsonKind.Null);
            }

            return JsonStatus.ExpectedValue;
        }

        private JsonStatus Open(JsonKind kind)
        {
            if (_depth == _limits.MaxDepth)
            {
                return JsonStatus.TooDeep;
            }

            int token = Add(kind, _pos, _pos + 1);
            if (token < 0)
            {
                return JsonStatus.TooManyValues;
            }

            _open[_depth++] = token;
            _pos++;
            SkipSpace();
            if (_pos < _endOfText && _text[_pos] == (kind == JsonKind.Object ? (byte)'}' : (byte)']'))
            {
                _pos++;
                Close();
                return JsonStatus.Ok;
            }

            return kind == JsonKind.Object ? ParseMember() : ParseValue();
        }

        private void Close()
        {
            int token = _open[--_depth];
            _end[token] = _pos;
            _next[token] = _count;
        }
    }
}
