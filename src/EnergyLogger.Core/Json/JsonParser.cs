namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// The structure of a JSON text (RFC 8259, 2 to 5) in one pass: values, objects, arrays, the commas and colons
    /// between them. The open containers sit on a stack capped by <see cref="JsonLimits.MaxDepth"/>, which also bounds
    /// the call depth of nested values; the values themselves are read by <see cref="JsonScanner"/>.
    /// </summary>
    internal sealed class JsonParser
    {
        private readonly JsonScanner _scanner = new JsonScanner();
        private JsonTokenTable _tokens;
        private JsonLimits _limits;
        private int[] _open = new int[16];
        private int _depth;

        /// <summary>Where the parse stopped.</summary>
        public int Position => _scanner.Position;

        /// <summary>Containers still open when the parse stopped; 0 after a whole text.</summary>
        public int Depth => _depth;

        /// <summary>The token of the container open at <paramref name="level"/> (0 the outermost).</summary>
        public int OpenContainer(int level)
        {
            return _open[level];
        }

        /// <summary>Parses <paramref name="count"/> bytes into <paramref name="tokens"/>; on failure the table holds what was read so far.</summary>
        public JsonStatus Parse(byte[] text, int offset, int count, JsonLimits limits, JsonTokenTable tokens)
        {
            _tokens = tokens;
            _limits = limits;
            _depth = 0;
            tokens.Begin(limits.MaxValues);
            _scanner.Begin(text, offset, count, limits.MaxStringBytes, tokens);
            if (_open.Length < limits.MaxDepth)
            {
                _open = new int[limits.MaxDepth];
            }

            return count > limits.MaxBytes ? JsonStatus.TooLarge : ParseText();
        }

        private JsonStatus ParseText()
        {
            _scanner.SkipSpace();
            if (_scanner.AtEnd)
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

            _scanner.SkipSpace();
            return _scanner.AtEnd ? JsonStatus.Ok : JsonStatus.TrailingData;
        }

        /// <summary>After a value inside the innermost open container: a comma and the next member, or the close.</summary>
        private JsonStatus ContinueContainer()
        {
            int container = _open[_depth - 1];
            bool isObject = _tokens.Kind(container) == JsonKind.Object;
            _scanner.SkipSpace();
            if (_scanner.AtEnd)
            {
                return JsonStatus.UnexpectedEnd;
            }

            byte c = _scanner.Current;
            if (c == (isObject ? (byte)'}' : (byte)']'))
            {
                _scanner.Advance();
                Close();
                return JsonStatus.Ok;
            }

            if (c != (byte)',')
            {
                return JsonStatus.ExpectedCommaOrEnd;
            }

            _scanner.Advance();
            return isObject ? ParseMember() : ParseValue();
        }

        /// <summary>A member name, the colon and the value.</summary>
        private JsonStatus ParseMember()
        {
            _scanner.SkipSpace();
            if (_scanner.AtEnd)
            {
                return JsonStatus.UnexpectedEnd;
            }

            if (_scanner.Current != (byte)'"')
            {
                return JsonStatus.ExpectedName;
            }

            JsonStatus status = _scanner.String();
            if (status != JsonStatus.Ok)
            {
                return status;
            }

            _scanner.SkipSpace();
            if (_scanner.AtEnd)
            {
                return JsonStatus.UnexpectedEnd;
            }

            if (_scanner.Current != (byte)':')
            {
                return JsonStatus.ExpectedColon;
            }

            _scanner.Advance();
            return ParseValue();
        }

        private JsonStatus ParseValue()
        {
            _scanner.SkipSpace();
            if (_scanner.AtEnd)
            {
                return JsonStatus.UnexpectedEnd;
            }

            byte c = _scanner.Current;
            if (c == (byte)'{' || c == (byte)'[')
            {
                return Open(c == (byte)'{' ? JsonKind.Object : JsonKind.Array);
            }

            if (c == (byte)'"')
            {
                return _scanner.String();
            }

            if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
            {
                return _scanner.Number();
            }

            if (c == (byte)'t')
            {
                return _scanner.Literal("true", JsonKind.True);
            }

            if (c == (byte)'f')
            {
                return _scanner.Literal("false", JsonKind.False);
            }

            if (c == (byte)'n')
            {
                return _scanner.Literal("null", JsonKind.Null);
            }

            return JsonStatus.ExpectedValue;
        }

        private JsonStatus Open(JsonKind kind)
        {
            if (_depth == _limits.MaxDepth)
            {
                return JsonStatus.TooDeep;
            }

            int at = _scanner.Position;
            int token = _tokens.Add(kind, at, at + 1);
            if (token < 0)
            {
                return JsonStatus.TooManyValues;
            }

            _open[_depth++] = token;
            _scanner.Advance();
            _scanner.SkipSpace();
            if (!_scanner.AtEnd && _scanner.Current == (kind == JsonKind.Object ? (byte)'}' : (byte)']'))
            {
                _scanner.Advance();
                Close();
                return JsonStatus.Ok;
            }

            return kind == JsonKind.Object ? ParseMember() : ParseValue();
        }

        private void Close()
        {
            _tokens.Close(_open[--_depth], _scanner.Position);
        }
    }
}
