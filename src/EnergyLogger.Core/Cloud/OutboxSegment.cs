namespace EnergyLogger.Core.Cloud
{
    /// <summary>The RAM index of one segment file: where each valid record starts and whether it is unsent, in flight or acknowledged.</summary>
    internal sealed class OutboxSegment
    {
        public const byte Unsent = 0;
        public const byte InFlight = 1;
        public const byte Done = 2;

        private const string Suffix = ".seg";
        private const int Digits = 8;

        public OutboxSegment(string prefix, int number)
        {
            Number = number;
            Name = NameOf(prefix, number);
        }

        public int Number { get; }

        public string Name { get; }

        public int Bytes;
        public int Count;
        public int Acked;

        /// <summary>No record before this index is unsent: where the backlog scan starts.</summary>
        public int FirstUnsent;

        public int[] Offsets = new int[16];
        public byte[] States = new byte[16];

        public bool FullyAcknowledged => Acked == Count;

        public void Add(int offset)
        {
            if (Count == Offsets.Length)
            {
                var offsets = new int[Count * 2];
                var states = new byte[Count * 2];
                System.Array.Copy(Offsets, offsets, Count);
                System.Array.Copy(States, states, Count);
                Offsets = offsets;
                States = states;
            }

            Offsets[Count] = offset;
            States[Count] = Unsent;
            Count++;
        }

        public static string NameOf(string prefix, int number)
        {
            string digits = number.ToString();
            var chars = new char[Digits - digits.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = '0';
            }

            return prefix + new string(chars) + digits + Suffix;
        }

        /// <summary>The number in a segment file name, or -1 for any other file.</summary>
        public static int NumberOf(string prefix, string name)
        {
            if (name.Length != prefix.Length + Digits + Suffix.Length || !name.StartsWith(prefix) || !name.EndsWith(Suffix))
            {
                return -1;
            }

            int n = 0;
            for (int i = prefix.Length; i < prefix.Length + Digits; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }
    }
}
