namespace EnergyLogger.Core.Json
{
    /// <summary>The scanner half of the parser: literals, numbers, strings, white space, and the token table.</summary>
    public sealed partial class JsonDocument
    {
        private JsonStatus ParseLiteral(string literal, JsonKind kind)
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

            return Add(kind, start, _pos) < 0 ? JsonStatus.TooManyValues : JsonStatus.Ok;
        }

        private JsonStatus ParseNumber()
        {
            int start = _pos;
            int end = JsonNumber.Scan(_text, start, _endOfText);
            if (end < 0)
            {
                _pos = -end - 1;
                return JsonStatus.InvalidNumber;
            }

            _pos = end;
            return Add(JsonKind.Number, start, end) < 0 ? JsonStatus.TooManyValues : JsonStatus.Ok;
        }

        /// <summary>A string from its opening quote; RFC 8259, 7. Escapes and UTF-8 are checked here, decoded later.</summary>
        private JsonStatus ParseString()
        {
            int start = ++_pos;
            bool escaped = false;
            while (true)
            {
                if (_pos == _endOfText)
                {
                    return JsonStatus.UnexpectedEnd;
                }

                if (_pos - start > _limits.MaxStringBytes)
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

            int token = Add(JsonKind.String, start, _pos);
            _pos++;
            if (token < 0)
            {
                return JsonStatus.TooManyValues;
            }

            if (escaped)
            {
                _kind[token] |= EscapedFlag;
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

        /// <summary>
        /// The path of the value being parsed when the parse stopped, built from the open containers
        /// (only on failure, so it may allocate). Without <paramref name="inValue"/> the innermost element is left out.
        /// </summary>
        private string OpenPath(bool inValue)
        {
            string path = string.Empty;
            for (int d = 0; d < _depth; d++)
            {
                int container = _open[d];
                bool innermost = d + 1 == _depth;
                int stop = innermost ? _count : _open[d + 1];
                int children = 0;
                int lastName = -1;
                for (int c = container + 1; c < stop; c = _next[c])
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

        private void SkipSpace()
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

        /// <summary>Appends a token, growing the tables up to the cap; -1 when the cap is reached.</summary>
        private int Add(JsonKind kind, int start, int end)
        {
            if (_count == _limits.MaxValues)
            {
                return -1;
            }

            if (_count == _kind.Length)
            {
                Grow();
            }

            int token = _count++;
            _kind[token] = (byte)kind;
            _start[token] = start;
            _end[token] = end;
            _next[token] = _count;
            return token;
        }

        private void Grow()
        {
            int size = _kind.Length * 2;
            if (size > _limits.MaxValues)
            {
                size = _limits.MaxValues;
            }

            byte[] kind = new byte[size];
            int[] start = new int[size];
            int[] end = new int[size];
            int[] next = new int[size];
            System.Array.Copy(_kind, kind, _count);
            System.Array.Copy(_start, start, _count);
            System.Array.Copy(_end, end, _count);
            System.Array.Copy(_next, next, _count);
            _kind = kind;
            _start = start;
            _end = end;
            _next = next;
        }
    }
}
