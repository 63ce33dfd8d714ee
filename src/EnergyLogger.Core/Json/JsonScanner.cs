namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// The lexical half of the parser: a cursor over the text that skips white space and reads one literal, number or
    /// string into the token table (RFC 8259, 3 to 7). Escapes and UTF-8 are checked here and decoded only when asked.
    /// The structure around the values is <see cref="JsonParser"/>'s.
    /// </summary>
    internal sealed class JsonScanner
    {
        private byte[] _text;
        private int _pos;
        private int _endOfText;
        private int _maxStringBytes;
        private JsonTokenTable _tokens;

        /// <summary>The byte offset of the cursor; where a failed parse stopped.</summary>
        public int Position => _pos;

        public bool AtEnd => _pos == _endOfText;

        /// <summary>The byte under the cursor; only when not <see cref="AtEnd"/>.</summary>
        public byte Current => _text[_pos];

        /// <summary>
        /// Puts the cursor on the first byte. A leading byte order mark is skipped (RFC 8259, 8.1 lets a parser ignore
        /// it): editors on Windows write one, and a map or config saved by them must read the same on the host and on
        /// the device.
        /// </summary>
        public void Begin(byte[] text, int offset, int count, int maxStringBytes, JsonTokenTable tokens)
        {
            _text = text;
            _pos = offset;
            _endOfText = offset + count;
            _maxStringBytes = maxStringBytes;
            _tokens = tokens;
            if (count >= 3 && text[offset] == 0xEF && text[offset + 1] == 0xBB && text[offset + 2] == 0xBF)
            {
                _pos += 3;
            }
        }

        public void Advance()
        {
            _pos++;
        }

        public void SkipSpace()
        {
            while (_pos < _endOfText)
            {
                byte c = _text[_pos];
                if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\n' && c != (byte)'\r')
                {
                    return;
                }

                _pos++;
            }
        }

        public JsonStatus Literal(string literal, JsonKind kind)
        {
            int start = _pos;
            for (int i = 0; i < literal.Length; i++)
            {
                if (_pos == _endOfText || _text[_pos] != literal[i])
                {
                    return _pos == _endOfText ? JsonStatus.UnexpectedEnd : JsonStatus.InvalidLiteral;
                }

                _pos++;
            }

            return _tokens.Add(kind, start, _pos) < 0 ? JsonStatus.TooManyValues : JsonStatus.Ok;
        }

        public JsonStatus Number()
        {
            int start = _pos;
            int end = JsonNumber.Scan(_text, start, _endOfText);
            if (end < 0)
            {
                _pos = -end - 1;
                return JsonStatus.InvalidNumber;
            }

            _pos = end;
            return _tokens.Add(JsonKind.Number, start, end) < 0 ? JsonStatus.TooManyValues : JsonStatus.Ok;
        }

        /// <summary>A string from its opening quote; RFC 8259, 7.</summary>
        public JsonStatus String()
        {
            int start = ++_pos;
            bool escaped = false;
            while (true)
            {
                if (_pos == _endOfText)
                {
                    return JsonStatus.UnexpectedEnd;
                }

                if (_pos - start > _maxStringBytes)
                {
                    return JsonStatus.StringTooLong;
                }

                byte c = _text[_pos];
                if (c == (byte)'"')
                {
                    break;
                }

                JsonStatus status = c == (byte)'\\' ? SkipEscape() : SkipChar(c);
                if (status != JsonStatus.Ok)
                {
                    return status;
                }

                escaped |= c == (byte)'\\';
            }

            int token = _tokens.Add(JsonKind.String, start, _pos);
            _pos++;
            if (token < 0)
            {
                return JsonStatus.TooManyValues;
            }

            if (escaped)
            {
                _tokens.MarkEscaped(token);
            }

            return JsonStatus.Ok;
        }

        private JsonStatus SkipChar(byte c)
        {
            if (c < 0x20)
            {
                return JsonStatus.ControlCharacter;
            }

            int length = Utf8.SequenceLength(_text, _pos, _endOfText);
            if (length == 0)
            {
                return JsonStatus.InvalidUtf8;
            }

            _pos += length;
            return JsonStatus.Ok;
        }

        private JsonStatus SkipEscape()
        {
            if (_pos + 1 >= _endOfText)
            {
                return JsonStatus.UnexpectedEnd;
            }

            byte e = _text[_pos + 1];
            if (e == (byte)'u')
            {
                if (_pos + 6 > _endOfText || JsonNumber.Hex4(_text, _pos + 2) < 0)
                {
                    return JsonStatus.InvalidEscape;
                }

                _pos += 6;
                return JsonStatus.Ok;
            }

            if (e != (byte)'"' && e != (byte)'\\' && e != (byte)'/' && e != (byte)'b' && e != (byte)'f'
                && e != (byte)'n' && e != (byte)'r' && e != (byte)'t')
            {
                return JsonStatus.InvalidEscape;
            }

            _pos += 2;
            return JsonStatus.Ok;
        }
    }
}
