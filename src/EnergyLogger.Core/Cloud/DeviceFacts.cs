using System.Collections;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// Metadata of one endpoint for EPMX <c>update/keys</c> (partial update, so keys set by operators stay; reference
    /// A.3 EPMX) or the custom-MQTT metadata topic. Keys follow <c>^[a-zA-Z0-9_]+$</c> (RFC 10).
    /// </summary>
    public sealed class DeviceFacts
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        public string FirmwareVersion;
        public string Build;

        /// <summary>MAC as 12 upper-case hex digits.</summary>
        public string Mac;

        public string Ip;

        /// <summary>Wi-Fi signal in dBm; 0 when unknown.</summary>
        public int Rssi;

        /// <summary>The id of the config in use, reported so the fleet view shows what each device runs.</summary>
        public string ConfigId;

        /// <summary>Adds a metadata point of the map (serial number, model, rated power); a string or a boxed double.</summary>
        public void Set(string name, object value)
        {
            int i = _names.IndexOf(name);
            if (i >= 0)
            {
                _values[i] = value;
                return;
            }

            _names.Add(name);
            _values.Add(value);
        }

        /// <summary>Writes the keys as members of an object the caller opened.</summary>
        public void WriteMembers(JsonWriter w)
        {
            Text(w, "fwVersion", FirmwareVersion);
            Text(w, "fwBuild", Build);
            Text(w, "mac", Mac);
            Text(w, "ip", Ip);
            if (Rssi != 0)
            {
                w.Name("rssi");
                w.Integer(Rssi);
            }

            Text(w, "configId", ConfigId);
            for (int i = 0; i < _names.Count; i++)
            {
                w.Name((string)_names[i]);
                object value = _values[i];
                if (value is string)
                {
                    w.String((string)value);
                }
                else
                {
                    w.Number((double)value);
                }
            }
        }

        private static void Text(JsonWriter w, string name, string value)
        {
            if (value != null)
            {
                w.Name(name);
                w.String(value);
            }
        }
    }
}
