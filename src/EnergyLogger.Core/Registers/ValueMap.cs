namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Texts for numeric codes (<c>0</c> -> "standby"), or for the bits of a bit field (fault words).
    /// The texts are loaded once and handed out by reference, so lookups do not allocate.
    /// </summary>
    public sealed class ValueMap
    {
        public ValueMap(string name, bool isBits, long[] codes, string[] texts)
        {
            Name = name;
            IsBits = isBits;
            _codes = codes;
            _texts = texts;
        }

        private readonly long[] _codes;
        private readonly string[] _texts;

        public string Name { get; }

        /// <summary>Entries name bit numbers (0 = least significant) rather than whole values.</summary>
        public bool IsBits { get; }

        public int Count => _codes.Length;

        public long Code(int index)
        {
            return _codes[index];
        }

        public string Text(int index)
        {
            return _texts[index];
        }

        /// <summary>The name a code's text is published under next to a point's own name: "state" -> "state_text".</summary>
        public static string TextName(string pointName)
        {
            return pointName + "_text";
        }

        /// <summary>The texts of the set bits joined by ", ", or the code's text; null when none applies. Allocates.</summary>
        public string Describe(long value)
        {
            if (!IsBits)
            {
                return Lookup(value);
            }

            string joined = null;
            for (int i = 0; i < _codes.Length; i++)
            {
                if (BitSet(i, value))
                {
                    joined = joined == null ? _texts[i] : joined + ", " + _texts[i];
                }
            }

            return joined;
        }

        /// <summary>The text of a code, or null when the map has none.</summary>
        public string Lookup(long code)
        {
            for (int i = 0; i < _codes.Length; i++)
            {
                if (_codes[i] == code)
                {
                    return _texts[i];
                }
            }

            return null;
        }

        /// <summary>For a bit map: true when entry <paramref name="index"/> names a bit that is set in <paramref name="value"/>.</summary>
        public bool BitSet(int index, long value)
        {
            return ((ulong)value & (1UL << (int)_codes[index])) != 0;
        }
    }
}
