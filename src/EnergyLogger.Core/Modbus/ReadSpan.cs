namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// A run of registers or bits of one read function: a point the map wants, or a request the planner
    /// sends. Addresses are 0-based PDU addresses (MODBUS Application Protocol v1.1b3, 4.4).
    /// </summary>
    public struct ReadSpan
    {
        public ReadSpan(FunctionCode function, int address, int count)
        {
            Function = function;
            Address = address;
            Count = count;
        }

        public FunctionCode Function { get; }

        public int Address { get; }

        /// <summary>Registers for FC03/04, bits for FC01/02.</summary>
        public int Count { get; }

        /// <summary>The last address in the span (inclusive).</summary>
        public int Last => Address + Count - 1;

        public bool Contains(ReadSpan other)
        {
            return other.Function == Function && other.Address >= Address && other.Last <= Last;
        }
    }
}
