namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The main loop's sign of life: it beats before each phase of an iteration, naming the phase, and the
    /// supervisor on its own thread reads when the last beat was. A stall report can then say where the loop
    /// hung ("poll" for a link read that never returns).
    /// </summary>
    public sealed class Heartbeat
    {
        private readonly object _gate = new object();
        private long _lastMs;
        private string _phase;
        private int _beats;

        public Heartbeat(long nowMs)
        {
            _lastMs = nowMs;
            _phase = "start";
        }

        public void Beat(string phase, long nowMs)
        {
            lock (_gate)
            {
                _lastMs = nowMs;
                _phase = phase;
                _beats++;
            }
        }

        /// <summary>The time of the last beat and the phase it started.</summary>
        public long Last(out string phase)
        {
            lock (_gate)
            {
                phase = _phase;
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
