namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Caps fixed at compile time, so that no input can make the device hold more than this.</summary>
    public static class SettingsLimits
    {
        /// <summary>IEEE 802.11-2016, 9.4.2.2: an SSID is 0 to 32 octets.</summary>
        public const int SsidBytes = 32;

        /// <summary>MQTT allows 65535; a broker account name or password longer than this is a typo.</summary>
        public const int CredentialBytes = 128;

        /// <summary>A Kaa token, application version or topic prefix.</summary>
        public const int TopicTextLength = 128;

        /// <summary>A root CA in PEM is about 2 KB (ISRG Root X1: 1939 bytes); room for a short chain.</summary>
        public const int CaPemBytes = 8192;

        /// <summary>Longest protocol line on port 4242, without its line end.</summary>
        public const int LineBytes = 4096;
    }
}
