using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The Wi-Fi as the cloud manages it (docs/cloud.md, "wifi_scan", "set_wifi"), one operation at a time. A scan lists the
    /// networks in range while the station stays on its own, so the cloud link stays up. A change of network never strands
    /// the logger: the station joins the new network and the link connects again over it; only if the link is up within
    /// <see cref="RuntimeOptions.WifiTrialMs"/> are the new name and key stored, otherwise the station goes back to the
    /// network it came from and nothing is stored. Either way the result says which network is in use, and it waits for the
    /// link like any other result. A restart in the middle comes back on the stored network, the old one.
    /// </summary>
    internal sealed class WifiControl : ILoopTask
    {
        public const string ScanType = "wifi_scan";
        public const string ChangeType = "set_wifi";

        /// <summary>The strongest networks a scan reports; the rest would not fit a result.</summary>
        public const int MaxNetworks = 32;

        private const int Idle = 0;
        private const int Scanning = 1;
        private const int Trying = 2;
        private const int Returning = 3;

        private readonly INetwork _network;
        private readonly SettingsRepository _store;
        private readonly DeviceSettings _settings;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly RuntimeOptions _options;
        private readonly CommandReply _reply;
        private int _phase = Idle;
        private long _id;
        private long _sinceMs;
        private string _ssid;
        private string _key;
        private string _newSsid;
        private string _newKey;
        private int _connectsBefore;
        private bool _joined;
        private bool _leaving;

        /// <param name="settings">The settings in use: the network the logger is on, and what a stored change starts from.</param>
        public WifiControl(INetwork network, SettingsRepository store, DeviceSettings settings, IClock clock, Log log, RuntimeOptions options)
        {
            _network = network;
            _store = store;
            _settings = settings.Copy();
            _clock = clock;
            _log = log;
            _options = options;
            _reply = new CommandReply(options.CommandReplyBytes);
            _ssid = settings.WifiSsid;
            _key = settings.WifiKey;
        }

        /// <summary>The cloud side the results go to and the link a change reconnects; set once it is built.</summary>
        public CloudStack Cloud { get; set; }

        /// <summary>Whether a scan or a change is under way.</summary>
        public bool Busy => _phase != Idle;

        /// <summary>Starts a scan for command <paramref name="id"/>; 0 when it runs (its result comes later), else the status and why not.</summary>
        public int StartScan(long id, out string reason)
        {
            reason = null;
            if (Busy)
            {
                reason = "a Wi-Fi scan or change is under way";
                return 409;
            }

            if (!_network.StartScan())
            {
                reason = "the Wi-Fi cannot scan now";
                return 503;
            }

            Begin(Scanning, id);
            return 0;
        }

        /// <summary>
        /// Starts the trial of another network for command <paramref name="id"/> with a name and key already checked as on port 4242;
        /// 0 when it runs, 200 when the logger is on that network already, else the status and why not.
        /// </summary>
        public int StartChange(long id, string ssid, string key, out string reason)
        {
            reason = null;
            if (Busy)
            {
                reason = "a Wi-Fi scan or change is under way";
                return 409;
            }

            if (ssid == _ssid && key == _key && _network.State == NetworkState.Connected)
            {
                reason = "on that network already";
                return 200;
            }

            _log.AddSecret(key);
            _newSsid = ssid;
            _newKey = key;
            _joined = false;
            _leaving = true;
            Begin(Trying, id);
            return 0;
        }

        /// <summary>The network in use, for a result that needs no trial.</summary>
        public void WriteCurrent(JsonWriter w)
        {
            w.Name("ssid");
            w.String(_ssid);
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            if (_phase == Idle || Cloud == null)
            {
                return;
            }

            heartbeat.Beat("wifi", _clock.MonotonicMs);
            long elapsed = startMs - _sinceMs;
            if (_phase == Scanning)
            {
                TickScan(elapsed);
            }
            else if (_phase == Trying)
            {
                TickTrial(elapsed);
            }
            else
            {
                TickReturn(elapsed);
            }
        }

        private void Begin(int phase, long id)
        {
            _phase = phase;
            _id = id;
            _sinceMs = _clock.MonotonicMs;
        }

        private void TickScan(long elapsed)
        {
            ScannedNetwork[] found = _network.ScanResults;
            if (found == null && elapsed < _options.WifiScanMs)
            {
                return;
            }

            _phase = Idle;
            _reply.Start(_id);
            if (found == null)
            {
                _reply.Fail(504, "the scan did not finish within " + (_options.WifiScanMs / 1000).ToString() + " s");
            }
            else
            {
                _reply.Begin(200, "OK");
                WriteNetworks(_reply.Writer, found);
            }

            Finish(ScanType);
        }

        private void TickTrial(long elapsed)
        {
            if (_leaving)
            {
                // After the command's tick, not inside it: the session goes with the old network, and is made again over the new
                // one once that gives an address.
                _leaving = false;
                _log.Write(LogLevel.Info, "wifi", "trying another network; the current one stays stored until the cloud answers over it", "ssid", _newSsid,
                    "previous", _ssid);
                Cloud.Close();
                _network.Join(_newSsid, _newKey);
                return;
            }

            NetworkState state = _network.State;
            if (state == NetworkState.Connected && !_joined)
            {
                // Only a connect made from here on went over the new network.
                _joined = true;
                _connectsBefore = Cloud.Counters.Connects;
                Cloud.Reconnect();
            }

            if (_joined && Cloud.Online && Cloud.Counters.Connects > _connectsBefore)
            {
                Keep();
                return;
            }

            if (state == NetworkState.Failed || elapsed >= _options.WifiTrialMs)
            {
                GoBack(state == NetworkState.Failed);
            }
        }

        /// <summary>The station rejoins the old network; once it has an address, the link reconnects over it at once.</summary>
        private void TickReturn(long elapsed)
        {
            NetworkState state = _network.State;
            if (state == NetworkState.Connected)
            {
                _phase = Idle;
                Cloud.Reconnect();
                _log.Write(LogLevel.Info, "wifi", "back on the previous network", "ssid", _ssid);
            }
            else if (elapsed >= _options.WifiTrialMs)
            {
                _phase = Idle;
                _log.Write(LogLevel.Warn, "wifi", "the previous network does not answer yet; the Wi-Fi keeps trying", "ssid", _ssid);
            }
        }

        /// <summary>The cloud answered over the new network: it is stored, and it is the one a restart comes back to.</summary>
        private void Keep()
        {
            _phase = Idle;
            string previous = _ssid;
            DeviceSettings changed = _settings.Copy();
            bool stored = changed.Set(SettingFields.WifiSsid, _newSsid) == null && changed.Set(SettingFields.WifiKey, _newKey) == null
                && _store.Save(changed);
            _ssid = _newSsid;
            _key = _newKey;
            _reply.Start(_id);
            if (stored)
            {
                _settings.Set(SettingFields.WifiSsid, _newSsid);
                _settings.Set(SettingFields.WifiKey, _newKey);
                _reply.Begin(200, "OK");
                _log.Write(LogLevel.Info, "wifi", "the cloud answers over the new network; stored", "ssid", _ssid);
            }
            else
            {
                _reply.Begin(500, "the new network works but could not be stored; a restart comes back on the previous one");
                _log.Write(LogLevel.Error, "wifi", "the new network works but could not be stored", "ssid", _ssid);
            }

            JsonWriter w = _reply.Writer;
            w.Name("ssid");
            w.String(_ssid);
            w.Name("previous");
            w.String(previous);
            w.Name("stored");
            w.Bool(stored);
            Finish(ChangeType);
        }

        private void GoBack(bool joinFailed)
        {
            string reason = joinFailed
                ? "could not join " + _newSsid
                : "no cloud connection over " + _newSsid + " within " + (_options.WifiTrialMs / 1000).ToString() + " s";
            _log.Write(LogLevel.Warn, "wifi", "going back to the previous network", "ssid", _ssid, "reason", reason);
            Begin(Returning, _id);
            _network.Join(_ssid, _key);
            _reply.Start(_id);
            _reply.Begin(joinFailed ? 502 : 504, reason + "; back on " + _ssid);
            JsonWriter w = _reply.Writer;
            w.Name("ssid");
            w.String(_ssid);
            w.Name("tried");
            w.String(_newSsid);
            w.Name("joined");
            w.Bool(!joinFailed);
            Finish(ChangeType);
        }

        private void Finish(string type)
        {
            if (!_reply.End())
            {
                _reply.Start(_id);
                _reply.Fail(500, "result too large");
                _reply.End();
            }

            Cloud.Report(type, _reply);
        }

        /// <summary>The strongest first, nameless (hidden) networks left out, at most <see cref="MaxNetworks"/>.</summary>
        private static void WriteNetworks(JsonWriter w, ScannedNetwork[] found)
        {
            var order = new ScannedNetwork[found.Length];
            int n = 0;
            for (int i = 0; i < found.Length; i++)
            {
                ScannedNetwork s = found[i];
                if (s == null || s.Ssid == null || s.Ssid.Length == 0)
                {
                    continue;
                }

                int at = n++;
                while (at > 0 && order[at - 1].Rssi < s.Rssi)
                {
                    order[at] = order[at - 1];
                    at--;
                }

                order[at] = s;
            }

            w.Name("networks");
            w.BeginArray();
            for (int i = 0; i < n && i < MaxNetworks; i++)
            {
                w.BeginObject();
                w.Name("ssid");
                w.String(order[i].Ssid);
                w.Name("rssi");
                w.Integer(order[i].Rssi);
                if (order[i].Channel > 0)
                {
                    w.Name("channel");
                    w.Integer(order[i].Channel);
                }

                if (order[i].Security != null)
                {
                    w.Name("security");
                    w.String(order[i].Security);
                }

                w.EndObject();
            }

            w.EndArray();
        }
    }
}
