namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// One stored record as numbers: a sample or an aggregate of samples, with every slot of its
    /// <see cref="SampleLayout"/> as the exact decimal the JSON prints (<c>mantissa x 10^-decimals</c>), so that writing
    /// it again gives the same text. The codec keeps the state of the record before and encodes only what changed.
    /// </summary>
    public sealed class RecordState
    {
        /// <summary>Decimals that mark a mantissa holding a double's bits: a magnitude the JSON prints with an exponent.</summary>
        public const int RawBits = 127;

        /// <summary>The quality byte of a good value that a read for another poll class refreshed.</summary>
        public const byte FreshQuality = 8;

        public RecordState(SampleLayout layout)
        {
            Layout = layout;
            int slots = layout.SlotCount;
            Value = new Channel(slots);
            Min = new Channel(slots);
            Max = new Channel(slots);
            Quality = new byte[slots];
        }

        public SampleLayout Layout { get; }

        /// <summary>The sequence number of the sample, or of an aggregate's first sample.</summary>
        public long Seq;

        /// <summary>An aggregate's last sample; equal to <see cref="Seq"/> for a sample.</summary>
        public long SeqLast;

        /// <summary>The time of the sample, or of an aggregate's last sample.</summary>
        public long Mono;

        public long MonoFirst;

        public long Unix;

        public long UnixFirst;

        public bool Synced;

        /// <summary>Samples an aggregate stands for; 0 for a sample.</summary>
        public int Count;

        /// <summary>The aggregate's interval in seconds; 0 for a sample.</summary>
        public int IntervalS;

        public Channel Value { get; }

        /// <summary>An aggregate's minimum of a power field (<see cref="SampleLayout.KeepsMinMax"/>).</summary>
        public Channel Min { get; }

        public Channel Max { get; }

        /// <summary>Per slot: a <see cref="Registers.ValueQuality"/>, or <see cref="FreshQuality"/>.</summary>
        public byte[] Quality { get; }

        public bool IsAggregate => Count > 0;

        /// <summary>The last sample this record stands for.</summary>
        public long LastSeq => Count > 0 ? SeqLast : Seq;

        public static bool IsGood(byte quality)
        {
            return quality == 0 || quality == FreshQuality;
        }

        /// <summary>Everything back to zero: the state before a segment's first record.</summary>
        public void Clear()
        {
            Seq = SeqLast = Mono = MonoFirst = Unix = UnixFirst = 0;
            Synced = false;
            Count = IntervalS = 0;
            Value.Clear();
            Min.Clear();
            Max.Clear();
            for (int s = 0; s < Quality.Length; s++)
            {
                Quality[s] = 0;
            }
        }

        /// <summary>A copy of a state of the same layout.</summary>
        public void CopyFrom(RecordState other)
        {
            Seq = other.Seq;
            SeqLast = other.SeqLast;
            Mono = other.Mono;
            MonoFirst = other.MonoFirst;
            Unix = other.Unix;
            UnixFirst = other.UnixFirst;
            Synced = other.Synced;
            Count = other.Count;
            IntervalS = other.IntervalS;
            Value.CopyFrom(other.Value);
            Min.CopyFrom(other.Min);
            Max.CopyFrom(other.Max);
            System.Array.Copy(other.Quality, Quality, Quality.Length);
        }

        /// <summary>One decimal per slot.</summary>
        public sealed class Channel
        {
            public Channel(int slots)
            {
                Mantissa = new long[slots];
                Decimals = new int[slots];
            }

            public long[] Mantissa { get; }

            public int[] Decimals { get; }

            public double ValueOf(int slot)
            {
                int decimals = Decimals[slot];
                if (decimals == RawBits)
                {
                    return System.BitConverter.Int64BitsToDouble(Mantissa[slot]);
                }

                // A power of ten from the table, never zero.
                return Mantissa[slot] / Json.JsonNumber.Pow10(decimals);
            }

            public void Set(int slot, long mantissa, int decimals)
            {
                Mantissa[slot] = mantissa;
                Decimals[slot] = decimals;
            }

            public void Clear()
            {
                for (int s = 0; s < Mantissa.Length; s++)
                {
                    Mantissa[s] = 0;
                    Decimals[s] = 0;
                }
            }

            public void CopyFrom(Channel other)
            {
                System.Array.Copy(other.Mantissa, Mantissa, Mantissa.Length);
                System.Array.Copy(other.Decimals, Decimals, Decimals.Length);
            }
        }
    }
}
