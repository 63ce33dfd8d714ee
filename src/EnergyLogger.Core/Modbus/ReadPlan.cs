namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// The requests that read every wanted span whole, ordered by function and address. Built once when a
    /// map is loaded and walked every poll cycle: nothing here allocates.
    /// </summary>
    public sealed class ReadPlan
    {
        private readonly ReadSpan[] _reads;
        private readonly int[] _readOfSpan;

        internal ReadPlan(ReadSpan[] reads, int[] readOfSpan, long totalWireUs)
        {
            Status = PlanStatus.Ok;
            FailedSpan = -1;
            _reads = reads;
            _readOfSpan = readOfSpan;
            TotalWireUs = totalWireUs;
        }

        internal ReadPlan(PlanStatus status, int failedSpan)
        {
            Status = status;
            FailedSpan = failedSpan;
            _reads = new ReadSpan[0];
            _readOfSpan = new int[0];
        }

        public PlanStatus Status { get; }

        /// <summary>Index into the wanted spans of the one that could not be planned, or -1.</summary>
        public int FailedSpan { get; }

        public int Count => _reads.Length;

        /// <summary>Wire time of one poll cycle: every request, reply and inter-frame silence.</summary>
        public long TotalWireUs { get; }

        public ReadSpan Read(int index)
        {
            return _reads[index];
        }

        /// <summary>Which read holds wanted span <paramref name="span"/>; its data starts at span.Address - read.Address.</summary>
        public int ReadOf(int span)
        {
            return _readOfSpan[span];
        }
    }
}
