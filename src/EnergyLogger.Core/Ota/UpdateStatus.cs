namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Why an update was refused, failed or undone; <see cref="Ok"/> otherwise. Every refusal has its own
    /// value (RELIABILITY O1, O2), and every value has one fixed reason text in <see cref="UpdateStatusText"/>.
    /// </summary>
    public enum UpdateStatus
    {
        Ok,

        /// <summary>The offered version is the one running: nothing to do.</summary>
        UpToDate,

        /// <summary>Older than the running version, and the offer does not allow a downgrade.</summary>
        Downgrade,

        /// <summary>The image is over 1.5 MB, or the package does not fit the slot.</summary>
        TooLarge,

        /// <summary>Built for another device type.</summary>
        WrongTarget,

        /// <summary>The running firmware is older than the package's minimum compatible version.</summary>
        Incompatible,

        /// <summary>The offer itself is malformed (not HTTPS, missing or bad members).</summary>
        BadOffer,

        /// <summary>The package header is wrong: magic, format or lengths.</summary>
        BadPackage,

        /// <summary>The signed manifest is not valid JSON or fails validation.</summary>
        BadManifest,

        /// <summary>The package names a signing key other than the device's.</summary>
        WrongKey,

        /// <summary>The manifest signature does not verify with the device's key.</summary>
        BadSignature,

        /// <summary>The package differs from what the offer described (version, size or hash).</summary>
        OfferMismatch,

        /// <summary>The server's copy ended before the package did.</summary>
        Truncated,

        /// <summary>The stored image does not hash to the signed SHA-256.</summary>
        HashMismatch,

        /// <summary>The download failed (connection, TLS, HTTP status); retried with backoff.</summary>
        TransportError,

        /// <summary>The image slot refused a write or read.</summary>
        StorageError,

        /// <summary>An update is on trial or waiting for its reboot; offers wait until it is settled.</summary>
        Busy,

        /// <summary>Rolled back: the new image did not confirm itself within the allowed boots.</summary>
        NotConfirmed,

        /// <summary>Rolled back: the new image's bounded health check failed or ran out of time.</summary>
        HealthCheckFailed,

        /// <summary>This version was rolled back on this device before; a fix comes as a new version.</summary>
        RolledBackBefore,
    }

    /// <summary>The reason texts, a table so that they read the same on every runtime (an enum's ToString does not).</summary>
    public static class UpdateStatusText
    {
        private static readonly string[] Texts =
        {
            "ok",
            "already running this version",
            "older than the running version and downgrade not allowed",
            "image larger than 1.5 MB or package larger than the slot",
            "package built for another target",
            "running firmware older than the package's minimum",
            "malformed update offer",
            "malformed package header",
            "invalid manifest",
            "package signed with an unknown key",
            "bad manifest signature",
            "package does not match the offer",
            "package truncated",
            "image hash mismatch",
            "download failed",
            "image storage failed",
            "another update is in progress",
            "new image did not confirm itself and was rolled back",
            "new image failed its health check and was rolled back",
            "this version was rolled back on this device before",
        };

        public static string Of(UpdateStatus status)
        {
            return Texts[(int)status];
        }
    }
}
