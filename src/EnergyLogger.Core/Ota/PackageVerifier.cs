using System;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Checks a package's header and signed manifest with the device's public key, in the order that
    /// gives each defect its own status: header, key id, signature, then the manifest's content. Nothing
    /// of a manifest is believed before its signature verified. Allocates only when a manifest is returned.
    /// </summary>
    public sealed class PackageVerifier
    {
        private readonly EcdsaP256Verifier _ecdsa = new EcdsaP256Verifier();
        private readonly ManifestReader _reader = new ManifestReader();
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _keyId = new byte[UpdatePackage.KeyIdLength];
        private readonly byte[] _digest = new byte[Sha256.HashLength];

        /// <summary>The device's signing key, an uncompressed SEC 1 point. A bad key is a build error, so it throws.</summary>
        public PackageVerifier(byte[] publicKey)
        {
            if (publicKey == null || _ecdsa.SetPublicKey(publicKey, 0, publicKey.Length) != SignatureCheck.Valid)
            {
                throw new ArgumentException("not a valid P-256 public key", "publicKey");
            }

            UpdatePackage.KeyId(publicKey, 0, _sha, _keyId);
        }

        /// <summary>Why the last check failed, for logs and the CLI; empty after success.</summary>
        public string Detail { get; private set; } = string.Empty;

        /// <summary>
        /// Checks the header and manifest at the start of package[offset..offset+count), which must hold at
        /// least the header and the whole manifest (<see cref="UpdatePackage.HeaderLength"/> + its length).
        /// </summary>
        public UpdateManifest CheckManifest(byte[] package, int offset, int count, out UpdateStatus status)
        {
            int manifestLength;
            status = UpdatePackage.ReadHeader(package, offset, count, out manifestLength);
            if (status != UpdateStatus.Ok || count < UpdatePackage.HeaderLength + manifestLength)
            {
                status = UpdateStatus.BadPackage;
                return Refuse("header: not an update package of format 1");
            }

            for (int i = 0; i < UpdatePackage.KeyIdLength; i++)
            {
                if (package[offset + UpdatePackage.KeyIdOffset + i] != _keyId[i])
                {
                    status = UpdateStatus.WrongKey;
                    return Refuse("signed by key " + Hex(package, offset + UpdatePackage.KeyIdOffset, UpdatePackage.KeyIdLength) + ", expected " + Hex(_keyId, 0, _keyId.Length));
                }
            }

            int manifest = offset + UpdatePackage.HeaderLength;
            _sha.Hash(package, manifest, manifestLength, _digest, 0);
            SignatureCheck check = _ecdsa.Verify(_digest, 0, package, offset + UpdatePackage.SignatureOffset, EcdsaP256Verifier.SignatureLength);
            if (check != SignatureCheck.Valid)
            {
                status = UpdateStatus.BadSignature;
                return Refuse("manifest signature does not verify");
            }

            UpdateManifest result = _reader.Read(package, manifest, manifestLength, out status);
            if (result == null)
            {
                return Refuse("manifest " + _reader.Error);
            }

            Detail = string.Empty;
            return result;
        }

        /// <summary>Ok when the image's SHA-256 is the signed one, HashMismatch otherwise.</summary>
        public static UpdateStatus CheckImageDigest(UpdateManifest manifest, byte[] digest, int offset)
        {
            for (int i = 0; i < Sha256.HashLength; i++)
            {
                if (manifest.ImageSha256[i] != digest[offset + i])
                {
                    return UpdateStatus.HashMismatch;
                }
            }

            return UpdateStatus.Ok;
        }

        private UpdateManifest Refuse(string detail)
        {
            Detail = detail;
            return null;
        }

        private static string Hex(byte[] bytes, int offset, int count)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[2 * count];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = Digits[bytes[offset + i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[offset + i] & 0xF];
            }

            return new string(chars);
        }
    }
}
