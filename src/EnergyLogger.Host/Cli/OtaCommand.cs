using System.Security.Cryptography;
using EnergyLogger.Core.Ota;
using EnergyLogger.Host.Ota;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger ota keygen|image|sign|verify</c>: make the signing key pair, gather the application's assemblies
/// into an image, sign an image into an update package, and check a package exactly as the device will. Signing uses .NET's ECDsa; checking uses
/// the device's own verifier. docs/ota.md has the rollout procedure.
/// </summary>
internal static class OtaCommand
{
    public const string Summary = "make signing keys, build and sign update packages, verify a package as the device does";

    private sealed record OtaAction(string Name, Func<CommandLine, int> Run);

    private static readonly OtaAction[] Actions =
    [
        new("keygen", Keygen),
        new("image", Image),
        new("sign", Sign),
        new("verify", Verify),
    ];

    private static readonly string[] Help =
    [
        "usage: energylogger ota keygen --private FILE --public FILE",
        "       energylogger ota image --out FILE FOLDER",
        "       energylogger ota sign --key FILE --image FILE --version V --min-firmware V --target T --out FILE",
        "       energylogger ota verify --public FILE PACKAGE [--target T] [--running V] [--allow-downgrade]",
        "",
        "  keygen                    a new ECDSA P-256 key pair: PKCS#8 PEM private key (owner-only file; it never",
        "                            goes on a device) and SubjectPublicKeyInfo PEM public key; prints the device key",
        "                            (uncompressed SEC 1 point, hex) and the key id. Existing files are never replaced",
        "  image                     the application's assemblies (EnergyLogger.*.pe in the device build's FOLDER,",
        "                            not the loader) in dependency order, read from the .dll beside each .pe",
        "  sign                      the image plus a signed manifest: semantic version, minimum firmware that may",
        $"                            install it, target, size (at most {UpdatePackage.MaxImageLength} bytes) and SHA-256",
        "  verify                    header, key id, signature, manifest, length and image hash with the device's",
        "                            code; with --target/--running also the install rules (no downgrade unless",
        "                            --allow-downgrade). Exit 1 and the refusal's status when it fails",
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Positional.Count == 0)
        {
            if (cli.Flag("help"))
            {
                Array.ForEach(Help, Console.WriteLine);
                return 0;
            }

            throw new UsageException("give keygen, image, sign or verify (try 'energylogger ota --help')");
        }

