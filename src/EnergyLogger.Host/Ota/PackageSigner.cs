using System.Security.Cryptography;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Host.Ota;

/// <summary>
/// Builds a signed update package (UpdatePackage layout): the manifest written with the device's own
/// JSON writer, signed with .NET's ECDsa (IEEE P1363 r || s over SHA-256), then header, manifest and image.
/// </summary>
internal static class PackageSigner
{
    public static byte[] Manifest(SemanticVersion version, SemanticVersion minFirmware, string target, byte[] image)
    {
        var writer = new JsonWriter(UpdatePackage.MaxManifestLength, 2);
        writer.BeginObject();
        writer.Name("format");
        writer.String(UpdateManifest.Format);
        writer.Name("version");
        writer.String(version.Text);
        writer.Name("minFirmware");
        writer.String(minFirmware.Text);
        writer.Name("target");
        writer.String(target);
        writer.Name("size");
        writer.Integer(image.Length);
        writer.Name("sha256");
        writer.String(Convert.ToHexStringLower(SHA256.HashData(image)));
        writer.EndObject();
        if (writer.Overflowed)
        {
            throw new OtaFileException($"manifest longer than {UpdatePackage.MaxManifestLength} bytes");
        }

        return writer.Buffer[..writer.Length];
    }

    /// <summary>Header, manifest and image, with the manifest signed by <paramref name="key"/>.</summary>
    public static byte[] Sign(ECDsa key, byte[] manifest, byte[] image)
    {
        byte[] signature = key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        byte[] package = new byte[UpdatePackage.TotalLength(manifest.Length, image.Length)];
        UpdatePackage.WriteHeader(package, 0, manifest.Length, SigningKeys.KeyId(SigningKeys.PublicPoint(key)), signature);
        manifest.CopyTo(package, UpdatePackage.HeaderLength);
        image.CopyTo(package, UpdatePackage.HeaderLength + manifest.Length);
        return package;
    }
}
