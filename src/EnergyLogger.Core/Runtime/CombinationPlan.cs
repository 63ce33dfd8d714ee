using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The read plan of one combination of a device's poll classes: one optimal plan over the union of their points
    /// still read, and which point each wanted span is. Built when a map is taken over (and again after the planner
    /// learned a hole); a cycle only walks it.
    /// </summary>
    public sealed class CombinationPlan
    {
        private readonly int[] _entryOfWant;

        internal CombinationPlan(int classes, ReadPlan plan, int[] entryOfWant, int version)
        {
            Classes = classes;
            Plan = plan;
            _entryOfWant = entryOfWant;
            Version = version;
            Since = new long[plan.Count];
            Fastest = new int[plan.Count];
        }

        /// <summary>The combination: bit (int)<see cref="Registers.PollClass"/> set for each class in it.</summary>
        public int Classes { get; }

        public ReadPlan Plan { get; }

        public int WantCount => _entryOfWant.Length;

        /// <summary>The planner limits' version the plan was made for.</summary>
        internal int Version { get; }

        /// <summary>Per read, since when its points wait and the fastest class it holds (<see cref="DevicePoller"/>); kept here so that a cycle allocates nothing.</summary>
        internal long[] Since { get; }

        internal int[] Fastest { get; }

        /// <summary>The device entry (<see cref="DevicePlans.PointOf"/>) of wanted span <paramref name="want"/>.</summary>
        public int EntryOfWant(int want)
        {
            return _entryOfWant[want];
        }

        /// <summary>Bytes the plan holds: per read its span (12) and its order (12), per wanted span two ints; object headers not counted.</summary>
        public int Bytes => (Plan.Count * 24) + (WantCount * 8);
    }
}
