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

            Influx(settings, report);
        }

        /// <summary>
        /// InfluxDB: with a URL, either a 1.x database (a password only with a user) or all of a 2.x org, bucket and token,
        /// as InfluxDB 1.x's /write and 2.x's /api/v2/write take them; without one, none of the others. The cloud config's
        /// <c>influx</c> member is checked by the same rule.
        /// </summary>
        public static void Influx(DeviceSettings settings, ValidationReport report)
        {
            bool v1 = settings.IsSet(SettingFields.InfluxDb) || settings.IsSet(SettingFields.InfluxUser) || settings.IsSet(SettingFields.InfluxPassword);
            bool v2 = settings.IsSet(SettingFields.InfluxOrg) || settings.IsSet(SettingFields.InfluxBucket) || settings.IsSet(SettingFields.InfluxToken);
            if (!settings.IsSet(SettingFields.InfluxUrl))
            {
                if (v1 || v2)
                {
                    report.Add(SettingFields.InfluxUrl.Name, "required with the other influx settings");
                }

                return;
            }

            if (v1 && v2)
            {
                report.Add(SettingFields.InfluxDb.Name, "influx.db, .user and .password (1.x) exclude influx.org, .bucket and .token (2.x)");
            }
            else if (v1)
            {
                RequireSet(settings, SettingFields.InfluxDb, report, "required for InfluxDB 1.x (or set influx.org, .bucket and .token for 2.x)");
                if (settings.IsSet(SettingFields.InfluxPassword) && !settings.IsSet(SettingFields.InfluxUser))
                {
                    report.Add(SettingFields.InfluxPassword.Name, "needs influx.user");
                }

                if (settings.Get(SettingFields.InfluxUser).IndexOf(':') >= 0)
                {
                    report.Add(SettingFields.InfluxUser.Name, "cannot hold ':', which separates it from the password in HTTP Basic authentication");
                }
            }
            else
            {
                string reason = v2 ? "required for InfluxDB 2.x" : "influx.db (1.x), or influx.org, .bucket and .token (2.x), required with influx.url";
                RequireSet(settings, v2 ? SettingFields.InfluxOrg : SettingFields.InfluxDb, report, reason);
                if (v2)
                {
                    RequireSet(settings, SettingFields.InfluxBucket, report, reason);
                    RequireSet(settings, SettingFields.InfluxToken, report, reason);
                }
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
