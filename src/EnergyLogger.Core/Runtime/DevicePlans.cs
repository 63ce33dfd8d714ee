using System;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The reads of one device for every combination of its poll classes that can be due together. When several
    /// classes are due, one plan over the union of their points costs less wire time than their plans one after another:
    /// a gap that one class alone would not bridge is worth reading when the other class's points lie beyond it, and a
    /// read made anyway may hold a point of another class. So every combination (at most 15: the non-empty subsets of
    /// the four classes a device has points in) gets its own optimal plan, made when the map is taken over; a cycle only
    /// picks the one for the classes it reads. Points no request can read whole are dropped here for good.
    /// </summary>
    public sealed class DevicePlans
    {
        public const int ClassCount = (int)PollClass.Once + 1;

        /// <summary>Combinations are indexed by their class bits; index 0, no class, has no plan.</summary>
        public const int CombinationCount = 1 << ClassCount;

        private readonly RegisterMap _map;
        private readonly int[] _points;
        private readonly bool[] _dropped;
        private readonly CombinationPlan[] _plans = new CombinationPlan[CombinationCount];

        public DevicePlans(RegisterMap map, int device)
        {
            _map = map;
            Device = device;
            int count = 0;
            for (int i = 0; i < map.Points.Length; i++)
            {
                count += map.Points[i].Device == device ? 1 : 0;
            }

            _points = new int[count];
            _dropped = new bool[count];
            for (int i = 0, e = 0; i < map.Points.Length; i++)
            {
                if (map.Points[i].Device == device)
                {
                    _points[e++] = i;
                    Classes |= ClassBit(map.Points[i].Poll);
                }
            }
        }

        public int Device { get; }

        /// <summary>The device's points, read or dropped; entry e is map point <see cref="PointOf"/>(e).</summary>
        public int EntryCount => _points.Length;

        /// <summary>The classes the device has points in.</summary>
        public int Classes { get; }

        public static int ClassBit(PollClass poll)
        {
            return 1 << (int)poll;
        }

        public int PointOf(int entry)
        {
            return _points[entry];
        }

        public PollClass ClassOf(int entry)
        {
            return _map.Points[_points[entry]].Poll;
        }

        public bool IsDropped(int entry)
        {
            return _dropped[entry];
        }

        /// <summary>Bytes all plans made so far hold (<see cref="CombinationPlan.Bytes"/>), for the memory budget.</summary>
        public int PlanBytes
        {
            get
            {
                int total = 0;
                for (int c = 1; c < CombinationCount; c++)
                {
                    total += _plans[c] == null ? 0 : _plans[c].Bytes;
                }

                return total;
            }
        }

        /// <summary>The plan last made for <paramref name="classes"/>, for diagnostics; null when none was.</summary>
        public CombinationPlan Current(int classes)
        {
            return _plans[classes];
        }

        /// <summary>Plans every combination of the device's classes: the work a map take-over does once.</summary>
        public void PlanAll(PlannerLimits limits, int version, UnsupportedPoints dropped)
        {
            for (int classes = 1; classes < CombinationCount; classes++)
            {
                if ((classes & ~Classes) == 0)
                {
                    For(classes, limits, version, dropped);
                }
            }
        }

        /// <summary>
        /// The plan for <paramref name="classes"/>, made again when the limits' <paramref name="version"/> moved on (a
        /// learned hole). A point that no request can read whole (longer than the device allows, inside a neverRead
        /// range, across a refused hole) is dropped for every combination and listed in <paramref name="dropped"/>.
        /// </summary>
        public CombinationPlan For(int classes, PlannerLimits limits, int version, UnsupportedPoints dropped)
        {
            CombinationPlan plan = _plans[classes];
            if (plan != null && plan.Version == version)
            {
                return plan;
            }

            while (true)
            {
                int[] entries = Wanted(classes);
                ReadSpan[] wants = Spans(entries);
                ReadPlan made = ReadPlanner.Plan(wants, limits);
                if (made.Status == PlanStatus.Ok)
                {
                    plan = new CombinationPlan(classes, made, entries, version);
                    _plans[classes] = plan;
                    return plan;
                }

                if (made.FailedSpan < 0)
                {
                    // The loader bounds every limit, so only a caller's own limits get here.
                    throw new ArgumentException("planner limits out of range", "limits");
                }

                int entry = entries[made.FailedSpan];
                dropped.Add(_points[entry], UnsupportedPoints.ReasonOf(made.Status));
                Drop(entry);
            }
        }

        /// <summary>The wanted spans of a plan, as the planner's learning needs them; allocates.</summary>
        public ReadSpan[] Wants(CombinationPlan plan)
        {
            var entries = new int[plan.WantCount];
            for (int w = 0; w < entries.Length; w++)
            {
                entries[w] = plan.EntryOfWant(w);
            }

            return Spans(entries);
        }

        /// <summary>Stops reading the entry's point in every combination.</summary>
        internal void Drop(int entry)
        {
            _dropped[entry] = true;
        }

        private int[] Wanted(int classes)
        {
            int count = 0;
            for (int e = 0; e < _points.Length; e++)
            {
                count += Wants(e, classes) ? 1 : 0;
            }

            var entries = new int[count];
            for (int e = 0, w = 0; e < _points.Length; e++)
            {
                if (Wants(e, classes))
                {
                    entries[w++] = e;
                }
            }

            return entries;
        }

        private bool Wants(int entry, int classes)
        {
            return !_dropped[entry] && (classes & ClassBit(ClassOf(entry))) != 0;
        }

        private ReadSpan[] Spans(int[] entries)
        {
            var spans = new ReadSpan[entries.Length];
            for (int w = 0; w < entries.Length; w++)
            {
                spans[w] = SpanOf(_map.Points[_points[entries[w]]]);
            }

            return spans;
        }

        /// <summary>
        /// The registers a point is read with: its own, or, on a device that asks for it, from its scale factor to itself
        /// when one request can hold both; the planner reads every span whole, so they then arrive in the same reply.
        /// </summary>
        private ReadSpan SpanOf(PointDefinition p)
        {
            var own = new ReadSpan(p.Function, p.Address, p.Count);
            DeviceDefinition device = _map.Devices[Device];
            if (!device.ScaleInRequest || p.ScaleFactorPoint < 0)
            {
                return own;
            }

            PointDefinition sf = _map.Points[p.ScaleFactorPoint];
            int first = p.Address < sf.Address ? p.Address : sf.Address;
            int last = (p.Address + p.Count > sf.Address + sf.Count ? p.Address + p.Count : sf.Address + sf.Count) - 1;
            bool fits = sf.Function == p.Function && sf.Device == p.Device && last - first + 1 <= device.MaxRegisters;
            return fits ? new ReadSpan(p.Function, first, last - first + 1) : own;
        }
    }
}
