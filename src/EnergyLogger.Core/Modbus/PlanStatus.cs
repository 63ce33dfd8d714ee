namespace EnergyLogger.Core.Modbus
{
    /// <summary>Why a set of wanted spans has no plan. Every failure but InvalidLimits names one span.</summary>
    public enum PlanStatus
    {
        Ok,
        /// <summary>A limit is out of range (request size above the protocol's, no baud rate).</summary>
        InvalidLimits,
        /// <summary>Not a read function, an empty span, or addresses past 0xFFFF.</summary>
        InvalidSpan,
        /// <summary>Longer than one request may be, so it cannot be read whole.</summary>
        SpanTooLong,
        /// <summary>Holds an address that must never be read.</summary>
        SpanForbidden,
        /// <summary>Covers a whole barrier learned from exception 02, so the slave refuses to read it in one request.</summary>
        SpanBlocked,
    }
}
