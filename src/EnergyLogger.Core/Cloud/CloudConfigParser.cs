using EnergyLogger.Core.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Validates the "config" object of a CMX answer before anything of it is used (RELIABILITY C6):
    /// <c>{"map": {register map}, "poll": {"fastMs": n, "normalMs": n, "slowMs": n}, "schedule": {..},
    /// "local": {"modbus": "on"|"off", "port": n, "unit": n}, "influx": {"url": .., "db": .., ..}}</c>. The map goes through
    /// <see cref="RegisterMapLoader"/> in full, the schedule through <see cref="ScheduleParser"/> against that map; a problem
    /// anywhere rejects the whole config with one reason.
    /// </summary>
    public static class CloudConfigParser
    {
        public const int MinIntervalMs = 1000;
        public const int MaxIntervalMs = 86400000;

        private static readonly string[] Members = { "map", "poll", "schedule", "local", "influx" };
        private static readonly string[] PollMembers = { "fastMs", "normalMs", "slowMs" };
        private static readonly string[] LocalMembers = { "modbus", "port", "unit", "gateway", "http" };

        /// <summary>The config, or null with <paramref name="reason"/>. <paramref name="config"/> is a token of <paramref name="doc"/> parsed from <paramref name="text"/>.</summary>
        public static CloudConfig Parse(JsonDocument doc, int config, byte[] text, int end, string id, out string reason)
        {
            reason = null;
            if (doc.Kind(config) != JsonKind.Object)
            {
                reason = "config: expected an object";
                return null;
            }

            string unknown = JsonMembers.Unknown(doc, config, Members);
            if (unknown != null)
            {
                reason = "config." + unknown + ": unknown member";
                return null;
            }

            int map = doc.Member(config, "map");
            if (map < 0)
            {
                reason = "config.map: required";
                return null;
            }

            var result = new CloudConfig { Id = id };
            if (!ReadPoll(doc, doc.Member(config, "poll"), result, out reason))
            {
                return null;
            }

            if (!ReadLocal(doc, doc.Member(config, "local"), result, out reason))
            {
                return null;
            }

            result.Influx = ReadInflux(doc, doc.Member(config, "influx"), out reason);
            if (reason != null)
            {
                return null;
            }

            int start = doc.Position(map);
            MapError error;
            result.Map = RegisterMapLoader.Load(text, start, JsonExtent.End(text, start, end) - start, out error);
            if (result.Map == null)
            {
                reason = error.Path.Length == 0 ? "config.map: " + error.Reason : "config.map." + error.Message;
                return null;
            }

            int schedule = doc.Member(config, "schedule");
            if (schedule >= 0 && doc.Kind(schedule) != JsonKind.Null)
            {
                result.Schedule = ScheduleParser.Parse(doc, schedule, text, end, result.Map, out reason);
                if (result.Schedule == null)
                {
                    return null;
                }
            }

            return result;
        }

        /// <summary>The local MODBUS TCP server, with the rules of its port-4242 settings (docs/local-access.md).</summary>
        private static bool ReadLocal(JsonDocument doc, int local, CloudConfig result, out string reason)
        {
            reason = null;
            if (local < 0)
            {
                return true;
            }

            string unknown = doc.Kind(local) == JsonKind.Object ? JsonMembers.Unknown(doc, local, LocalMembers) : null;
            if (doc.Kind(local) != JsonKind.Object || unknown != null)
            {
                reason = unknown == null ? "config.local: expected an object" : "config.local." + unknown + ": unknown member";
                return false;
            }

            result.LocalModbus = LocalChoice(doc, local, "modbus", out reason);
            result.LocalGateway = reason == null ? LocalChoice(doc, local, "gateway", out reason) : -1;
            result.LocalHttp = reason == null ? LocalChoice(doc, local, "http", out reason) : -1;
            int port = reason == null ? LocalNumber(doc, local, "port", 65535, out reason) : 0;
            int unit = reason == null ? LocalNumber(doc, local, "unit", 247, out reason) : 0;
            result.LocalModbusPort = port;
            result.LocalModbusUnit = unit;
            return reason == null;
        }

        /// <summary>
        /// The InfluxDB destination, checked as the port-4242 settings <c>influx.*</c> are: each text by its field's rule,
        /// then the whole by <see cref="SettingsCheck.Influx"/> (a URL and a whole 1.x or 2.x destination). Null with no
        /// reason when the member is absent or null. A reason names the member, never its value, so no password or token
        /// goes back in the config's status.
        /// </summary>
        private static DeviceSettings ReadInflux(JsonDocument doc, int influx, out string reason)
        {
            reason = null;
            if (influx < 0 || doc.Kind(influx) == JsonKind.Null)
            {
                return null;
            }

            if (doc.Kind(influx) != JsonKind.Object)
            {
                reason = "config.influx: expected an object";
                return null;
            }

            var settings = new DeviceSettings();
            for (int key = doc.FirstChild(influx); key != -1; key = doc.NextSibling(influx, key + 1))
            {
                string name = doc.GetString(key);
                SettingField field = SettingFields.Find("influx." + name);
                if (field == null)
                {
                    reason = "config.influx." + name + ": unknown member";
                    return null;
                }

                string why = doc.Kind(key + 1) == JsonKind.String ? settings.Set(field, doc.GetString(key + 1)) : "expected a string";
                if (why != null)
                {
                    reason = "config.influx." + name + ": " + why;
                    return null;
                }
            }

            var report = new ValidationReport();
            SettingsCheck.Influx(settings, report);
            if (!settings.IsSet(SettingFields.InfluxUrl) && report.IsEmpty)
            {
                report.Add(SettingFields.InfluxUrl.Name, SettingsCheck.Required);
            }

            reason = report.IsEmpty ? null : "config." + report.Describe();
            return reason == null ? settings : null;
        }

        /// <summary>"on" 1, "off" 0, -1 when the member is absent.</summary>
        private static int LocalChoice(JsonDocument doc, int local, string name, out string reason)
        {
            reason = null;
            int token = doc.Member(local, name);
            if (token < 0)
            {
                return -1;
            }

            string text = doc.Kind(token) == JsonKind.String ? doc.GetString(token) : null;
            if (text != "on" && text != "off")
            {
                reason = "config.local." + name + ": \"on\" or \"off\"";
                return -1;
            }

            return text == "on" ? 1 : 0;
        }

        /// <summary>A whole number from 1 to <paramref name="max"/>, or 0 when the member is absent.</summary>
        private static int LocalNumber(JsonDocument doc, int local, string name, int max, out string reason)
        {
            reason = null;
            int token = doc.Member(local, name);
            long value;
            if (token < 0)
            {
                return 0;
            }

            if (!doc.TryGetInt64(token, out value) || value < 1 || value > max)
            {
                reason = "config.local." + name + ": an integer from 1 to " + max.ToString();
                return 0;
            }

            return (int)value;
        }

        private static bool ReadPoll(JsonDocument doc, int poll, CloudConfig result, out string reason)
        {
            reason = null;
            if (poll < 0)
            {
                return true;
            }

            if (doc.Kind(poll) != JsonKind.Object)
            {
                reason = "config.poll: expected an object";
                return false;
            }

            string unknown = JsonMembers.Unknown(doc, poll, PollMembers);
            if (unknown != null)
            {
                reason = "config.poll." + unknown + ": unknown member";
                return false;
            }

            var values = new int[3];
            for (int i = 0; i < PollMembers.Length; i++)
            {
                int token = doc.Member(poll, PollMembers[i]);
                long ms;
                if (token < 0)
                {
                    continue;
                }

                if (!doc.TryGetInt64(token, out ms) || ms < MinIntervalMs || ms > MaxIntervalMs)
                {
                    reason = "config.poll." + PollMembers[i] + ": an integer from " + MinIntervalMs.ToString() + " to " + MaxIntervalMs.ToString();
                    return false;
                }

                values[i] = (int)ms;
            }

            if ((values[0] > 0 && values[1] > 0 && values[0] > values[1]) || (values[1] > 0 && values[2] > 0 && values[1] > values[2]))
            {
                reason = "config.poll: fastMs <= normalMs <= slowMs";
                return false;
            }

            result.FastIntervalMs = values[0];
            result.NormalIntervalMs = values[1];
            result.SlowIntervalMs = values[2];
            return true;
        }
    }
}
