using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// A boot that ran long enough clears the failed-boot count (docs/runtime.md, "The boot journal and safe mode").
    /// Safe mode never proves itself: it stays until someone restarts it.
    /// </summary>
    internal sealed class BootProof : ILoopTask
    {
        private readonly BootJournal _journal;
        private readonly RunMode _mode;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly long _provenAtMs;
        private bool _proven;

        public BootProof(BootJournal journal, RunMode mode, IClock clock, Log log, long startMs, int provenAfterMs)
        {
            _journal = journal;
            _mode = mode;
            _clock = clock;
            _log = log;
            _provenAtMs = startMs + provenAfterMs;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_proven || _mode == RunMode.Safe || _clock.MonotonicMs < _provenAtMs)
            {
                return;
            }

            _proven = true;
            _journal.MarkProven();
            _log.Write(LogLevel.Info, "boot", "proven; failed-boot count cleared");
        }
    }
}
