namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The main loop's sign of life: it beats before each phase of an iteration, naming the phase, and the
    /// supervisor on its own thread reads when the last beat was. A stall report can then say where the loop
    /// hung ("poll" for a link read that never returns). A phase known to block longer than the supervisor's
    /// limit (an OTA step with a signature check on the device) announces its own allowance with its beat.
    /// </summary>
    public sealed class Heartbeat
    {
        private readonly object _gate = new object();
        private long _lastMs;
        private string _phase;
        private int _allowanceMs;
        private int _beats;

        public Heartbeat(long nowMs)
        {
            _lastMs = nowMs;
            _phase = "start";
        }

        public void Beat(string phase, long nowMs)
        {
            Beat(phase, nowMs, 0);
        }

        /// <summary>A beat before a phase that may stay silent for up to <paramref name="allowanceMs"/>.</summary>
        public void Beat(string phase, long nowMs, int allowanceMs)
        {
            lock (_gate)
            {
                _lastMs = nowMs;
                _phase = phase;
                _allowanceMs = allowanceMs;
                _beats++;
            }
        }

        /// <summary>The time of the last beat and the phase it started.</summary>
        public long Last(out string phase)
        {
            int allowanceMs;
            return Last(out phase, out allowanceMs);
        }

        /// <summary>The time of the last beat, the phase it started and how long that phase may be silent (0: the supervisor's limit).</summary>
        public long Last(out string phase, out int allowanceMs)
        {
            lock (_gate)
            {
                phase = _phase;
                allowanceMs = _allowanceMs;
                return _lastMs;
            }
        }

        public int Beats
        {
            get
            {
                lock (_gate)
                {
                    return _beats;
                }
            }
        }
    }
}
