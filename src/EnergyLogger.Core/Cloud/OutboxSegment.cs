namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The RAM index of one segment file: where each valid record starts, what it is, and whether a sample or aggregate
    /// is unsent, in flight or acknowledged; the segment's thinning level, and the time of its newest record once known.
    /// </summary>
    internal sealed class OutboxSegment
    {
        public const byte Unsent = 0;
        public const byte InFlight = 1;
        public const byte Done = 2;

        /// <summary>A record that is not sent: a layout, acknowledgements, the thinning header.</summary>
        public const byte Meta = 3;

        public const byte JsonKind = 0;
        public const byte LayoutKind = 1;
        public const byte SampleKind = Telemetry.RecordCodec.SampleKind;
        public const byte AggregateKind = Telemetry.RecordCodec.AggregateKind;
        public const byte AcksKind = 4;
        public const byte CoverKind = 5;

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

        /// <summary>Records of every kind.</summary>
        public int Entries;

        /// <summary>Records that are sent: samples, aggregates, JSON.</summary>
        public int Count;

        public int Acked;

        /// <summary>No entry before this index is unsent: where the backlog scan starts.</summary>
        public int FirstUnsent;

        /// <summary>0 for samples at full resolution, else the thinning level its aggregates are at.</summary>
        public int Level;

        /// <summary>A thinned segment stands for the segments up to this number, whose files it replaced.</summary>
        public int CoversTo = -1;

        /// <summary>A record of it went out and came back unacknowledged in this run: the cloud may hold it, so it is never thinned.</summary>
        public bool Sent;

        /// <summary>Whether <see cref="NewestSeq"/> and the times are known (they take a walk through the records once).</summary>
        public bool TimeKnown;

        public long NewestSeq;
        public long NewestMono;
        public long NewestUnix;
        public bool NewestSynced;

        public int[] Offsets = new int[16];
        public byte[] States = new byte[16];
        public byte[] Kinds = new byte[16];

        public bool FullyAcknowledged => Acked == Count;

        public static bool IsSent(byte kind)
        {
            return kind == JsonKind || kind == SampleKind || kind == AggregateKind;
        }

        /// <summary>Adds an entry; returns its index.</summary>
        public int Add(int offset, byte kind)
        {
            if (Entries == Offsets.Length)
            {
                var offsets = new int[Entries * 2];
                var states = new byte[Entries * 2];
                var kinds = new byte[Entries * 2];
                System.Array.Copy(Offsets, offsets, Entries);
                System.Array.Copy(States, states, Entries);
                System.Array.Copy(Kinds, kinds, Entries);
                Offsets = offsets;
                States = states;
                Kinds = kinds;
            }

            Offsets[Entries] = offset;
            Kinds[Entries] = kind;
            States[Entries] = IsSent(kind) ? Unsent : Meta;
            Count += IsSent(kind) ? 1 : 0;
            return Entries++;
        }

        /// <summary>Marks a sent entry acknowledged; true when it was not already.</summary>
        public bool MarkDone(int entry)
        {
            if (States[entry] == Done || States[entry] == Meta)
            {
                return false;
            }

            States[entry] = Done;
            Acked++;
            return true;
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
