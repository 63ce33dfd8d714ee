using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Safe mode polls nothing, so from outside it looks like a logger with nothing to say. It therefore says so itself:
    /// a warning on the first iteration and again every <see cref="RuntimeOptions.SafeModeNoticeMs"/>, with why it is on
    /// (the failed boots and how the last of them ended) and the deliberate restarts that leave it (docs/runtime.md, "The boot journal and
    /// safe mode").
    /// </summary>
    internal sealed class SafeModeNotice : ILoopTask
    {
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly int _periodMs;
        private readonly string[] _fields;
        private long _nextMs;

        public SafeModeNotice(BootJournal journal, IClock clock, Log log, RuntimeOptions options, long startMs)
        {
            _clock = clock;
            _log = log;
            _periodMs = options.SafeModeNoticeMs;
            _nextMs = startMs;
            // Short: the boot record just before carries the previous run's detail, and the diagnostics too.
            _fields = new[]
            {
                "why", journal.FailedBootsBefore.ToString() + " failed boots, last: " + ResetReasonText.Of(journal.PreviousReason),
                "leave", options.SafeModeExit,
            };
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            long now = _clock.MonotonicMs;
            if (now < _nextMs)
            {
                return;
            }

            _nextMs = now + _periodMs;
            _log.Write(LogLevel.Warn, "boot", "safe mode: no polling", _fields);
        }
    }
}
