namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Where the settings in use came from at load time.</summary>
    public enum SettingsSource
    {
        /// <summary>The current record.</summary>
        Current,
        /// <summary>The current record was missing or bad; the one it replaced was used (RELIABILITY S1).</summary>
        LastGood,
        /// <summary>No readable record: defaults, which send the device to provisioning.</summary>
        Defaults,
    }
}
