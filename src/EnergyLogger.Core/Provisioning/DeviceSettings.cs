namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Where telemetry goes: the Kaa 1/KP topics, or plain topics under a prefix on any broker.</summary>
    public enum CloudMode
    {
        Kaa,
        CustomMqtt,
    }

    /// <summary>Parity of the RS-485 line.</summary>
    public enum SerialParity
    {
        None,
        Even,
        Odd,
    }

    /// <summary>
    /// The installer's settings. Every value is kept in its canonical text form, already checked by its
    /// field's rule, so a settings object is valid field by field at all times; whether the fields fit
    /// together is <see cref="SettingsCheck"/>'s question.
    /// </summary>
    public sealed class DeviceSettings
    {
        private readonly string[] _values = new string[SettingFields.All.Length];

        public DeviceSettings()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = SettingFields.All[i].DefaultText;
            }
        }

        public string WifiSsid => Get(SettingFields.WifiSsid);

        /// <summary>Empty for an open network.</summary>
        public string WifiKey => Get(SettingFields.WifiKey);

        public string MqttHost => Get(SettingFields.MqttHost);

        public int MqttPort => IntRangeRule.Parse(Get(SettingFields.MqttPort), 1, 65535);

        public bool MqttTls => Get(SettingFields.MqttTls) == "on";

        /// <summary>Empty when the broker takes no user name.</summary>
        public string MqttUsername => Get(SettingFields.MqttUsername);

        public string MqttPassword => Get(SettingFields.MqttPassword);

        /// <summary>PEM of the CA certificate(s) the broker's chain must end in; empty to use the device's store.</summary>
        public string MqttCaPem => Get(SettingFields.MqttCa);

        public CloudMode Cloud => Get(SettingFields.CloudMode) == "mqtt" ? CloudMode.CustomMqtt : CloudMode.Kaa;

        public string KaaToken => Get(SettingFields.KaaToken);

        public string KaaAppVersion => Get(SettingFields.KaaApp);

        public string TopicPrefix => Get(SettingFields.MqttPrefix);

        public bool HomeAssistantDiscovery => Get(SettingFields.MqttDiscovery) == "on";

        public int SerialBaud => IntRangeRule.Parse(Get(SettingFields.SerialBaud), 1, 115200);

        public SerialParity Parity => (SerialParity)((ChoiceRule)SettingFields.SerialParity.Rule).IndexOf(Get(SettingFields.SerialParity));

        public int StopBits => Get(SettingFields.SerialStopBits) == "2" ? 2 : 1;

        public int SlaveId => IntRangeRule.Parse(Get(SettingFields.SerialSlave), 1, 247);

        /// <summary>The external watchdog's GPIO, or -1 when none is fitted.</summary>
        public int WatchdogGpio
        {
            get
            {
                string text = Get(SettingFields.WatchdogGpio);
                return text == GpioRule.None ? -1 : IntRangeRule.Parse(text, 0, GpioRule.MaxGpio);
            }
        }

        public bool LocalModbus => Get(SettingFields.LocalModbus) == "on";

        public int LocalModbusPort => IntRangeRule.Parse(Get(SettingFields.LocalModbusPort), 1, 65535);

        public int LocalModbusUnit => IntRangeRule.Parse(Get(SettingFields.LocalModbusUnit), 1, 247);

        public bool LocalHttp => Get(SettingFields.LocalHttp) == "on";

        public int LocalHttpPort => IntRangeRule.Parse(Get(SettingFields.LocalHttpPort), 1, 65535);

        public bool LocalGateway => Get(SettingFields.LocalGateway) == "on";

        /// <summary>The InfluxDB server's base URL; empty when the logger writes to no InfluxDB.</summary>
        public string InfluxUrl => Get(SettingFields.InfluxUrl);

        public string InfluxPassword => Get(SettingFields.InfluxPassword);

        public string InfluxToken => Get(SettingFields.InfluxToken);

        /// <summary>The canonical text of a field; empty when it is not set.</summary>
        public string Get(SettingField field)
        {
            return _values[field.Index];
        }

        public bool IsSet(SettingField field)
        {
            return _values[field.Index].Length != 0;
        }

        /// <summary>Checks the text with the field's rule and stores its canonical form; returns null or why not.</summary>
        public string Set(SettingField field, string text)
        {
            string reason = field.Rule.Check(text);
            if (reason == null)
            {
                _values[field.Index] = field.Rule.Canonical(text);
            }

            return reason;
        }

        /// <summary>Puts the field back to its default.</summary>
        public void Reset(SettingField field)
        {
            _values[field.Index] = field.DefaultText;
        }

        public DeviceSettings Copy()
        {
            var copy = new DeviceSettings();
            for (int i = 0; i < _values.Length; i++)
            {
                copy._values[i] = _values[i];
            }

            return copy;
        }

        public bool SameAs(DeviceSettings other)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] != other._values[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
