namespace EnergyLogger.Core.Modbus
{
    /// <summary>What the planner made of an exception 02 answer to one of its reads.</summary>
    public enum LearnStatus
    {
        /// <summary>The read held several wanted spans; barriers now keep them apart. Plan again.</summary>
        Split,
        /// <summary>The read held one wanted span, which the slave does not have: mark that point unsupported.</summary>
        SpanUnsupported,
        /// <summary>The read held no wanted span whole, so it did not come from a plan of these spans.</summary>
        NotFromPlan,
    }

    public struct LearnResult
    {
        public LearnResult(LearnStatus status, int unsupportedSpan, int barriersAdded)
        {
            Status = status;
            UnsupportedSpan = unsupportedSpan;
            BarriersAdded = barriersAdded;
        }

        public LearnStatus Status { get; }

        /// <summary>Index into the wanted spans of the unsupported one when Status is SpanUnsupported, else -1.</summary>
        public int UnsupportedSpan { get; }

        /// <summary>New entries in <see cref="PlannerLimits.Barriers"/>.</summary>
        public int BarriersAdded { get; }
    }
}
