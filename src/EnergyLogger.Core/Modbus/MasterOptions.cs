namespace EnergyLogger.Core.Modbus
{
    /// <summary>Timing and retry policy of one bus. Defaults suit a 9600 8N1 inverter port.</summary>
    public sealed class MasterOptions
    {
        /// <summary>Line speed; 0 on MODBUS TCP, where no inter-frame silence applies.</summary>
        public int BaudRate = 9600;

        /// <summary>Start + data + parity + stop bits; 10 for 8N1, 11 for 8E1 or 8N2.</summary>
        public int BitsPerChar = 10;

        /// <summary>Wait for the first reply byte, counted from the end of the request on the wire.</summary>
        public int ResponseTimeoutMs = 1000;

        /// <summary>
        /// Silence after reply bytes that ends the frame. Strict RTU says t3.5, but USB adapters and UART
        /// drivers deliver bytes in bursts, so a practical floor is used (ESPHome resets at 50 ms).
        /// A value below t3.5 is taken as t3.5.
        /// </summary>
        public int InterByteTimeoutMs = 20;

        /// <summary>Extra attempts after a timeout, CRC error, truncated or foreign reply.</summary>
        public int Retries = 2;

        /// <summary>Extra attempts after exception 05 (acknowledge) or 06 (busy), each after a growing pause.</summary>
        public int BusyRetries = 3;

        public int BusyBackoffMs = 50;

        /// <summary>Failed transactions in a row after which a slave is taken as offline.</summary>
        public int OfflineAfterFailures = 3;

        /// <summary>While offline, a slave is probed (one attempt, no retries) at most this often.</summary>
        public int OfflineProbeIntervalMs = 60000;
    }
}
