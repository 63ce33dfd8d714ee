using System;

namespace EnergyLogger.Core.Runtime
{
    public sealed partial class MainLoop
    {
        private readonly object _restartGate = new object();
        private bool _running = true;
        private bool _restartAsked;
        private ResetReason _restartReason;
        private string _restartDetail;
        private bool _proven;

        /// <summary>
        /// Asks for a restart at the end of the current iteration; the first request wins. Thread-safe: the
        /// port-4242 sessions call it when settings were applied.
        /// </summary>
        public void RequestRestart(ResetReason reason, string detail)
        {
            lock (_restartGate)
            {
                if (_restartAsked)
                {
                    return;
                }

                _restartAsked = true;
                _restartReason = reason;
                _restartDetail = detail;
            }
        }

        private bool Running
        {
            get
            {
                lock (_restartGate)
                {
                    return _running;
                }
            }
        }

        /// <summary>Ends the loop without a reboot (the host's Ctrl+C): the link says goodbye, nothing is recorded.</summary>
        public void Stop()
        {
            lock (_restartGate)
            {
                _running = false;
            }
        }

        /// <summary>A restart that was asked for: a clean disconnect, the reason stored, then the reboot.</summary>
        private bool TakeRestart()
        {
            ResetReason reason;
            string detail;
            lock (_restartGate)
            {
                if (!_restartAsked && _running)
                {
                    return false;
                }

                if (!_restartAsked)
                {
                    CloseCloud();
                    return true;
                }

                _running = false;
                reason = _restartReason;
                detail = _restartDetail;
            }

            _log.Write(LogLevel.Info, "loop", "restarting", "reason", ResetReasonText.Of(reason), "detail", detail);
            CloseCloud();
            _boot.Journal.RecordRestart(reason, detail);
            _ports.Reboot.Reboot();
            return true;
        }

        /// <summary>The loop threw: what it was is stored for the next boot to report, then the reboot.</summary>
        private void Fault(Exception e)
        {
            lock (_restartGate)
            {
                _running = false;
            }

            _log.Write(LogLevel.Error, "loop", "fault; rebooting", "error", e.Message);
            _boot.Journal.RecordRestart(ResetReason.Fault, e.Message);
            _ports.Reboot.Reboot();
        }

        /// <summary>A boot that ran long enough clears the failed-boot count. Safe mode never proves itself: it stays until someone restarts it.</summary>
        private void Prove()
        {
            if (_proven || Mode == RunMode.Safe || _clock.MonotonicMs - _startMs < _options.ProvenAfterMs)
            {
                return;
            }

            _proven = true;
            _boot.Journal.MarkProven();
            _log.Write(LogLevel.Info, "boot", "proven; failed-boot count cleared");
        }

        private void CloseCloud()
        {
            if (_cloud != null)
            {
                _cloud.Close();
            }
        }
    }
}
