using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// What one poll cycle did, for diagnostics and the demo: reads by outcome, requests on the wire, an
    /// estimate of their wire time, and how long the cycle took. Rewritten every cycle; no allocation.
    /// </summary>
    public sealed class CycleStats
    {
        private readonly int[] _byStatus = new int[(int)ModbusStatus.Skipped + 1];

        /// <summary>Monotonic time the cycle started.</summary>
        public long StartMs { get; private set; }

        public long DurationMs { get; private set; }

        /// <summary>True when the cycle began by taking over a new map.</summary>
        public bool MapTakenOver { get; private set; }

        /// <summary>Planned reads the cycle handled, skipped ones included.</summary>
        public int Reads { get; private set; }

        /// <summary>Requests put on the wire, retries included.</summary>
        public int Requests { get; private set; }

        /// <summary>
        /// Wire time of those requests as the planner prices them (both frames, the silences, no turnaround
        /// or timeouts), in microseconds: what the cycle cost the bus at the least.
        /// </summary>
        public long WireUs { get; private set; }

        /// <summary>Reads that failed: neither delivered data nor were skipped.</summary>
        public int Errors => Reads - Of(ModbusStatus.Ok) - Of(ModbusStatus.Skipped);

        /// <summary>Reads not sent: the slave is offline and not due for a probe, or the cycle budget was spent.</summary>
        public int Skipped => Of(ModbusStatus.Skipped);

        /// <summary>New plans made because the slave refused a merged read (exception 02).</summary>
        public int Replans { get; private set; }

        /// <summary>Reads that ended with <paramref name="status"/>.</summary>
        public int Of(ModbusStatus status)
        {
            return _byStatus[(int)status];
        }

        internal void Begin(long startMs, bool mapTakenOver)
        {
            StartMs = startMs;
            DurationMs = 0;
            MapTakenOver = mapTakenOver;
            Reads = 0;
            Requests = 0;
            WireUs = 0;
            Replans = 0;
            for (int i = 0; i < _byStatus.Length; i++)
            {
                _byStatus[i] = 0;
            }
        }

        internal void Record(ModbusResult result, long requestUs)
        {
            Reads++;
            _byStatus[(int)result.Status]++;
            Requests += result.Attempts;
            WireUs += result.Attempts * requestUs;
        }

        internal void CountReplan()
        {
            Replans++;
        }

        internal void End(long endMs)
        {
            DurationMs = endMs - StartMs;
        }
    }
}
