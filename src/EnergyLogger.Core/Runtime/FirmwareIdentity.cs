namespace EnergyLogger.Core.Runtime
{
    /// <summary>What the firmware says about itself in metadata and in <c>get_version</c>.</summary>
    public sealed class FirmwareIdentity
    {
        public FirmwareIdentity(string version, string build)
        {
            Version = version;
            Build = build;
        }

        /// <summary>Semantic version of the running image ("1.4.0").</summary>
        public string Version { get; }

        public string Build { get; }
    }
}
