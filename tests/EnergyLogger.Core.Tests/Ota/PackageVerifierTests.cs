using System.Security.Cryptography;
using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// Header, key id, signature and manifest are checked in that order, each defect with its own status
/// (RELIABILITY O1, O2), and nothing of a manifest is read before its signature verified.
/// </summary>
public sealed class PackageVerifierTests
{
    private static readonly ECDsa Signer = TestPackages.Key(1);
    private static readonly ECDsa Stranger = TestPackages.Key(2);
    private static readonly byte[] Image = TestPackages.Image(3000, 3);

    private static (UpdateManifest? Manifest, UpdateStatus Status) Check(byte[] package)
    {
        var verifier = new PackageVerifier(TestPackages.PublicPoint(Signer));
        UpdateManifest? manifest = verifier.CheckManifest(package, 0, package.Length, out UpdateStatus status);
        return (manifest, status);
    }

    [Fact]
    public void CheckManifest_SignedPackage_GivesTheManifest()
    {
        var (manifest, status) = Check(TestPackages.Build(Signer, Image));

        Assert.Equal(UpdateStatus.Ok, status);
        Assert.Equal(("1.4.0", 3000), (manifest!.Version.Text, manifest.ImageLength));
        Assert.Equal(UpdateStatus.Ok, PackageVerifier.CheckImageDigest(manifest, SHA256.HashData(Image), 0));
    }

    public static TheoryData<string, int, byte> HeaderDefects() => new()
    {
        { "magic", 0, (byte)'X' },
        { "format", 4, 2 },
        { "algorithm", 5, 0 },
        { "manifest length above 1024", 6, 0x04 },
    };

    [Theory]
    [MemberData(nameof(HeaderDefects))]
    public void CheckManifest_HeaderDefect_IsBadPackage(string what, int offset, byte value)
    {
        byte[] package = TestPackages.Build(Signer, Image);
        package[offset] = value;

        Assert.True(Check(package).Status == UpdateStatus.BadPackage, what);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(79)]
    [InlineData(80)]
    public void CheckManifest_ShorterThanHeaderAndManifest_IsBadPackage(int length)
    {
        byte[] package = TestPackages.Build(Signer, Image);
        var verifier = new PackageVerifier(TestPackages.PublicPoint(Signer));

        Assert.Null(verifier.CheckManifest(package, 0, length, out UpdateStatus status));
        Assert.Equal(UpdateStatus.BadPackage, status);
    }

    [Fact]
    public void CheckManifest_SignedByAnotherKey_IsWrongKey()
    {
        Assert.Equal(UpdateStatus.WrongKey, Check(TestPackages.Build(Stranger, Image)).Status);
    }

    [Fact]
    public void CheckManifest_AnotherKeyClaimingOurKeyId_IsBadSignature()
    {
        Assert.Equal(UpdateStatus.BadSignature, Check(TestPackages.Build(Stranger, Image, named: Signer)).Status);
    }

    [Theory]
    [InlineData(UpdatePackage.SignatureOffset)]
    [InlineData(UpdatePackage.SignatureOffset + 63)]
    [InlineData(UpdatePackage.HeaderLength + 20)]
    public void CheckManifest_SignatureOrManifestByteChanged_IsBadSignature(int offset)
    {
        byte[] package = TestPackages.Build(Signer, Image);
        package[offset] ^= 0x01;

        var (manifest, status) = Check(package);

        Assert.Null(manifest);
        Assert.Equal(UpdateStatus.BadSignature, status);
    }

    [Fact]
    public void CheckManifest_ImageByteChanged_ManifestStillVerifiesButHashDiffers()
    {
        byte[] package = TestPackages.Build(Signer, Image);
        package[^1] ^= 0x80;

        var (manifest, status) = Check(package);
        byte[] digest = SHA256.HashData(package.AsSpan(package.Length - Image.Length));

        Assert.Equal(UpdateStatus.Ok, status);
        Assert.Equal(UpdateStatus.HashMismatch, PackageVerifier.CheckImageDigest(manifest!, digest, 0));
    }

    [Fact]
    public void CheckManifest_SignedButInvalidManifest_IsBadManifest()
    {
        Assert.Equal(UpdateStatus.BadManifest, Check(TestPackages.Build(Signer, Image, manifestText: "{\"format\":1}")).Status);
    }

    [Fact]
    public void CheckManifest_SignedManifestOverOnePointFiveMegabytes_IsTooLarge()
    {
        string text = TestPackages.ManifestText("1.4.0", "1.0.0", "esp32s3", UpdatePackage.MaxImageLength + 1, new byte[32]);

        Assert.Equal(UpdateStatus.TooLarge, Check(TestPackages.Build(Signer, Image, manifestText: text)).Status);
    }

    [Fact]
    public void Constructor_KeyNotOnTheCurve_Throws()
    {
        byte[] key = TestPackages.PublicPoint(Signer);
        key[64] ^= 1;

        Assert.Throws<ArgumentException>(() => new PackageVerifier(key));
    }

    public static TheoryData<string, string, string, bool, UpdateStatus> PolicyCases() => new()
    {
        { "esp32s3", "1.4.0", "1.3.0", false, UpdateStatus.Ok },
        { "esp32", "1.4.0", "1.3.0", false, UpdateStatus.WrongTarget },
        { "esp32s3", "1.4.0", "1.4.0", false, UpdateStatus.UpToDate },
        { "esp32s3", "1.4.0", "1.4.0", true, UpdateStatus.UpToDate },
        { "esp32s3", "1.4.0", "1.5.0", false, UpdateStatus.Downgrade },
        { "esp32s3", "1.4.0", "1.5.0", true, UpdateStatus.Ok },
        { "esp32s3", "1.4.0", "1.4.0-rc.1", false, UpdateStatus.Ok },
        { "esp32s3", "1.4.0", "0.9.0", false, UpdateStatus.Incompatible },
    };

    [Theory]
    [MemberData(nameof(PolicyCases))]
    public void UpdatePolicy_Check_AppliesTargetVersionAndMinimum(string target, string version, string running, bool allowDowngrade, UpdateStatus expected)
    {
        var manifest = new UpdateManifest(SemanticVersion.Parse(version)!, SemanticVersion.Parse("1.0.0")!, "esp32s3", 10, new byte[32]);

        Assert.Equal(expected, UpdatePolicy.Check(manifest, target, SemanticVersion.Parse(running)!, allowDowngrade));
    }
}
