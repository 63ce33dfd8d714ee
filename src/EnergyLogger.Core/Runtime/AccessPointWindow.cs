using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// When the provisioning access point is up (docs/provisioning.md, "The window"): for 30 minutes from a power-up
    /// without usable settings, from a factory reset and from a short press of the button; for as long as the cloud's
    /// <c>start_ap</c> says; then it closes by itself, and applied settings close it too. A provisioned logger never
    /// opens it on its own. The <see cref="IAccessPoint"/> adapter only opens and closes it. On the ESP32 each change
    /// takes a restart, so a window opened during a run is carried across that restart by <see cref="AccessPointRecord"/>.
    /// The loop ticks it; a port-4242 session may close it from its own thread.
    /// </summary>
    public sealed class AccessPointWindow : ILoopTask, IAccessPointControl
    {
        private readonly IAccessPoint _ap;
        private readonly DeviceLabel _label;
        private readonly IFileStore _files;
        private readonly RestartRequest _restarts;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly int _windowMs;
        private readonly object _gate = new object();
        private bool _open;
        private long _closesAtMs;

        internal AccessPointWindow(IAccessPoint ap, BootContext boot, IFileStore files, RestartRequest restarts, IClock clock, Log log, int windowMs)
        {
            _ap = ap;
            _label = boot.Label;
            _files = files;
            _restarts = restarts;
            _clock = clock;
            _log = log;
            _windowMs = windowMs;
            if (boot.AccessPointMs > 0)
            {
                // On the board the access point is already up (Program.cs reads the boot's decision first): no restart.
                _open = true;
                _closesAtMs = clock.MonotonicMs + boot.AccessPointMs;
                _ap.Open(_label.ApKey);
                Opened(boot.AccessPointMs, "boot");
            }
        }

        public bool IsOpen
        {
            get
            {
                lock (_gate)
                {
                    return _open;
                }
            }
        }

        public string Unavailable => _label.Status == LabelStatus.Unreadable ? "the label record is unreadable" : null;

        public bool KeyRequired => _label.IsSet(SettingFields.ApKey);

        public bool CodeRequired => _label.IsSet(SettingFields.ApPop);

        /// <summary>
        /// How long the access point is up from a boot on (0: it stays down). Without usable settings every boot opens it
        /// for the window, a power-up and a factory reset included, except the restart that closed it; a provisioned
        /// logger opens it only to carry a window across the restart that brings it up, never at power-up. An unreadable
        /// label keeps it down: opening it without the key and the code would undo what the label is for.
        /// </summary>
        public static int AtBoot(RunMode mode, ResetReason previous, DeviceLabel label, int carriedMs, int windowMs)
        {
            if (label.Status == LabelStatus.Unreadable)
            {
                return 0;
            }

            if (mode == RunMode.Provisioning && previous != ResetReason.AccessPoint)
            {
                return windowMs;
            }

            bool powerUp = previous == ResetReason.Unknown || previous == ResetReason.FirstStart;
            return mode != RunMode.Provisioning && powerUp ? 0 : carriedMs;
        }

        /// <summary>
        /// The board had to restart to put its access point as <see cref="AtBoot"/> decided (the ESP32 reads it only
        /// when its Wi-Fi starts): the next boot must come to the same decision, so the window is carried and the
        /// restart journalled as the access point's.
        /// </summary>
        public static void CarryAcrossRestart(BootContext boot, IFileStore files)
        {
            if (boot.AccessPointMs > 0)
            {
                AccessPointRecord.Save(files, boot.AccessPointMs);
            }

            boot.Journal.RecordRestart(ResetReason.AccessPoint, boot.AccessPointMs > 0 ? "Wi-Fi set up with the access point" : "Wi-Fi set up without the access point");
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            bool restart;
            lock (_gate)
            {
                if (!_open || _clock.MonotonicMs - _closesAtMs < 0)
                {
                    return;
                }

                heartbeat.Beat("access-point", _clock.MonotonicMs);
                restart = CloseLocked("its window ended");
            }

            if (restart)
            {
                _restarts.Ask(ResetReason.AccessPoint, "the access point's window ended");
            }
        }

        /// <summary>A short press of the button while the logger has no usable settings: open again for the window.</summary>
        public void ShortPress()
        {
            if (Unavailable != null)
            {
                _log.Write(LogLevel.Warn, "ap", "access point stays closed", "reason", Unavailable);
                return;
            }

            if (Open(_windowMs, "short press"))
            {
                _restarts.Ask(ResetReason.AccessPoint, "access point opened by a short press");
            }
        }

        public bool Open(int ms, string why)
        {
            lock (_gate)
            {
                _open = true;
                _closesAtMs = _clock.MonotonicMs + ms;
                bool restart = _ap.Open(_label.ApKey);
                if (restart && !AccessPointRecord.Save(_files, ms))
                {
                    _log.Write(LogLevel.Error, "ap", "the window could not be stored; the access point opens for the window after the restart only if the flash works");
                }

                Opened(ms, why);
                return restart;
            }
        }

        public bool Close(string why)
        {
            lock (_gate)
            {
                return CloseLocked(why);
            }
        }

        /// <summary>Settings were applied on port 4242: the logger restarts into station mode with the access point down.</summary>
        public void SettingsApplied()
        {
            Close("settings applied");
        }

        private bool CloseLocked(string why)
        {
            bool wasOpen = _open;
            _open = false;
            bool restart = _ap.Close();
            _files.Delete(AccessPointRecord.FileName);
            if (wasOpen)
            {
                _log.Write(LogLevel.Info, "ap", "access point closed", "reason", why);
            }

            return restart;
        }

        private void Opened(int ms, string why)
        {
            _log.Write(LogLevel.Info, "ap", "access point open", new[]
            {
                "for_s", (ms / 1000).ToString(), "security", KeyRequired ? "wpa2-psk" : "open", "code", CodeRequired ? "required" : "none", "reason", why,
            });
        }
    }
}
