using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// An offer to update, as the cloud sends it: the Kaa CMX_OTA software specification (its configId is
    /// the version) or the custom-MQTT equivalent (docs/ota.md, "Offer"). Nothing in it is trusted: the
    /// package it points to must carry a signed manifest that agrees with it.
    /// </summary>
    public sealed class UpdateOffer
    {
        public const int MaxUrlLength = 512;

        public UpdateOffer(string url, int packageLength, byte[] imageSha256, SemanticVersion version, bool allowDowngrade)
        {
            Url = url;
            PackageLength = packageLength;
            ImageSha256 = imageSha256;
            Version = version;
            AllowDowngrade = allowDowngrade;
        }

        /// <summary>Where the package is, always https://.</summary>
        public string Url { get; }

        /// <summary>The whole package's length in bytes (header, manifest and image).</summary>
        public int PackageLength { get; }

        /// <summary>The SHA-256 of the image, as the signed manifest must state it.</summary>
        public byte[] ImageSha256 { get; }

        public SemanticVersion Version { get; }

        /// <summary>The operator explicitly allows installing an older version.</summary>
        public bool AllowDowngrade { get; }

        /// <summary>The same package as <paramref name="other"/>.</summary>
        public bool SamePackage(UpdateOffer other)
        {
            if (other == null || other.PackageLength != PackageLength || other.Version.Text != Version.Text)
            {
                return false;
            }

            for (int i = 0; i < ImageSha256.Length; i++)
            {
                if (other.ImageSha256[i] != ImageSha256[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// An offer message as the cloud layer receives it: Kaa CMX_OTA's {"configId":"1.4.0","config":{...}}
        /// or a flat offer object (custom MQTT, <c>{prefix}/ota/offer</c>). Allocates: offers are rare.
        /// </summary>
        public static UpdateOffer Parse(byte[] payload, int offset, int count, out UpdateStatus status)
        {
            var doc = new JsonDocument();
            var limits = new JsonLimits { MaxBytes = 4096, MaxDepth = 4, MaxValues = 64, MaxStringBytes = MaxUrlLength };
            status = UpdateStatus.BadOffer;
            if (doc.Parse(payload, offset, count, limits) != JsonStatus.Ok || doc.Kind(JsonDocument.Root) != JsonKind.Object)
            {
                return null;
            }

            int config = doc.Member(JsonDocument.Root, "config");
            if (config < 0)
            {
                return Read(doc, JsonDocument.Root, null, out status);
            }

            int configId = doc.Member(JsonDocument.Root, "configId");
            string version = configId >= 0 && doc.Kind(configId) == JsonKind.String ? doc.GetString(configId) : null;
            return version == null ? null : Read(doc, config, version, out status);
        }

        /// <summary>
        /// Reads the offer object: "url" (or Kaa's "link"), "size", "sha256", "version" and an optional
        /// "allowDowngrade". <paramref name="configId"/> is the Kaa configId, which names the version; when both
        /// are given they must agree. Other members are ignored: operators may annotate offers.
        /// </summary>
        public static UpdateOffer Read(JsonDocument doc, int obj, string configId, out UpdateStatus status)
        {
            status = UpdateStatus.BadOffer;
            if (obj < 0 || doc.Kind(obj) != JsonKind.Object)
            {
                return null;
            }

            string url = Text(doc, doc.Member(obj, "url"));
            if (url == null)
            {
                url = Text(doc, doc.Member(obj, "link"));
            }

            string named = Text(doc, doc.Member(obj, "version"));
            if (named != null && configId != null && named != configId)
            {
                return null;
            }

            string versionText = named != null ? named : configId;
            SemanticVersion version = versionText == null ? null : SemanticVersion.Parse(versionText);
            string shaText = Text(doc, doc.Member(obj, "sha256"));
            byte[] sha = shaText == null ? null : ManifestReader.ParseDigest(shaText);
            int sizeToken = doc.Member(obj, "size");
            int downgrade = doc.Member(obj, "allowDowngrade");
            long size;
            if (!IsHttps(url) || version == null || sha == null || sizeToken < 0 || !doc.TryGetInt64(sizeToken, out size) || size <= UpdatePackage.HeaderLength
                || (downgrade >= 0 && doc.Kind(downgrade) != JsonKind.True && doc.Kind(downgrade) != JsonKind.False))
            {
                return null;
            }

            if (size > UpdatePackage.MaxPackageLength)
            {
                status = UpdateStatus.TooLarge;
                return null;
            }

            status = UpdateStatus.Ok;
            return new UpdateOffer(url, (int)size, sha, version, downgrade >= 0 && doc.IsTrue(downgrade));
        }

        private static string Text(JsonDocument doc, int token)
        {
            return token >= 0 && doc.Kind(token) == JsonKind.String ? doc.GetString(token) : null;
        }

        /// <summary>Downloads go over HTTPS only, so that the configured CA vouches for the server.</summary>
        private static bool IsHttps(string url)
        {
            const string Scheme = "https://";
            if (url == null || url.Length <= Scheme.Length || url.Length > MaxUrlLength)
            {
                return false;
            }

            for (int i = 0; i < Scheme.Length; i++)
            {
                char c = url[i];
                if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != Scheme[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
