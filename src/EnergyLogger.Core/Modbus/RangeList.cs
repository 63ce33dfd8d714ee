using System;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// Inclusive address ranges, each tied to one read function. A planner limit holds a few of them,
    /// so plain arrays that double when full are enough.
    /// </summary>
    public sealed class RangeList
    {
        private FunctionCode[] _functions = new FunctionCode[4];
        private int[] _firsts = new int[4];
        private int[] _lasts = new int[4];

        public int Count { get; private set; }

        public FunctionCode Function(int index)
        {
            return _functions[index];
        }

        public int First(int index)
        {
            return _firsts[index];
        }

        public int Last(int index)
        {
            return _lasts[index];
        }

        /// <summary>Adds [first, last] unless the same range is already there; true when it was added.</summary>
        public bool Add(FunctionCode function, int first, int last)
        {
            if (first < 0 || last < first || last > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("first");
            }

            if (IndexOf(function, first, last) >= 0)
            {
                return false;
            }

            if (Count == _firsts.Length)
            {
                Grow();
            }

            _functions[Count] = function;
            _firsts[Count] = first;
            _lasts[Count] = last;
            Count++;
            return true;
        }

        /// <summary>True when some range of <paramref name="function"/> shares an address with [first, last].</summary>
        public bool Overlaps(FunctionCode function, int first, int last)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_functions[i] == function && _firsts[i] <= last && _lasts[i] >= first)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when some range of <paramref name="function"/> lies wholly inside [first, last].</summary>
        public bool AnyWithin(FunctionCode function, int first, int last)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_functions[i] == function && _firsts[i] >= first && _lasts[i] <= last)
                {
                    return true;
                }
            }

            return false;
        }

        private int IndexOf(FunctionCode function, int first, int last)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_functions[i] == function && _firsts[i] == first && _lasts[i] == last)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Grow()
        {
            FunctionCode[] functions = new FunctionCode[Count * 2];
            int[] firsts = new int[Count * 2];
            int[] lasts = new int[Count * 2];
            for (int i = 0; i < Count; i++)
            {
                functions[i] = _functions[i];
                firsts[i] = _firsts[i];
                lasts[i] = _lasts[i];
            }

            _functions = functions;
            _firsts = firsts;
            _lasts = lasts;
        }
    }
}
