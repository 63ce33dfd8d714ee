using System.Security.Cryptography;
using Xunit;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary>
/// <c>energylogger ota keygen|sign|verify</c> as a release engineer runs them: real process, real files,
/// and every refusal with its own status on stderr and exit code 1.
/// </summary>
public sealed class OtaCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energylogger-ota-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private (string Private, string Public) Keygen(string name = "signing")
    {
        var outcome = EnergyLoggerProcess.Run("ota", "keygen", "--private", PathOf(name + ".pem"), "--public", PathOf(name + ".pub.pem"));
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return (PathOf(name + ".pem"), PathOf(name + ".pub.pem"));
    }

    private string Sign(string privateKey, byte[] image, string version = "1.4.0", string name = "app.elup")
    {
        File.WriteAllBytes(PathOf("app.bin"), image);
        var outcome = EnergyLoggerProcess.Run("ota", "sign", "--key", privateKey, "--image", PathOf("app.bin"), "--version", version,
            "--min-firmware", "1.2.0", "--target", "esp32s3", "--out", PathOf(name));
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return PathOf(name);
    }

    private static byte[] Image(int length)
    {
        byte[] image = new byte[length];
        new Random(length).NextBytes(image);
        return image;
    }

    [Fact]
    public void Keygen_NewFiles_WritesPemPairAndPrintsTheDeviceKey()
    {
        var outcome = EnergyLoggerProcess.Run("ota", "keygen", "--private", PathOf("k.pem"), "--public", PathOf("k.pub.pem"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(PathOf("k.pem")));
        ECParameters p = key.ExportParameters(false);
        string point = "04" + Convert.ToHexStringLower(p.Q.X!) + Convert.ToHexStringLower(p.Q.Y!);
        Assert.Contains($"device key: {point}", outcome.Lines);
        Assert.Contains($"key id: {Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(point))[..8])}", outcome.Lines);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(PathOf("k.pub.pem")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(PathOf("k.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("k.pem")));
        }
    }

    [Fact]
    public void Keygen_ExistingFile_RefusedAndLeftAsItWas()
    {
        File.WriteAllText(PathOf("k.pub.pem"), "keep me");

        var outcome = EnergyLoggerProcess.Run("ota", "keygen", "--private", PathOf("k.pem"), "--public", PathOf("k.pub.pem"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("already exists", outcome.Stderr);
        Assert.Equal("keep me", File.ReadAllText(PathOf("k.pub.pem")));
        Assert.False(File.Exists(PathOf("k.pem")));
    }

    [Fact]
    public void SignThenVerify_FreshPackage_VerifiesWithTheManifestPrinted()
    {
        var (privateKey, publicKey) = Keygen();
        byte[] image = Image(5000);
        string package = Sign(privateKey, image);

        var outcome = EnergyLoggerProcess.Run("ota", "verify", "--public", publicKey, package, "--target", "esp32s3", "--running", "1.3.0");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        string line = Assert.Single(outcome.Lines);
        Assert.StartsWith($"ok: {package}: version 1.4.0 for esp32s3 (min firmware 1.2.0), image 5000 bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(image))}", line);
        Assert.Equal(5000 + 80, new FileInfo(package).Length - ManifestLength(package));
    }

    public static TheoryData<string, string> Tampering() => new()
    {
        { "image byte", "HashMismatch" },
        { "manifest byte", "BadSignature" },
        { "signature byte", "BadSignature" },
        { "magic", "BadPackage" },
        { "last byte cut", "Truncated" },
        { "byte appended", "BadPackage" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void Verify_TamperedPackage_RefusedWithItsStatus(string tampering, string status)
    {
        var (privateKey, publicKey) = Keygen();
        string package = Sign(privateKey, Image(4000));
        byte[] bytes = File.ReadAllBytes(package);
        bytes = tampering switch
        {
            "image byte" => Flip(bytes, bytes.Length - 100),
            "manifest byte" => Flip(bytes, 90),
            "signature byte" => Flip(bytes, 20),
            "magic" => Flip(bytes, 0),
            "last byte cut" => bytes[..^1],
            _ => [.. bytes, 0],
        };
        File.WriteAllBytes(package, bytes);

        var outcome = EnergyLoggerProcess.Run("ota", "verify", "--public", publicKey, package);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"refused: {status}:", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Verify_PackageOfAnotherKey_IsWrongKey()
    {
        var (privateKey, _) = Keygen("release");
        var (_, otherPublic) = Keygen("other");
        string package = Sign(privateKey, Image(1000));

        var outcome = EnergyLoggerProcess.Run("ota", "verify", "--public", otherPublic, package);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("refused: WrongKey:", outcome.Stderr);
    }

    [Theory]
    [InlineData("--target esp32", "WrongTarget")]
    [InlineData("--running 1.4.0", "UpToDate")]
    [InlineData("--running 1.5.0", "Downgrade")]
    [InlineData("--running 1.1.0", "Incompatible")]
    [InlineData("--running 1.5.0 --allow-downgrade", "")]
    public void Verify_InstallRules_AppliedAsOnTheDevice(string options, string status)
    {
        var (privateKey, publicKey) = Keygen();
        string package = Sign(privateKey, Image(1000));

        var outcome = EnergyLoggerProcess.Run(["ota", "verify", "--public", publicKey, package, .. options.Split(' ')]);

        Assert.Equal(status == "" ? 0 : 1, outcome.ExitCode);
        if (status != "")
        {
            Assert.Contains($"refused: {status}:", outcome.Stderr);
        }
    }

    [Fact]
    public void Sign_ImageOverOnePointFiveMegabytes_Refused()
    {
        var (privateKey, _) = Keygen();
        File.WriteAllBytes(PathOf("big.bin"), new byte[(1536 * 1024) + 1]);

        var outcome = EnergyLoggerProcess.Run("ota", "sign", "--key", privateKey, "--image", PathOf("big.bin"), "--version", "1.0.0",
            "--min-firmware", "1.0.0", "--target", "esp32s3", "--out", PathOf("big.elup"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("1572865 bytes", outcome.Stderr);
        Assert.False(File.Exists(PathOf("big.elup")));
    }

    [Fact]
    public void Sign_WithThePublicKeyOnly_Refused()
    {
        var (_, publicKey) = Keygen();
        File.WriteAllBytes(PathOf("app.bin"), Image(10));

        var outcome = EnergyLoggerProcess.Run("ota", "sign", "--key", publicKey, "--image", PathOf("app.bin"), "--version", "1.0.0",
            "--min-firmware", "1.0.0", "--target", "esp32s3", "--out", PathOf("x.elup"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("private key is needed", outcome.Stderr);
    }

    [Theory]
    [InlineData("ota", "2")]
    [InlineData("ota frobnicate", "2")]
    [InlineData("ota sign --key k --image i --version 1.0 --min-firmware 1.0.0 --target t --out o", "2")]
    [InlineData("ota verify --public k", "2")]
    public void Ota_CalledWrongly_ExitsTwo(string args, string exit)
    {
        var outcome = EnergyLoggerProcess.Run(args.Split(' '));

        Assert.Equal(int.Parse(exit), outcome.ExitCode);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 0x01;
        return bytes;
    }

    private static int ManifestLength(string package)
    {
        byte[] bytes = File.ReadAllBytes(package);
        return (bytes[6] << 8) | bytes[7];
    }
}
