namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Every setting the installer can give, in the order status lists them. The protocol, the stored
    /// record and the factory reset all work from this one table.
    /// </summary>
    public static class SettingFields
    {
        public static readonly SettingField WifiSsid = new SettingField(0, 1, "wifi.ssid", new TextRule(SettingsLimits.SsidBytes), "", FieldFlags.Credential);
        public static readonly SettingField WifiKey = new SettingField(1, 2, "wifi.key", new WpaKeyRule(), "", FieldFlags.Secret | FieldFlags.Credential);
        public static readonly SettingField MqttHost = new SettingField(2, 3, "mqtt.host", new HostRule(), "mqtt.cloud.kaaiot.com", FieldFlags.None);
        public static readonly SettingField MqttPort = new SettingField(3, 4, "mqtt.port", new IntRangeRule(1, 65535), "8883", FieldFlags.None);
        public static readonly SettingField MqttTls = new SettingField(4, 5, "mqtt.tls", new ChoiceRule(new[] { "on", "off" }), "on", FieldFlags.None);
        public static readonly SettingField MqttUsername = new SettingField(5, 6, "mqtt.username", new TextRule(SettingsLimits.CredentialBytes), "", FieldFlags.Credential);
        public static readonly SettingField MqttPassword = new SettingField(6, 7, "mqtt.password", new TextRule(SettingsLimits.CredentialBytes), "", FieldFlags.Secret | FieldFlags.Credential);
        public static readonly SettingField MqttCa = new SettingField(7, 8, "mqtt.ca", new PemRule(SettingsLimits.CaPemBytes), "", FieldFlags.Block);
        public static readonly SettingField CloudMode = new SettingField(8, 9, "cloud.mode", new ChoiceRule(new[] { "kaa", "mqtt" }), "kaa", FieldFlags.None);
        public static readonly SettingField KaaToken = new SettingField(9, 10, "kaa.token", new TopicLevelRule(SettingsLimits.TopicTextLength), "", FieldFlags.Secret | FieldFlags.Credential);
        public static readonly SettingField KaaApp = new SettingField(10, 11, "kaa.app", new TopicLevelRule(SettingsLimits.TopicTextLength), "", FieldFlags.None);
        public static readonly SettingField MqttPrefix = new SettingField(11, 12, "mqtt.prefix", new TopicPrefixRule(SettingsLimits.TopicTextLength), "", FieldFlags.None);
        public static readonly SettingField SerialBaud = new SettingField(12, 13, "serial.baud", new ChoiceRule(new[] { "1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200" }), "9600", FieldFlags.None);
        public static readonly SettingField SerialParity = new SettingField(13, 14, "serial.parity", new ChoiceRule(new[] { "none", "even", "odd" }), "none", FieldFlags.None);
        public static readonly SettingField SerialStopBits = new SettingField(14, 15, "serial.stop", new ChoiceRule(new[] { "1", "2" }), "1", FieldFlags.None);

        /// <summary>MODBUS over serial line v1.02, 2.2: unicast addresses are 1 to 247.</summary>
        public static readonly SettingField SerialSlave = new SettingField(15, 16, "serial.slave", new IntRangeRule(1, 247), "1", FieldFlags.None);

        /// <summary>The pin toggled for an external watchdog chip; the ESP32-S3 gives managed code none of its own.</summary>
        public static readonly SettingField WatchdogGpio = new SettingField(16, 17, "watchdog.gpio", new GpioRule(), GpioRule.None, FieldFlags.None);

        /// <summary>Custom MQTT only: publish Home Assistant discovery configs for the metrics the map feeds.</summary>
        public static readonly SettingField MqttDiscovery = new SettingField(17, 18, "mqtt.discovery", new ChoiceRule(new[] { "on", "off" }), "off", FieldFlags.None);

        /// <summary>The local MODBUS TCP server (docs/local-access.md): off until the installer or the cloud turns it on.</summary>
        public static readonly SettingField LocalModbus = new SettingField(18, 19, "local.modbus", new ChoiceRule(new[] { "on", "off" }), "off", FieldFlags.None);

        /// <summary>MODBUS Messaging on TCP/IP v1.0b, 4.1: port 502 is the registered one.</summary>
        public static readonly SettingField LocalModbusPort = new SettingField(19, 20, "local.modbus.port", new IntRangeRule(1, 65535), "502", FieldFlags.None);

        /// <summary>The unit id the local server answers as; other ids get exception 0x0B.</summary>
        public static readonly SettingField LocalModbusUnit = new SettingField(20, 21, "local.modbus.unit", new IntRangeRule(1, 247), "1", FieldFlags.None);

        /// <summary>The local status page and <c>GET /api/status</c> over HTTP (docs/local-access.md); read-only, off until turned on.</summary>
        public static readonly SettingField LocalHttp = new SettingField(21, 22, "local.http", new ChoiceRule(new[] { "on", "off" }), "off", FieldFlags.None);

        public static readonly SettingField LocalHttpPort = new SettingField(22, 23, "local.http.port", new IntRangeRule(1, 65535), "80", FieldFlags.None);

        /// <summary>
        /// The transparent gateway (docs/local-access.md): MODBUS TCP requests for the map's own unit ids go onto the bus
        /// between polls; off by default, since it lets the home network write the inverter's writable registers.
        /// </summary>
        public static readonly SettingField LocalGateway = new SettingField(23, 24, "local.gateway", new ChoiceRule(new[] { "on", "off" }), "off", FieldFlags.None);

        /// <summary>
        /// InfluxDB (docs/local-access.md, "InfluxDB"): the server's base URL, then a 1.x database (with a user and password
        /// when it has authentication) or a 2.x org, bucket and token. The password and token are write-only, like the
        /// Wi-Fi key. The dongle and the Linux gateway both write there (<see cref="InfluxEndpoint"/>).
        /// </summary>
        public static readonly SettingField InfluxUrl = new SettingField(24, 25, "influx.url", new UrlRule(), "", FieldFlags.None);

        public static readonly SettingField InfluxDb = new SettingField(25, 26, "influx.db", new TextRule(SettingsLimits.TopicTextLength), "", FieldFlags.None);

        public static readonly SettingField InfluxUser = new SettingField(26, 27, "influx.user", new TextRule(SettingsLimits.CredentialBytes), "", FieldFlags.Credential);

        public static readonly SettingField InfluxPassword = new SettingField(27, 28, "influx.password", new TextRule(SettingsLimits.CredentialBytes), "", FieldFlags.Secret | FieldFlags.Credential);

        public static readonly SettingField InfluxOrg = new SettingField(28, 29, "influx.org", new TextRule(SettingsLimits.TopicTextLength), "", FieldFlags.None);

        public static readonly SettingField InfluxBucket = new SettingField(29, 30, "influx.bucket", new TextRule(SettingsLimits.TopicTextLength), "", FieldFlags.None);

        public static readonly SettingField InfluxToken = new SettingField(30, 31, "influx.token", new TextRule(SettingsLimits.CredentialBytes), "", FieldFlags.Secret | FieldFlags.Credential);

        public static readonly SettingField[] All =
        {
            WifiSsid, WifiKey, MqttHost, MqttPort, MqttTls, MqttUsername, MqttPassword, MqttCa, CloudMode,
            KaaToken, KaaApp, MqttPrefix, SerialBaud, SerialParity, SerialStopBits, SerialSlave, WatchdogGpio, MqttDiscovery,
            LocalModbus, LocalModbusPort, LocalModbusUnit, LocalHttp, LocalHttpPort, LocalGateway,
            InfluxUrl, InfluxDb, InfluxUser, InfluxPassword, InfluxOrg, InfluxBucket, InfluxToken,
        };

        /// <summary>
        /// The access point's WPA2-PSK passphrase, printed on the label; not set means an open access point. The ESP32's
        /// soft-AP takes a passphrase only, so unlike <see cref="WifiKey"/> it cannot be 64 hex digits.
        /// </summary>
        public static readonly SettingField ApKey = new SettingField(0, 1, "ap.key", new ApKeyRule(), "", FieldFlags.Secret | FieldFlags.Label);

        /// <summary>The proof-of-possession code, printed on the label: with it set, port 4242 takes nothing before <c>auth CODE</c>.</summary>
        public static readonly SettingField ApPop = new SettingField(1, 2, "ap.pop", new CodeRule(), "", FieldFlags.Secret | FieldFlags.Label);

        /// <summary>The label's fields, stored in the label record (<see cref="DeviceLabel"/>) under their own tags, not in the settings record.</summary>
        public static readonly SettingField[] Label = { ApKey, ApPop };

        /// <summary>The field of that protocol name, or null.</summary>
        public static SettingField Find(string name)
        {
            return ByName(All, name);
        }

        /// <summary>The field stored under that record tag, or null for a tag this firmware does not know.</summary>
        public static SettingField FindTag(int tag)
        {
            return ByTag(All, tag);
        }

        /// <summary>The label field of that name, or null.</summary>
        public static SettingField FindLabel(string name)
        {
            return ByName(Label, name);
        }

        /// <summary>The label field stored under that tag of the label record, or null.</summary>
        public static SettingField FindLabelTag(int tag)
        {
            return ByTag(Label, tag);
        }

        private static SettingField ByName(SettingField[] table, string name)
        {
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].Name == name)
                {
                    return table[i];
                }
            }

            return null;
        }

        private static SettingField ByTag(SettingField[] table, int tag)
        {
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].Tag == tag)
                {
                    return table[i];
                }
            }

            return null;
        }
    }
}
