using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Registers
{
    /// <summary>Where a point's registers stand: never read, read, last read failed, or refused by the slave.</summary>
    public enum ReadState : byte
    {
        NotRead,
        Ok,
        Failed,
        Unsupported,
    }

    /// <summary>
    /// The raw registers of every point of a map, laid out once at load time, plus which read delivered
    /// each register. The poll engine hands in whole read replies; the decoder then sees a value whose
    /// registers came from two different reads as torn (RELIABILITY M10). No allocation per cycle.
    /// </summary>
    public sealed class RegisterFrame
    {
        private readonly ushort[] _words;
        private readonly int[] _reads;
        private readonly ReadState[] _states;
        private readonly int[] _deliveredInCycle;
        private int _read;
        private int _cycle;
        private int _firstReadOfCycle = int.MaxValue;

        public RegisterFrame(RegisterMap map)
        {
            Map = map;
            _words = new ushort[map.WordCount];
            _reads = new int[map.WordCount];
            _states = new ReadState[map.Points.Length];
            _deliveredInCycle = new int[map.Points.Length];
        }

        public RegisterMap Map { get; }

        /// <summary>All points' registers; point p owns Words[p.WordOffset .. p.WordOffset + p.Count - 1].</summary>
        public ushort[] Words => _words;

        public ReadState State(int point)
        {
            return _states[point];
        }

        /// <summary>A poll cycle starts: <see cref="DeliveredThisCycle"/> speaks of the reads from here on.</summary>
        public void BeginCycle()
        {
            _cycle++;
            _firstReadOfCycle = _read + 1;
        }

        /// <summary>
        /// Copies registers <paramref name="address"/>.. of one device and function into <paramref name="dest"/> when a read
        /// of the current cycle delivered every one of them (the local gateway answers such reads with no byte on the bus);
        /// false, with <paramref name="dest"/> partly written, when any was not.
        /// </summary>
        public bool CopyFromCycle(int device, FunctionCode function, int address, int count, ushort[] dest, int offset)
        {
            PointDefinition[] points = Map.Points;
            for (int a = address; a < address + count; a++)
            {
                int word = -1;
                for (int i = 0; i < points.Length && word < 0; i++)
                {
                    PointDefinition p = points[i];
                    if (p.Device == device && p.Function == function && p.Address <= a && a < p.Address + p.Count
                        && _reads[p.WordOffset + a - p.Address] >= _firstReadOfCycle)
                    {
                        word = p.WordOffset + a - p.Address;
                    }
                }

                if (word < 0)
                {
                    return false;
                }

                dest[offset + a - address] = _words[word];
            }

            return true;
        }

        /// <summary>Whether a read of the current cycle delivered registers of the point.</summary>
        public bool DeliveredThisCycle(int point)
        {
            return _deliveredInCycle[point] == _cycle && _cycle != 0;
        }

        /// <summary>
        /// One successful register read (FC03/04) of <paramref name="count"/> registers from <paramref name="address"/>:
        /// every point of that device and function it covers, wholly or in part, takes its share.
        /// </summary>
        public void Deliver(int device, FunctionCode function, int address, ushort[] regs, int offset, int count)
        {
            int read = ++_read;
            PointDefinition[] points = Map.Points;
            for (int i = 0; i < points.Length; i++)
            {
                PointDefinition p = points[i];
                int from = p.Address > address ? p.Address : address;
                int to = p.Address + p.Count < address + count ? p.Address + p.Count : address + count;
                if (p.Device != device || p.Function != function || from >= to)
                {
                    continue;
                }

                for (int a = from; a < to; a++)
                {
                    int word = p.WordOffset + a - p.Address;
                    _words[word] = regs[offset + a - address];
                    _reads[word] = read;
                }

                _states[i] = ReadState.Ok;
                _deliveredInCycle[i] = _cycle;
            }
        }

        /// <summary>One successful bit read (FC01/02); each covered bool point takes 0 or 1.</summary>
        public void DeliverBits(int device, FunctionCode function, int address, bool[] bits, int offset, int count)
        {
            int read = ++_read;
            PointDefinition[] points = Map.Points;
            for (int i = 0; i < points.Length; i++)
            {
                PointDefinition p = points[i];
                if (p.Device != device || p.Function != function || p.Address < address || p.Address >= address + count)
                {
                    continue;
                }

                _words[p.WordOffset] = bits[offset + p.Address - address] ? (ushort)1 : (ushort)0;
                _reads[p.WordOffset] = read;
                _states[i] = ReadState.Ok;
                _deliveredInCycle[i] = _cycle;
            }
        }

        /// <summary>
        /// One point whose read failed (<see cref="ReadState.Failed"/>: stale, M1, M3, M4) or that the slave refused
        /// (<see cref="ReadState.Unsupported"/>, M2), until a later read delivers it again.
        /// </summary>
        public void MarkPoint(int point, ReadState state)
        {
            _states[point] = state;
        }

        /// <summary>Ok when the point's registers were read, and all by one read.</summary>
        public ValueQuality Availability(PointDefinition p)
        {
            ReadState state = _states[p.Index];
            if (state != ReadState.Ok)
            {
                return state == ReadState.Unsupported ? ValueQuality.Unsupported : ValueQuality.Stale;
            }

            int first = _reads[p.WordOffset];
            for (int w = 1; w < p.Count; w++)
            {
                if (_reads[p.WordOffset + w] != first)
                {
                    return ValueQuality.Torn;
                }
            }

            return ValueQuality.Ok;
        }

        /// <summary>The text of a string point (metadata such as the serial number); allocates.</summary>
        public string ReadText(PointDefinition p)
        {
            return ValueCodec.ToText(_words, p.WordOffset, p.Count, p.Order);
        }
    }
}
