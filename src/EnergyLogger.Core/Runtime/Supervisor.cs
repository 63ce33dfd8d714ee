using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>What one supervisor check found.</summary>
    public enum SupervisorVerdict
    {
        Alive,
        /// <summary>No heartbeat for the stall time: the reason was stored and the reboot asked for.</summary>
        Stalled,
    }

    /// <summary>
    /// Watches the main loop from its own thread (RELIABILITY W1). While the heartbeat is fresh it passes the
    /// loop's liveness on to the external watchdog; when the loop has not beaten for the stall time (a link read
    /// that never returns, a deadlock) it stores the reason in the boot journal and reboots. After a stall it
    /// never feeds the watchdog again, so that if the reboot itself hangs the external chip resets the board.
    /// A phase that announced a longer allowance with its beat (an OTA step) gets that instead of the stall time.
    /// The check is pure logic on a clock; <see cref="Run"/> is the thread body the device and the host start.
    /// </summary>
    public sealed class Supervisor
    {
        private readonly Heartbeat _heartbeat;
        private readonly IClock _clock;
        private readonly IWatchdog _watchdog;
        private readonly BootJournal _journal;
        private readonly IReboot _reboot;
        private readonly Log _log;
        private readonly int _stallMs;
        private readonly int _periodMs;
        private readonly object _gate = new object();
        private bool _stopped;

        /// <param name="watchdog">The external watchdog, or null when none is fitted.</param>
        public Supervisor(Heartbeat heartbeat, IClock clock, IWatchdog watchdog, BootJournal journal, IReboot reboot, Log log, RuntimeOptions options)
        {
            _heartbeat = heartbeat;
            _clock = clock;
            _watchdog = watchdog;
            _journal = journal;
            _reboot = reboot;
            _log = log;
            _stallMs = options.StallMs;
            _periodMs = options.SupervisorPeriodMs;
        }

        public bool HasFired { get; private set; }

        public SupervisorVerdict Check()
        {
            if (HasFired)
            {
                return SupervisorVerdict.Stalled;
            }

            string phase;
            int allowanceMs;
            long silentMs = _clock.MonotonicMs - _heartbeat.Last(out phase, out allowanceMs);
            if (silentMs < (allowanceMs > _stallMs ? allowanceMs : _stallMs))
            {
                if (_watchdog != null)
                {
                    _watchdog.Feed();
                }

                return SupervisorVerdict.Alive;
            }

            HasFired = true;
            string detail = "no heartbeat for " + silentMs.ToString() + " ms in " + phase;
            _log.Write(LogLevel.Error, "supervisor", "main loop stalled; rebooting", "phase", phase, "silent_ms", silentMs.ToString());
            _journal.RecordRestart(ResetReason.Stall, detail);
            _reboot.Reboot();
            return SupervisorVerdict.Stalled;
        }

        /// <summary>The supervisor thread: checks every period until it fires or is stopped.</summary>
        public void Run()
        {
            while (!Stopped && Check() == SupervisorVerdict.Alive)
            {
                _clock.Sleep(_periodMs);
            }
        }

        /// <summary>Ends <see cref="Run"/> (the host restarts the loop in-process and starts a new supervisor).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopped = true;
            }
        }

        private bool Stopped
        {
            get
            {
                lock (_gate)
                {
                    return _stopped;
                }
            }
        }
    }
}