        OtaAction action = Array.Find(Actions, a => a.Name == cli.Positional[0])
            ?? throw new UsageException($"unknown action '{cli.Positional[0]}' (keygen, image, sign or verify)");
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        try
        {
            return action.Run(cli);
        }
        catch (OtaFileException e)
        {
            Console.Error.WriteLine($"energylogger ota {action.Name}: {e.Message}");
            return 1;
        }
    }

    private static int Keygen(CommandLine cli)
    {
        string privatePath = cli.RequiredText("private");
        string publicPath = cli.RequiredText("public");
        NoMorePositionals(cli, 1);
        cli.RejectUnknown();
        foreach (string path in new[] { privatePath, publicPath })
        {
            if (File.Exists(path))
            {
                throw new OtaFileException($"{path} already exists; a key file is never replaced");
            }
        }

        using ECDsa key = SigningKeys.Generate();
        SigningKeys.WriteNew(privatePath, key.ExportPkcs8PrivateKeyPem() + "\n", secret: true);
        SigningKeys.WriteNew(publicPath, key.ExportSubjectPublicKeyInfoPem() + "\n", secret: false);
        byte[] point = SigningKeys.PublicPoint(key);
        Console.WriteLine($"private key: {privatePath} (keep it off every device)");
        Console.WriteLine($"public key: {publicPath}");
        Console.WriteLine($"device key: {Convert.ToHexStringLower(point)}");
        Console.WriteLine($"key id: {Convert.ToHexStringLower(SigningKeys.KeyId(point))}");
        return 0;
    }

    private static int Image(CommandLine cli)
    {
        string outPath = cli.RequiredText("out");
        if (cli.Positional.Count != 2)
        {
            throw new UsageException("give one FOLDER: the device build's output (bin/Release of EnergyLogger.Device)");
        }

        cli.RejectUnknown();
        ApplicationImage.Part[] parts = ApplicationImage.Collect(cli.Positional[1]);
        byte[] image = ApplicationImage.Build(parts);
        WriteFile(outPath, image);
        for (int i = 0; i < parts.Length; i++)
        {
            Console.WriteLine($"{i + 1,3}  {parts[i].Name,-32} {parts[i].Pe.Length,8} bytes");
        }

        Console.WriteLine($"image: {outPath}: {parts.Length} assemblies, {image.Length} bytes");
        return 0;
    }

    private static int Sign(CommandLine cli)
    {
        string keyPath = cli.RequiredText("key");
        string imagePath = cli.RequiredText("image");
        SemanticVersion version = Version(cli, "version");
        SemanticVersion minFirmware = Version(cli, "min-firmware");
        string target = cli.RequiredText("target");
        string outPath = cli.RequiredText("out");
        NoMorePositionals(cli, 1);
        cli.RejectUnknown();

        byte[] image = ReadFile(imagePath);
        if (image.Length == 0 || image.Length > UpdatePackage.MaxImageLength)
        {
            throw new OtaFileException($"{imagePath}: {image.Length} bytes; an image is 1 to {UpdatePackage.MaxImageLength} bytes");
        }

        using ECDsa key = SigningKeys.Load(keyPath, needPrivate: true);
        byte[] manifest = PackageSigner.Manifest(version, minFirmware, target, image);
        byte[] package = PackageSigner.Sign(key, manifest, image);
        if (PackageCheck.Run(SigningKeys.PublicPoint(key), package, null, null, false).Status is var status && status != UpdateStatus.Ok)
        {
            throw new OtaFileException($"the package does not pass its own check: {UpdateStatusText.Of(status)}");
        }

        WriteFile(outPath, package);
        Console.WriteLine($"signed: {outPath}: {Describe(package, version, minFirmware, target, image.Length, SigningKeys.PublicPoint(key))}");
        return 0;
    }

    private static int Verify(CommandLine cli)
    {
        string publicPath = cli.RequiredText("public");
        string? target = cli.Text("target");
        SemanticVersion? running = cli.Has("running") ? Version(cli, "running") : null;
        bool allowDowngrade = cli.Flag("allow-downgrade");
        if (cli.Positional.Count != 2)
        {
            throw new UsageException("give one PACKAGE file");
        }

        cli.RejectUnknown();
        string packagePath = cli.Positional[1];
        byte[] point;
        using (ECDsa key = SigningKeys.Load(publicPath, needPrivate: false))
        {
            point = SigningKeys.PublicPoint(key);
        }

        byte[] package = ReadFile(packagePath);
        PackageCheck.Outcome outcome = PackageCheck.Run(point, package, target, running, allowDowngrade);
        if (outcome.Status != UpdateStatus.Ok)
        {
            string detail = outcome.Detail.Length > 0 ? $" ({outcome.Detail})" : "";
            Console.Error.WriteLine($"energylogger ota verify: {packagePath}: refused: {outcome.Status}: {UpdateStatusText.Of(outcome.Status)}{detail}");
            return 1;
        }

        UpdateManifest m = outcome.Manifest!;
        Console.WriteLine($"ok: {packagePath}: {Describe(package, m.Version, m.MinFirmware, m.Target, m.ImageLength, point)}");
        return 0;
    }

    private static string Describe(byte[] package, SemanticVersion version, SemanticVersion minFirmware, string target, int imageLength, byte[] point)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(package.AsSpan(package.Length - imageLength)));
        return $"version {version.Text} for {target} (min firmware {minFirmware.Text}), image {imageLength} bytes, " +
            $"sha256 {sha}, package {package.Length} bytes, key id {Convert.ToHexStringLower(SigningKeys.KeyId(point))}";
    }

    private static SemanticVersion Version(CommandLine cli, string name)
    {
        string text = cli.RequiredText(name);
        return SemanticVersion.Parse(text) ?? throw new UsageException($"--{name} must be a semantic version like 1.4.0, not '{text}'");
    }

    private static void NoMorePositionals(CommandLine cli, int expected)
    {
        if (cli.Positional.Count != expected)
        {
            throw new UsageException($"unexpected argument '{cli.Positional[expected]}'");
        }
    }

    private static byte[] ReadFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > UpdatePackage.MaxPackageLength)
            {
                throw new OtaFileException($"{path}: {info.Length} bytes is more than any package or image may be");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtaFileException($"{path}: {e.Message}");
        }
    }

    private static void WriteFile(string path, byte[] bytes)
    {
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtaFileException($"{path}: {e.Message}");
        }
    }
}
