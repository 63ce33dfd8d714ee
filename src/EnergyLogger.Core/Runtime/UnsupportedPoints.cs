using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>Why a point is no longer read.</summary>
    public enum UnsupportedReason
    {
        /// <summary>The slave answered exception 02 to a read of the point alone (RELIABILITY M2).</summary>
        IllegalAddress,
        /// <summary>The point is longer than one request of its device may be.</summary>
        TooLong,
        /// <summary>The point lies in one of its device's neverRead ranges.</summary>
        NeverRead,
        /// <summary>The point spans a hole the slave refused to read through.</summary>
        Blocked,
    }

    /// <summary>
    /// The points that stopped being read, each listed once: in the cycle where the slave refused it or
    /// where the map was taken over (points no request can read). The caller logs or reports them after
    /// the cycle; the next cycle starts the list afresh. Sized once per map, so adding never allocates.
    /// </summary>
    public sealed class UnsupportedPoints
    {
        private readonly int[] _points;
        private readonly UnsupportedReason[] _reasons;

        public UnsupportedPoints(int capacity)
        {
            _points = new int[capacity];
            _reasons = new UnsupportedReason[capacity];
        }

        public int Count { get; private set; }

        /// <summary>Index into <see cref="Registers.RegisterMap.Points"/>.</summary>
        public int Point(int index)
        {
            return _points[index];
        }

        public UnsupportedReason Reason(int index)
        {
            return _reasons[index];
        }

        /// <summary>What a failed plan says about the span it names.</summary>
        public static UnsupportedReason ReasonOf(PlanStatus status)
        {
            switch (status)
            {
                case PlanStatus.SpanTooLong: return UnsupportedReason.TooLong;
                case PlanStatus.SpanForbidden: return UnsupportedReason.NeverRead;
                default: return UnsupportedReason.Blocked;
            }
        }

        internal void Add(int point, UnsupportedReason reason)
        {
            _points[Count] = point;
            _reasons[Count] = reason;
            Count++;
        }

        internal void Clear()
        {
            Count = 0;
        }
    }
}
