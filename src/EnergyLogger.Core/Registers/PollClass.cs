namespace EnergyLogger.Core.Registers
{
    /// <summary>How often a point is read; the poll engine sets the intervals.</summary>
    public enum PollClass
    {
        Fast,
        Normal,
        Slow,
        /// <summary>Read after start-up or a map change, then kept (serial number, rated power).</summary>
        Once,
    }
}
