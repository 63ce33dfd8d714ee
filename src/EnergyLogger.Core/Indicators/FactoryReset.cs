using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Indicators
{
    /// <summary>
    /// Reads the reset button, and on a completed long press wipes the stored credentials so the next
    /// boot provisions. The main loop calls <see cref="Poll"/> every cycle (every 50 ms or so), shows
    /// <see cref="IsArmed"/> on the LEDs, and reboots when a poll returns
    /// <see cref="ButtonPress.FactoryReset"/> with <see cref="Wiped"/> true.
    /// </summary>
    public sealed class FactoryReset
    {
        private readonly IButton _button;
        private readonly SettingsRepository _settings;
        private readonly ResetButton _press;

        public FactoryReset(IButton button, SettingsRepository settings, ResetButton press)
        {
            _button = button;
            _settings = settings;
            _press = press;
        }

        public bool IsArmed => _press.IsArmed;

        /// <summary>Whether the last factory reset reached the store; false means the credentials are still there.</summary>
        public bool Wiped { get; private set; }

        public ButtonPress Poll(long nowMs)
        {
            ButtonPress press = _press.Update(_button.IsPressed, nowMs);
            if (press == ButtonPress.FactoryReset)
            {
                Wiped = _settings.WipeCredentials();
            }

            return press;
        }
    }
}
