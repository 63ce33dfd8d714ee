namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// What the read planner must respect for one slave: request size, addresses never to read, reads the
    /// slave has refused, and the line whose wire time the planner minimises. Defaults suit a 9600 8N1 port.
    /// </summary>
    public sealed class PlannerLimits
    {
        /// <summary>Registers per FC03/04 request; some gateways need far fewer than the protocol's 125.</summary>
        public int MaxRegisters = ModbusPdu.MaxReadRegisters;

        /// <summary>Bits per FC01/02 request, at most the protocol's 2000.</summary>
        public int MaxBits = ModbusPdu.MaxReadBits;

        public int BaudRate = 9600;

        /// <summary>Start + data + parity + stop bits; 10 for 8N1, 11 for 8E1 or 8N2.</summary>
        public int BitsPerChar = 10;

        /// <summary>Time the slave takes between request and reply, charged to every request.</summary>
        public int TurnaroundUs;

        /// <summary>Addresses that must never be read, not even as filler inside a merged request.</summary>
        public readonly RangeList Forbidden = new RangeList();

        /// <summary>
        /// Ranges no single request may cover whole: the slave answered exception 02 when a merged request
        /// bridged them. Filled by <see cref="BarrierLearner.LearnIllegalAddress"/> and kept for the slave.
        /// </summary>
        public readonly RangeList Barriers = new RangeList();

        public int MaxCount(FunctionCode function)
        {
            return ModbusPdu.IsBitFunction(function) ? MaxBits : MaxRegisters;
        }

        public bool IsValid
        {
            get
            {
                return MaxRegisters >= 1 && MaxRegisters <= ModbusPdu.MaxReadRegisters
                    && MaxBits >= 1 && MaxBits <= ModbusPdu.MaxReadBits
                    && BaudRate > 0 && BitsPerChar >= 10 && BitsPerChar <= 12 && TurnaroundUs >= 0;
            }
        }
    }
}
