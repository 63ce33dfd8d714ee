namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Whether a set of settings is enough to run in station mode: each field is valid on its own by
    /// construction, so this checks only what is required and what must go together.
    /// </summary>
    public static class SettingsCheck
    {
        public const string Required = "required";

        /// <summary>Adds one entry per field in trouble; an empty report means ready.</summary>
        public static void Run(DeviceSettings settings, ValidationReport report)
        {
            RequireSet(settings, SettingFields.WifiSsid, report, Required);
            RequireSet(settings, SettingFields.MqttHost, report, Required);

            // MQTT 3.1.1, 3.1.2.9: a password may only be sent together with a user name.
            if (settings.IsSet(SettingFields.MqttPassword) && !settings.IsSet(SettingFields.MqttUsername))
            {
                report.Add(SettingFields.MqttPassword.Name, "needs mqtt.username (MQTT 3.1.1, 3.1.2.9)");
            }

            if (settings.Cloud == CloudMode.Kaa)
            {
                RequireSet(settings, SettingFields.KaaToken, report, "required when cloud.mode is kaa");
                RequireSet(settings, SettingFields.KaaApp, report, "required when cloud.mode is kaa");
            }
            else
            {
                RequireSet(settings, SettingFields.MqttPrefix, report, "required when cloud.mode is mqtt");
            }
        }

        /// <summary>True when the settings can take the device into station mode.</summary>
        public static bool IsComplete(DeviceSettings settings)
        {
            var report = new ValidationReport();
            Run(settings, report);
            return report.IsEmpty;
        }

        private static void RequireSet(DeviceSettings settings, SettingField field, ValidationReport report, string reason)
        {
            if (!settings.IsSet(field))
            {
                report.Add(field.Name, reason);
            }
        }
    }
}
