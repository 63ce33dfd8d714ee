using System;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The reads of one poll class of one device: its points, the read plan that covers those still read,
    /// and which of them wait for a read in the current round. A round starts when the class is due and
    /// ends when every waiting point has had its read; a read the cycle budget left out keeps its points
    /// waiting into the next cycle, so a slow class is not put off by a whole period.
    /// </summary>
    public sealed class ClassPlan
    {
        private const long NeverArmed = long.MinValue;

        private readonly RegisterMap _map;
        private readonly int[] _points;
        private readonly bool[] _dropped;
        private readonly bool[] _waiting;
        private ReadSpan[] _wants;
        private int[] _entryOfWant;
        private long _dueMs = NeverArmed;

        public ClassPlan(RegisterMap map, int device, PollClass poll)
        {
            _map = map;
            Device = device;
            Poll = poll;
            int count = 0;
            for (int i = 0; i < map.Points.Length; i++)
            {
                count += Belongs(map.Points[i]) ? 1 : 0;
            }

            _points = new int[count];
            _dropped = new bool[count];
            _waiting = new bool[count];
            for (int i = 0, e = 0; i < map.Points.Length; i++)
            {
                if (Belongs(map.Points[i]))
                {
                    _points[e++] = i;
                }
            }

            // "Once" points are read from the start until each has succeeded (or was found unsupported).
            if (poll == PollClass.Once)
            {
                Arm();
            }
        }

        public int Device { get; }

        public PollClass Poll { get; }

        /// <summary>The points of this class, read or dropped.</summary>
        public int PointCount => _points.Length;

        /// <summary>The current plan; null until <see cref="Replan"/>.</summary>
        public ReadPlan Plan { get; private set; }

        /// <summary>The planner limits' version the plan was made for, so that learning elsewhere forces a new plan.</summary>
        internal int PlannedVersion { get; private set; } = -1;

        /// <summary>True while some point waits for its read.</summary>
        public bool AnyWaiting
        {
            get
            {
                for (int e = 0; e < _waiting.Length; e++)
                {
                    if (_waiting[e])
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The points the plan reads: Plan.ReadOf(w) holds want w, which is map point <see cref="PointOfWant"/>(w).</summary>
        public int WantCount => _wants == null ? 0 : _wants.Length;

        public int PointOfWant(int want)
        {
            return _points[_entryOfWant[want]];
        }

        internal ReadSpan[] Wants => _wants;

        /// <summary>
        /// Plans the reads of the points still read. A point that no request can read whole (longer than
        /// the device allows, inside a neverRead range, across a refused hole) is dropped and listed in
        /// <paramref name="dropped"/>, and the rest is planned without it. Allocates; runs on map take-over
        /// and after learning, not every cycle.
        /// </summary>
        public void Replan(PlannerLimits limits, int version, UnsupportedPoints dropped)
        {
            while (true)
            {
                CollectWants();
                ReadPlan plan = ReadPlanner.Plan(_wants, limits);
                if (plan.Status == PlanStatus.Ok)
                {
                    Plan = plan;
                    PlannedVersion = version;
                    return;
                }

                if (plan.FailedSpan < 0)
                {
                    // The loader bounds every limit, so only a caller's own limits get here.
                    throw new ArgumentException("planner limits out of range", "limits");
                }

                dropped.Add(PointOfWant(plan.FailedSpan), UnsupportedPoints.ReasonOf(plan.Status));
                Drop(plan.FailedSpan);
            }
        }

        /// <summary>True when the class's period has come round (never for "once").</summary>
        internal bool IsDue(long nowMs)
        {
            return Poll != PollClass.Once && nowMs >= _dueMs;
        }

        /// <summary>
        /// Starts a round: every point waits for its read. The next round is due one period after this one
        /// was, so the cadence does not drift with the cycle's own duration.
        /// </summary>
        internal void Arm(long nowMs, int intervalMs)
        {
            long next = _dueMs == NeverArmed ? nowMs + intervalMs : _dueMs + intervalMs;
            _dueMs = next <= nowMs ? nowMs + intervalMs : next;
            Arm();
        }

        internal bool WaitsIn(int read)
        {
            for (int w = 0; w < _wants.Length; w++)
            {
                if (_waiting[_entryOfWant[w]] && Plan.ReadOf(w) == read)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The read was made (whatever came of it): its points wait no longer this round.</summary>
        internal void Settle(int read)
        {
            for (int w = 0; w < _wants.Length; w++)
            {
                if (Plan.ReadOf(w) == read)
                {
                    _waiting[_entryOfWant[w]] = false;
                }
            }
        }

        /// <summary>Stops reading want <paramref name="want"/>'s point for good; plan again before the next read.</summary>
        internal void Drop(int want)
        {
            int entry = _entryOfWant[want];
            _dropped[entry] = true;
            _waiting[entry] = false;
            PlannedVersion = -1;
        }

        private void Arm()
        {
            for (int e = 0; e < _points.Length; e++)
            {
                _waiting[e] = !_dropped[e];
            }
        }

        private bool Belongs(PointDefinition p)
        {
            return p.Device == Device && p.Poll == Poll;
        }

        private void CollectWants()
        {
            int count = 0;
            for (int e = 0; e < _points.Length; e++)
            {
                count += _dropped[e] ? 0 : 1;
            }

            _wants = new ReadSpan[count];
            _entryOfWant = new int[count];
            for (int e = 0, w = 0; e < _points.Length; e++)
            {
                if (!_dropped[e])
                {
                    PointDefinition p = _map.Points[_points[e]];
                    _wants[w] = new ReadSpan(p.Function, p.Address, p.Count);
                    _entryOfWant[w++] = e;
                }
            }
        }
    }
}
