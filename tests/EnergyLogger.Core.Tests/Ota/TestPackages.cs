using System.Security.Cryptography;
using System.Text;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// Update packages made in the test with .NET's ECDsa and the UpdatePackage layout, independently of the
/// host's signer, from seeded keys so that every run builds the same packages (signatures differ per run).
/// </summary>
public static class TestPackages
{
    private static readonly byte[] N = Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

    public static ECDsa Key(int seed)
    {
        var random = new Random(seed);
        byte[] d = new byte[32];
        do
        {
            random.NextBytes(d);
        }
        while (d.AsSpan().SequenceCompareTo(N) >= 0);

        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
    }

    public static byte[] PublicPoint(ECDsa key)
    {
        ECPoint q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static byte[] Image(int length, int seed)
    {
        byte[] image = new byte[length];
        new Random(seed).NextBytes(image);
        return image;
    }

    public static string ManifestText(string version, string minFirmware, string target, int size, byte[] sha256) =>
        $"{{\"format\":\"energylogger-update/1\",\"version\":\"{version}\",\"minFirmware\":\"{minFirmware}\"," +
        $"\"target\":\"{target}\",\"size\":{size},\"sha256\":\"{Convert.ToHexStringLower(sha256)}\"}}";

    /// <summary>A package of <paramref name="image"/>; <paramref name="signer"/> signs, <paramref name="named"/> is the key id written.</summary>
    public static byte[] Build(ECDsa signer, byte[] image, string version = "1.4.0", string minFirmware = "1.0.0", string target = "esp32s3",
        string? manifestText = null, ECDsa? named = null)
    {
        byte[] manifest = Encoding.UTF8.GetBytes(manifestText ?? ManifestText(version, minFirmware, target, image.Length, SHA256.HashData(image)));
        byte[] signature = signer.SignData(manifest, HashAlgorithmName.SHA256);
        byte[] keyId = SHA256.HashData(PublicPoint(named ?? signer))[..UpdatePackage.KeyIdLength];
        byte[] package = new byte[UpdatePackage.HeaderLength + manifest.Length + image.Length];
        UpdatePackage.WriteHeader(package, 0, manifest.Length, keyId, signature);
        manifest.CopyTo(package, UpdatePackage.HeaderLength);
        image.CopyTo(package, UpdatePackage.HeaderLength + manifest.Length);
        return package;
    }

    public static int ManifestLength(byte[] package) => (package[6] << 8) | package[7];
}
