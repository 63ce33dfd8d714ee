using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The reset button and the LEDs, every iteration: a completed long press wipes the credentials and asks for the
    /// restart; without usable settings a short press opens the access point again. The LED state is derived from the
    /// Wi-Fi (or, without settings, the access point's window), the link, the bus, the updater and the button
    /// (docs/runtime.md, "LEDs").
    /// </summary>
    internal sealed class FrontPanel : ILoopTask
    {
        private readonly IndicatorDriver _leds;
        private readonly FactoryReset _reset;
        private readonly AccessPointWindow _window;
        private readonly RestartRequest _restarts;
        private readonly INetwork _network;
        private readonly CloudStack _cloud;
        private readonly Polling _polling;
        private readonly IUpdater _updater;
        private readonly IClock _clock;
        private readonly Log _log;

        /// <param name="reset">The reset button, or null when the board has none.</param>
        /// <param name="window">The access point's window in provisioning mode; null in the other modes or without an access point.</param>
        /// <param name="cloud">The cloud side, or null in provisioning mode.</param>
        /// <param name="polling">The polling, or null unless the boot runs in normal mode.</param>
        /// <param name="updater">The OTA updater, or null when this build has none.</param>
        public FrontPanel(IndicatorDriver leds, FactoryReset reset, AccessPointWindow window, RestartRequest restarts, INetwork network, CloudStack cloud,
            Polling polling, IUpdater updater, IClock clock, Log log)
        {
            _leds = leds;
            _reset = reset;
            _window = window;
            _restarts = restarts;
            _network = network;
            _cloud = cloud;
            _polling = polling;
            _updater = updater;
            _clock = clock;
            _log = log;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            heartbeat.Beat("indicators", _clock.MonotonicMs);
            PollButton();
            long now = _clock.MonotonicMs;
            _leds.Show(Wifi(), Mqtt(), _polling != null && _polling.ModbusResponding(now),
                _updater != null && _updater.InProgress, _reset != null && _reset.IsArmed, now);
        }

        private void PollButton()
        {
            ButtonPress press = _reset == null ? ButtonPress.None : _reset.Poll(_clock.MonotonicMs);
            if (press == ButtonPress.Short && _window != null)
            {
                _window.ShortPress();
            }

            if (press != ButtonPress.FactoryReset)
            {
                return;
            }

            if (_reset.Wiped)
            {
                _restarts.Ask(ResetReason.FactoryReset, "credentials wiped by a long press");
            }
            else
            {
                _log.Write(LogLevel.Error, "button", "factory reset could not wipe the credentials");
            }
        }

        private WifiState Wifi()
        {
            if (_window == null)
            {
                return IndicatorDriver.WifiOf(_network.State);
            }

            return _window.IsOpen ? WifiState.AccessPoint : WifiState.AccessPointClosed;
        }

        private MqttState Mqtt()
        {
            if (_cloud == null)
            {
                return MqttState.Off;
            }

            if (_cloud.Online)
            {
                return MqttState.Connected;
            }

            return _cloud.Counters.ConnectFailures + _cloud.Counters.ConnectionsLost > 0 ? MqttState.Failed : MqttState.Connecting;
        }
    }
}
