namespace EnergyLogger.Core.Modbus
{
    /// <summary>Running totals for diagnostics: one counter per error class, never reset by the engine.</summary>
    public sealed class ModbusCounters
    {
        /// <summary>Requests put on the wire, retries included.</summary>
        public int Requests;
        public int Replies;
        public int Retries;
        public int Timeouts;
        public int CrcErrors;
        public int WrongSlave;
        public int BadResponses;
        public int Exceptions;
        public int Truncated;
        public int LinkErrors;
        public int InvalidRequests;
        public int Skipped;

        /// <summary>Late replies to an earlier, timed-out request that were recognised and passed over.</summary>
        public int StaleReplies;

        public void Count(ModbusStatus status)
        {
            switch (status)
            {
                case ModbusStatus.Ok: Replies++; break;
                case ModbusStatus.Timeout: Timeouts++; break;
                case ModbusStatus.CrcError: CrcErrors++; break;
                case ModbusStatus.WrongSlave: WrongSlave++; break;
                case ModbusStatus.BadResponse: BadResponses++; break;
                case ModbusStatus.Exception: Exceptions++; break;
                case ModbusStatus.Truncated: Truncated++; break;
                case ModbusStatus.LinkError: LinkErrors++; break;
                case ModbusStatus.InvalidRequest: InvalidRequests++; break;
                case ModbusStatus.Skipped: Skipped++; break;
            }
        }
    }
}
