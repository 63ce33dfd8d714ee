using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// <c>wifi_scan</c>: the networks in range, strongest first, <c>{"networks":[{"ssid":..,"rssi":..,"channel":..,"security":..}]}</c>
    /// (channel and security where the Wi-Fi reports them). The scan takes a few seconds, so the result follows when it ends.
    /// </summary>
    internal sealed class WifiScanCommand : ICommandHandler
    {
        private readonly WifiControl _wifi;

        public WifiScanCommand(WifiControl wifi)
        {
            _wifi = wifi;
        }

        public string Type => WifiControl.ScanType;

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            string reason;
            int status = _wifi.StartScan(reply.Id, out reason);
            if (status == 0)
            {
                reply.Defer();
                return;
            }

            reply.Fail(status, reason);
        }
    }

    /// <summary>
    /// <c>set_wifi</c>: <c>{"ssid":"Shed","key":"..."}</c> (no key for an open network), checked by the rules of port 4242. The logger
    /// tries the network and keeps it only if the cloud answers over it in time; the result, which follows, names the network in use
    /// (<see cref="WifiControl"/>).
    /// </summary>
    internal sealed class SetWifiCommand : ICommandHandler
    {
        private readonly WifiControl _wifi;

        public SetWifiCommand(WifiControl wifi)
        {
            _wifi = wifi;
        }

        public string Type => WifiControl.ChangeType;

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            string ssid, key, reason;
            if (!Text(doc, payload, "ssid", SettingFields.WifiSsid, true, out ssid, out reason)
                || !Text(doc, payload, "key", SettingFields.WifiKey, false, out key, out reason))
            {
                reply.Fail(400, reason);
                return;
            }

            int status = _wifi.StartChange(reply.Id, ssid, key, out reason);
            if (status == 0)
            {
                reply.Defer();
                return;
            }

            if (status != 200)
            {
                reply.Fail(status, reason);
                return;
            }

            reply.Begin(200, reason);
            _wifi.WriteCurrent(reply.Writer);
        }

        /// <summary>A string member that passes the setting's own rule; the reason names the payload member.</summary>
        private static bool Text(JsonDocument doc, int payload, string name, SettingField field, bool required, out string value, out string reason)
        {
            value = "";
            reason = null;
            int token = payload < 0 ? -1 : doc.Member(payload, name);
            if (token < 0 && !required)
            {
                return true;
            }

            if (token < 0 || doc.Kind(token) != JsonKind.String)
            {
                reason = name + ": required, a string";
                return false;
            }

            value = doc.GetString(token);
            if (required && value.Length == 0)
            {
                reason = name + ": " + SettingsCheck.Required;
                return false;
            }

            reason = field.Rule.Check(value);
            if (reason != null)
            {
                reason = name + ": " + reason;
                return false;
            }

            return true;
        }
    }
}
