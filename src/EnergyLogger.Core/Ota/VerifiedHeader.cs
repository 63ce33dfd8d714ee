namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// The signed header and manifest of the package being updated to: checked before the first byte of the
    /// package is stored (signature, manifest, install rules, agreement with the offer: O1, O2), and kept byte
    /// for byte to compare with what the staging slot holds at the end.
    /// </summary>
    internal sealed class VerifiedHeader
    {
        private readonly PackageVerifier _verifier;
        private readonly UpdateOptions _options;
        private readonly byte[] _head = new byte[UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength];
        private UpdateManifest _manifest;
        private int _length;

        public VerifiedHeader(PackageVerifier verifier, UpdateOptions options)
        {
            _verifier = verifier;
            _options = options;
        }

        /// <summary>The manifest verified for the current offer; null means the staged bytes must be checked again.</summary>
        public UpdateManifest Manifest => _manifest;

        /// <summary>Bytes of the verified header and manifest, where the image starts.</summary>
        public int Length => _length;

        /// <summary>Checks the header and manifest in package[0..count) against <paramref name="offer"/>; kept when Ok.</summary>
        public UpdateStatus Accept(byte[] package, int count, UpdateOffer offer)
        {
            UpdateStatus status;
            UpdateManifest manifest = _verifier.CheckManifest(package, 0, count, out status);
            if (manifest == null)
            {
                return status;
            }

            status = UpdatePolicy.Check(manifest, _options.Target, _options.RunningVersion, offer.AllowDowngrade);
            if (status != UpdateStatus.Ok)
            {
                return status;
            }

            int manifestLength = (package[6] << 8) | package[7];
            int total = UpdatePackage.TotalLength(manifestLength, manifest.ImageLength);
            if (manifest.Version.Text != offer.Version.Text || total != offer.PackageLength || !SameDigest(manifest.ImageSha256, offer.ImageSha256))
            {
                return UpdateStatus.OfferMismatch;
            }

            _manifest = manifest;
            _length = UpdatePackage.HeaderLength + manifestLength;
            System.Array.Copy(package, 0, _head, 0, _length);
            return UpdateStatus.Ok;
        }

        /// <summary>Forgets the verification: whatever is staged must be checked again before it is trusted.</summary>
        public void Forget()
        {
            _manifest = null;
        }

        /// <summary>
        /// Whether buffer[0..Length) is, byte for byte, the header whose signature verified: as strong as a second
        /// verification, at the cost of a compare instead of seconds of curve arithmetic on the device.
        /// </summary>
        public bool Matches(byte[] buffer)
        {
            for (int i = 0; i < _length; i++)
            {
                if (buffer[i] != _head[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameDigest(byte[] a, byte[] b)
        {
            for (int i = 0; i < Sha256.HashLength; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
