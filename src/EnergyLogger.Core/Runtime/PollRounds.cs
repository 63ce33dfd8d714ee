using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Which points of one device wait for a read, and since when. A class starts a round when its period has come: each
    /// of its points still read then waits until a read was made for it. A read the cycle budget left out keeps its points
    /// waiting into the next cycle, with the time they started waiting, so the reads that waited longest go first and no
    /// class is put off for good, not even one whose reads the budget cuts every cycle. "Once" points wait from the start
    /// until a read of them succeeds.
    /// </summary>
    internal sealed class PollRounds
    {
        private const long NeverArmed = long.MinValue;

        private readonly DevicePlans _points;
        private readonly bool[] _waiting;
        private readonly long[] _sinceMs;
        private readonly long[] _dueMs = new long[DevicePlans.ClassCount];

        public PollRounds(DevicePlans points)
        {
            _points = points;
            _waiting = new bool[points.EntryCount];
            _sinceMs = new long[points.EntryCount];
            for (int c = 0; c < _dueMs.Length; c++)
            {
                _dueMs[c] = NeverArmed;
            }
        }

        /// <summary>
        /// A cycle starts: every periodic class whose period has come starts a round; what still waits from an earlier
        /// cycle keeps waiting since then. The next round is due one period after this one was, so the cadence does not
        /// drift with the cycles' own duration. Returns the classes with a point waiting: the combination this cycle reads.
        /// </summary>
        public int Start(long nowMs, PollOptions options)
        {
            if (_dueMs[(int)PollClass.Once] == NeverArmed)
            {
                // The first cycle after a map take-over: "once" points start to wait, for good, until read.
                _dueMs[(int)PollClass.Once] = long.MaxValue;
                Arm(PollClass.Once, nowMs);
            }

            for (int c = 0; c < (int)PollClass.Once; c++)
            {
                if (nowMs >= _dueMs[c])
                {
                    int intervalMs = options.IntervalMs((PollClass)c);
                    long next = _dueMs[c] == NeverArmed ? nowMs + intervalMs : _dueMs[c] + intervalMs;
                    _dueMs[c] = next <= nowMs ? nowMs + intervalMs : next;
                    Arm((PollClass)c, nowMs);
                }
            }

            return WaitingClasses();
        }

        /// <summary>The classes with a point waiting.</summary>
        public int WaitingClasses()
        {
            int classes = 0;
            for (int e = 0; e < _waiting.Length; e++)
            {
                if (_waiting[e])
                {
                    classes |= DevicePlans.ClassBit(_points.ClassOf(e));
                }
            }

            return classes;
        }

        public bool IsWaiting(int entry)
        {
            return _waiting[entry];
        }

        /// <summary>The start of the cycle whose round the entry has waited in since; meaningful while it waits.</summary>
        public long WaitingSince(int entry)
        {
            return _sinceMs[entry];
        }

        /// <summary>A read was made for the entry (whatever came of it): it waits no longer this round.</summary>
        public void Settle(int entry)
        {
            _waiting[entry] = false;
        }

        private void Arm(PollClass poll, long nowMs)
        {
            for (int e = 0; e < _waiting.Length; e++)
            {
                if (_points.ClassOf(e) == poll && !_points.IsDropped(e) && !_waiting[e])
                {
                    _waiting[e] = true;
                    _sinceMs[e] = nowMs;
                }
            }
        }
    }
}
