namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// A restart asked for, or a stop: by the reboot command, the reset button and the updater on the loop's thread,
    /// by the port-4242 sessions and the host's Ctrl+C on theirs. The first request wins; <see cref="Shutdown"/>
    /// carries it out at the end of the iteration.
    /// </summary>
    internal sealed class RestartRequest
    {
        private readonly object _gate = new object();
        private bool _running = true;
        private bool _asked;
        private ResetReason _reason;
        private string _detail;

        public bool Running
        {
            get
            {
                lock (_gate)
                {
                    return _running;
                }
            }
        }

        public void Ask(ResetReason reason, string detail)
        {
            lock (_gate)
            {
                if (_asked)
                {
                    return;
                }

                _asked = true;
                _reason = reason;
                _detail = detail;
            }
        }

        /// <summary>Ends the loop without a restart.</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _running = false;
            }
        }

        /// <summary>
        /// At the end of an iteration: true when the loop ends now, with <paramref name="restart"/> true and the reason
        /// when a restart was asked for (the loop then stops running), false for a stop.
        /// </summary>
        public bool Ends(out bool restart, out ResetReason reason, out string detail)
        {
            lock (_gate)
            {
                restart = _asked;
                reason = _reason;
                detail = _detail;
                if (!_asked)
                {
                    return !_running;
                }

                _running = false;
                return true;
            }
        }
    }
}
