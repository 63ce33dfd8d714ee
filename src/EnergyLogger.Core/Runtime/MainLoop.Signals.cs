using System;
using EnergyLogger.Core.Indicators;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>What the loop notices and shows each iteration: the clock, link problems, the reset button, the LEDs.</summary>
    public sealed partial class MainLoop
    {
        /// <summary>Notes when the wall clock is first seen set, so the cloud can re-stamp this boot's earlier samples (RELIABILITY S2).</summary>
        private void NoteClock(long now)
        {
            if (_stats.SyncedAtMonoMs >= 0 || !_clock.WallClockSynced)
            {
                return;
            }

            _stats.SyncedAtMonoMs = now;
            // DateTime's range differs between the runtimes (it starts at 1601 on nanoFramework): the epoch is computed
            // here rather than kept as a tick constant, and not in a static field (static constructors run eagerly there).
            _stats.SyncedAtUnixMs = (_clock.UtcNow.Ticks - new DateTime(1970, 1, 1).Ticks) / TimeSpan.TicksPerMillisecond;
            if (_stats.SamplesUnsynced > 0)
            {
                // The anchor is what re-stamps those samples: it goes out now, not at the next hourly refresh.
                _nextMetadataMs = now;
            }

            _log.Write(LogLevel.Info, "clock", "wall clock synced", "mono", now.ToString(), "unsynced_samples", _stats.SamplesUnsynced.ToString());
        }

        /// <summary>Each new problem of the link (refused connect, lost session, error reply, rejected config) is one record.</summary>
        private void NoteCloudError()
        {
            string error = _cloudCounters.LastError;
            if (error == null || (object)error == (object)_lastCloudError)
            {
                return;
            }

            _lastCloudError = error;
            _log.Write(LogLevel.Warn, "cloud", error);
        }

        private void PollButton()
        {
            if (_factoryReset == null || _factoryReset.Poll(_clock.MonotonicMs) != ButtonPress.FactoryReset)
            {
                return;
            }

            if (_factoryReset.Wiped)
            {
                RequestRestart(ResetReason.FactoryReset, "credentials wiped by a long press");
            }
            else
            {
                _log.Write(LogLevel.Error, "button", "factory reset could not wipe the credentials");
            }
        }

        private void ShowIndicators()
        {
            long now = _clock.MonotonicMs;
            IUpdater updater = _ports.Updater;
            _indicators.Show(IndicatorDriver.WifiOf(_ports.Network.State), MqttOf(_cloud), ModbusResponding(now),
                updater != null && updater.InProgress, _factoryReset != null && _factoryReset.IsArmed, now);
        }

        private static MqttState MqttOf(CloudStack cloud)
        {
            if (cloud == null)
            {
                return MqttState.Off;
            }

            if (cloud.Online)
            {
                return MqttState.Connected;
            }

            return cloud.Counters.ConnectFailures + cloud.Counters.ConnectionsLost > 0 ? MqttState.Failed : MqttState.Connecting;
        }
    }
}
