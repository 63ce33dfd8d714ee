using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>What a boot runs.</summary>
    public enum RunMode
    {
        /// <summary>No usable settings: the access point and port 4242 only, until settings are applied.</summary>
        Provisioning,
        /// <summary>Polling, publishing, config, commands, OTA.</summary>
        Normal,
        /// <summary>Too many failed boots in a row: port 4242, the cloud link and OTA, no polling (RELIABILITY W1).</summary>
        Safe,
    }

    public static class RunModes
    {
        /// <summary>Missing settings come first: safe mode needs the cloud link, which needs settings.</summary>
        public static RunMode For(DeviceSettings settings, BootJournal journal)
        {
            if (!SettingsCheck.IsComplete(settings))
            {
                return RunMode.Provisioning;
            }

            return journal.SafeMode ? RunMode.Safe : RunMode.Normal;
        }

        public static string Text(RunMode mode)
        {
            switch (mode)
            {
                case RunMode.Provisioning: return "provisioning";
                case RunMode.Safe: return "safe";
                default: return "normal";
            }
        }
    }
}
