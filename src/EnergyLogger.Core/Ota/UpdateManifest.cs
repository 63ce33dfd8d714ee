namespace EnergyLogger.Core.Ota
{
    /// <summary>What a package's signed manifest says about its image (docs/ota.md, "Manifest").</summary>
    public sealed class UpdateManifest
    {
        public const string Format = "energylogger-update/1";

        public UpdateManifest(SemanticVersion version, SemanticVersion minFirmware, string target, int imageLength, byte[] imageSha256)
        {
            Version = version;
            MinFirmware = minFirmware;
            Target = target;
            ImageLength = imageLength;
            ImageSha256 = imageSha256;
        }

        public SemanticVersion Version { get; }

        /// <summary>The oldest running firmware that may install this package (older ones need a stepping-stone update).</summary>
        public SemanticVersion MinFirmware { get; }

        /// <summary>The device type the image is built for, as the device names itself ("esp32s3").</summary>
        public string Target { get; }

        public int ImageLength { get; }

        public byte[] ImageSha256 { get; }
    }
}
