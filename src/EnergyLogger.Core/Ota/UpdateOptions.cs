namespace EnergyLogger.Core.Ota
{
    /// <summary>How the update agent works on this device. The defaults suit the ESP32-S3 dongle.</summary>
    public sealed class UpdateOptions
    {
        /// <summary>The release signing key, uncompressed SEC 1 (65 bytes). The device holds nothing secret.</summary>
        public byte[] PublicKey;

        /// <summary>This device type, as manifests name it.</summary>
        public string Target;

        /// <summary>The version of the running image (built in).</summary>
        public SemanticVersion RunningVersion;

        /// <summary>Bytes per download step and per slot write; divides the 64 KB segment of the file slots.</summary>
        public int ChunkLength = 4096;

        /// <summary>Bytes hashed per step while the stored image is verified, so the main loop stays responsive.</summary>
        public int HashBytesPerStep = 16384;

        /// <summary>Download attempts per offer (the first and the retries); then the offer is abandoned.</summary>
        public int MaxAttempts = 4;

        /// <summary>The wait before the first retry; it doubles with every further one.</summary>
        public int RetryDelayMs = 30000;

        public int MaxRetryDelayMs = 15 * 60 * 1000;

        /// <summary>The time a new image has to prove itself before it rolls itself back.</summary>
        public int HealthCheckMs = 3 * 60 * 1000;

        /// <summary>
        /// A URL on the update server that a new image must reach before it confirms (an image that cannot
        /// update is stuck in the field); null to skip that part of the health check.
        /// </summary>
        public string HealthProbeUrl;

        public int HealthProbeIntervalMs = 10000;

        /// <summary>
        /// The longest one signature check may take here: 5 to 23 s estimated for the dongle's interpreter (docs/ota.md,
        /// "Cost on the device"), with room for a slower one. The main loop's supervisor allows an OTA step this long
        /// on top of the downloader's timeouts.
        /// </summary>
        public int SignatureCheckMs = 60000;
    }
}
