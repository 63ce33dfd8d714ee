using System;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// How a run ends: a restart that was asked for disconnects cleanly, stores its reason in the boot journal, then
    /// reboots; a stop disconnects and stores itself as a clean end, so that it never counts as a failed boot; a fault
    /// is stored for the next boot to report, then rebooted on.
    /// </summary>
    internal sealed class Shutdown
    {
        private readonly RestartRequest _requests;
        private readonly CloudStack _cloud;
        private readonly BootJournal _journal;
        private readonly IReboot _reboot;
        private readonly Log _log;
        private bool _ended;

        /// <param name="cloud">The cloud side, or null in provisioning mode.</param>
        public Shutdown(RestartRequest requests, CloudStack cloud, BootJournal journal, IReboot reboot, Log log)
        {
            _requests = requests;
            _cloud = cloud;
            _journal = journal;
            _reboot = reboot;
            _log = log;
        }

        /// <summary>Before an iteration: true once the loop was stopped between iterations; the link still says goodbye.</summary>
        public bool Stopped()
        {
            if (_requests.Running)
            {
                return false;
            }

            if (!_ended)
            {
                Stop();
            }

            return true;
        }

        /// <summary>After an iteration: true when the loop ends, stopped or restarted.</summary>
        public bool Take()
        {
            bool restart;
            ResetReason reason;
            string detail;
            if (!_requests.Ends(out restart, out reason, out detail))
            {
                return false;
            }

            if (!restart)
            {
                if (!_ended)
                {
                    Stop();
                }

                return true;
            }

            _ended = true;
            _log.Write(LogLevel.Info, "loop", "restarting", "reason", ResetReasonText.Of(reason), "detail", detail);
            CloseCloud();
            _journal.RecordRestart(reason, detail);
            _reboot.Reboot();
            return true;
        }

        public void Fault(Exception e)
        {
            _requests.Stop();
            _ended = true;
            _log.Write(LogLevel.Error, "loop", "fault; rebooting", "error", e.Message);
            _journal.RecordRestart(ResetReason.Fault, e.Message);
            _reboot.Reboot();
        }

        private void Stop()
        {
            _ended = true;
            _log.Write(LogLevel.Info, "loop", "stopped");
            CloseCloud();
            _journal.RecordRestart(ResetReason.Stopped, "");
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
