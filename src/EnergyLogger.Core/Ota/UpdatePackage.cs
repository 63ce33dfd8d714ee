namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// The update package layout (docs/ota.md), all integers big-endian:
    /// <code>
    ///  0   4  magic "ELUP"
    ///  4   1  format, 1
    ///  5   1  signature algorithm, 1 = ECDSA P-256 over the SHA-256 of the manifest, r || s
    ///  6   2  manifest length M, 2..1024
    ///  8   8  key id: the first 8 bytes of SHA-256 over the signer's uncompressed SEC 1 public key
    /// 16  64  signature of the manifest bytes
    /// 80   M  manifest, UTF-8 JSON (ManifestReader)
    /// 80+M    image, exactly the manifest's size
    /// </code>
    /// The signature covers the manifest, and the manifest names the image's size and SHA-256, so every byte
    /// that matters is signed. The key id only lets a device tell "signed by another key" from "tampered".
    /// </summary>
    public static class UpdatePackage
    {
        public const int HeaderLength = 80;
        public const int MaxManifestLength = 1024;

        /// <summary>1.5 MB, the application image limit of the product.</summary>
        public const int MaxImageLength = 1536 * 1024;

        public const int MaxPackageLength = HeaderLength + MaxManifestLength + MaxImageLength;
        public const int KeyIdLength = 8;
        public const int KeyIdOffset = 8;
        public const int SignatureOffset = 16;

        // The layout's own field widths (P1363 r || s, SEC 1 uncompressed point), so that the package format does not
        // depend on the verifier: the loader reads packages and compiles this file without the curve arithmetic.
        public const int SignatureLength = 64;
        public const int PublicKeyLength = 65;
        public const byte Format = 1;
        public const byte EcdsaP256Sha256 = 1;

        private const int MinManifestLength = 2;
        private static readonly byte[] Magic = { (byte)'E', (byte)'L', (byte)'U', (byte)'P' };

        /// <summary>Checks the fixed header in buffer[offset..offset+80) and returns the manifest length.</summary>
        public static UpdateStatus ReadHeader(byte[] buffer, int offset, int count, out int manifestLength)
        {
            manifestLength = 0;
            if (count < HeaderLength)
            {
                return UpdateStatus.BadPackage;
            }

            for (int i = 0; i < Magic.Length; i++)
            {
                if (buffer[offset + i] != Magic[i])
                {
                    return UpdateStatus.BadPackage;
                }
            }

            int length = (buffer[offset + 6] << 8) | buffer[offset + 7];
            if (buffer[offset + 4] != Format || buffer[offset + 5] != EcdsaP256Sha256 || length < MinManifestLength || length > MaxManifestLength)
            {
                return UpdateStatus.BadPackage;
            }

            manifestLength = length;
            return UpdateStatus.Ok;
        }

        /// <summary>Writes the 80-byte header; the manifest follows it at offset + 80.</summary>
        public static void WriteHeader(byte[] buffer, int offset, int manifestLength, byte[] keyId, byte[] signature)
        {
            Magic.CopyTo(buffer, offset);
            buffer[offset + 4] = Format;
            buffer[offset + 5] = EcdsaP256Sha256;
            buffer[offset + 6] = (byte)(manifestLength >> 8);
            buffer[offset + 7] = (byte)manifestLength;
            System.Array.Copy(keyId, 0, buffer, offset + KeyIdOffset, KeyIdLength);
            System.Array.Copy(signature, 0, buffer, offset + SignatureOffset, SignatureLength);
        }

        /// <summary>The key id of an uncompressed SEC 1 public key, into keyId[0..8).</summary>
        public static void KeyId(byte[] publicKey, int offset, Sha256 sha, byte[] keyId)
        {
            byte[] digest = new byte[Sha256.HashLength];
            sha.Hash(publicKey, offset, PublicKeyLength, digest, 0);
            System.Array.Copy(digest, 0, keyId, 0, KeyIdLength);
        }

        /// <summary>Header, manifest and image length together.</summary>
        public static int TotalLength(int manifestLength, int imageLength)
        {
            return HeaderLength + manifestLength + imageLength;
        }
    }
}
