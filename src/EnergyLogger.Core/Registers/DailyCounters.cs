using System;
using System.Text;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// The map's "daily" computed fields (docs/register-map.md, "Daily energy from a lifetime counter"): today's part of a
    /// lifetime counter, for devices without a daily register. Each field keeps the counter's value at the start of the
    /// local day (the baseline) and its last reading; the day comes from the wall clock in the map's <see cref="LocalZone"/>,
    /// so a daylight-saving change moves midnight with the local clock. The state is small and is stored by the caller
    /// (<see cref="Write"/>, <see cref="Read"/>) so that a restart keeps the day's count. Evaluating allocates nothing.
    /// </summary>
    public sealed class DailyCounters
    {
        private const byte Version = 1;
        private const long NoDay = -1;
        private const int FieldBytes = 32;

        private readonly RegisterMap _map;
        private readonly int[] _fields;
        private readonly long[] _day;
        private readonly double[] _baseline;
        private readonly long[] _lastDay;
        private readonly double[] _last;
        private long _today = NoDay;

        public DailyCounters(RegisterMap map)
        {
            _map = map;
            int n = 0;
            for (int i = 0; i < map.Computed.Length; i++)
            {
                n += map.Computed[i].Op == ComputeOp.Daily ? 1 : 0;
            }

            _fields = new int[n];
            _day = new long[n];
            _baseline = new double[n];
            _lastDay = new long[n];
            _last = new double[n];
            for (int i = 0, k = 0; i < map.Computed.Length; i++)
            {
                if (map.Computed[i].Op == ComputeOp.Daily)
                {
                    _fields[k] = i;
                    _day[k] = NoDay;
                    _lastDay[k] = NoDay;
                    k++;
                }
            }
        }

        public int Count => _fields.Length;

        /// <summary>True when the state changed since it was last written; the caller decides how often to store it.</summary>
        public bool Changed { get; private set; }

        /// <summary>True when a field started a new day since the state was last written: worth storing at once.</summary>
        public bool NewDay { get; private set; }

        /// <summary>The wall clock of the cycle about to be evaluated; without a set clock there is no day, and daily values are stale.</summary>
        public void SetTime(long unixMs, bool synced)
        {
            _today = synced && unixMs >= 0 ? _map.Zone.LocalDay(unixMs / 1000) : NoDay;
        }

        /// <summary>
        /// The day's value of daily field <paramref name="computed"/> (an index into <see cref="RegisterMap.Computed"/>) from the
        /// counter's good reading <paramref name="counter"/>.
        /// </summary>
        public ValueQuality Evaluate(int computed, double counter, out double value)
        {
            value = 0;
            int k = IndexOf(computed);
            if (k < 0 || _today == NoDay)
            {
                return ValueQuality.Stale;
            }

            if (_day[k] != _today)
            {
                // The last reading of yesterday is the counter at midnight (a counter that does not move at night has not
                // moved since). After a longer gap nothing tells what the counter was at midnight, so the day starts at
                // its first reading.
                _baseline[k] = _lastDay[k] == _today - 1 || _lastDay[k] == _today ? _last[k] : counter;
                _day[k] = _today;
                NewDay = true;
                Changed = true;
            }

            if (counter < _baseline[k])
            {
                // A counter that went back (reset, replaced device) starts the day's count again rather than going negative.
                _baseline[k] = counter;
                NewDay = true;
            }

            if (_lastDay[k] != _today || _last[k] != counter)
            {
                _lastDay[k] = _today;
                _last[k] = counter;
                Changed = true;
            }

            value = counter - _baseline[k];
            return ValueQuality.Ok;
        }

        /// <summary>Bytes <see cref="Write"/> needs at most.</summary>
        public int MaxBytes => 2 + (_fields.Length * (FieldBytes + 1 + MapLimits.MaxNameLength));

        /// <summary>Writes the state (a version, then per field its name, day, baseline, last day and last reading); returns the length.</summary>
        public int Write(byte[] buf)
        {
            int pos = 0;
            buf[pos++] = Version;
            buf[pos++] = (byte)_fields.Length;
            for (int k = 0; k < _fields.Length; k++)
            {
                byte[] name = Encoding.UTF8.GetBytes(_map.Computed[_fields[k]].Name);
                buf[pos++] = (byte)name.Length;
                Array.Copy(name, 0, buf, pos, name.Length);
                pos += name.Length;
                pos = PutLong(buf, pos, _day[k]);
                pos = PutLong(buf, pos, BitConverter.DoubleToInt64Bits(_baseline[k]));
                pos = PutLong(buf, pos, _lastDay[k]);
                pos = PutLong(buf, pos, BitConverter.DoubleToInt64Bits(_last[k]));
            }

            Changed = false;
            NewDay = false;
            return pos;
        }

        /// <summary>
        /// Takes the stored state of the fields this map still has (matched by name, so a new map keeps the day's count of
        /// the fields it kept); false, and nothing taken, when the bytes are not a state this firmware writes.
        /// </summary>
        public bool Read(byte[] buf, int offset, int count)
        {
            int end = offset + count;
            int pos = offset;
            if (count < 2 || buf[pos++] != Version)
            {
                return false;
            }

            int fields = buf[pos++];
            int start = pos;
            for (int pass = 0; pass < 2; pass++)
            {
                pos = start;
                for (int f = 0; f < fields; f++)
                {
                    if (pos >= end || pos + 1 + buf[pos] + FieldBytes > end)
                    {
                        return false;
                    }

                    int length = buf[pos++];
                    string name = Encoding.UTF8.GetString(buf, pos, length);
                    pos += length;
                    int k = pass == 1 ? IndexOfName(name) : -1;
                    if (k >= 0)
                    {
                        _day[k] = GetLong(buf, pos);
                        _baseline[k] = BitConverter.Int64BitsToDouble(GetLong(buf, pos + 8));
                        _lastDay[k] = GetLong(buf, pos + 16);
                        _last[k] = BitConverter.Int64BitsToDouble(GetLong(buf, pos + 24));
                    }

                    pos += FieldBytes;
                }

                if (pos != end)
                {
                    return false;
                }
            }

            return true;
        }

        private int IndexOf(int computed)
        {
            for (int k = 0; k < _fields.Length; k++)
            {
                if (_fields[k] == computed)
                {
                    return k;
                }
            }

            return -1;
        }

        private int IndexOfName(string name)
        {
            for (int k = 0; k < _fields.Length; k++)
            {
                if (_map.Computed[_fields[k]].Name == name)
                {
                    return k;
                }
            }

            return -1;
        }

        private static int PutLong(byte[] buf, int pos, long value)
        {
            for (int i = 0; i < 8; i++)
            {
                buf[pos + i] = (byte)(value >> (8 * i));
            }

            return pos + 8;
        }

        private static long GetLong(byte[] buf, int pos)
        {
            long value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | buf[pos + i];
            }

            return value;
        }
    }
}
