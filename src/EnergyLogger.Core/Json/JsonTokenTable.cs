namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// The tokens of one parsed text as parallel arrays over the source bytes (a DOM without objects): each token's
    /// kind, where its text starts and ends, and the token after its whole subtree. The parser appends and closes
    /// tokens, the document reads them. The arrays only grow, up to the cap, so a reused table stops allocating.
    /// </summary>
    internal sealed class JsonTokenTable
    {
        // Kept in the kind byte so that a string without escapes can be compared without decoding it.
        private const byte EscapedFlag = 0x80;
        private const int InitialTokens = 64;

        private byte[] _kind = new byte[InitialTokens];
        private int[] _start = new int[InitialTokens];
        private int[] _end = new int[InitialTokens];
        private int[] _next = new int[InitialTokens];
        private int _count;
        private int _maxValues;

        public int Count => _count;

        /// <summary>Empties the table for a new text of at most <paramref name="maxValues"/> tokens.</summary>
        public void Begin(int maxValues)
        {
            _count = 0;
            _maxValues = maxValues;
        }

        public void Clear()
        {
            _count = 0;
        }

        public JsonKind Kind(int token)
        {
            return (JsonKind)(_kind[token] & ~EscapedFlag);
        }

        /// <summary>Where the token's text starts: a string's first byte after its quote.</summary>
        public int Start(int token)
        {
            return _start[token];
        }

        /// <summary>Where the token's text ends: a string's closing quote, a container's byte after its close.</summary>
        public int End(int token)
        {
            return _end[token];
        }

        public int Next(int token)
        {
            return _next[token];
        }

        /// <summary>A string token that holds at least one escape.</summary>
        public bool IsEscaped(int token)
        {
            return (_kind[token] & EscapedFlag) != 0;
        }

        /// <summary>Appends a token, growing the tables up to the cap; -1 when the cap is reached.</summary>
        public int Add(JsonKind kind, int start, int end)
        {
            if (_count == _maxValues)
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

        public void MarkEscaped(int token)
        {
            _kind[token] |= EscapedFlag;
        }

        /// <summary>Ends a container at <paramref name="end"/>: its subtree is every token added since it opened.</summary>
        public void Close(int token, int end)
        {
            _end[token] = end;
            _next[token] = _count;
        }

        private void Grow()
        {
            int size = _kind.Length * 2;
            if (size > _maxValues)
            {
                size = _maxValues;
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
