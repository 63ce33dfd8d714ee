using System.CommandLine;
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
    public static Command Create()
    {
        var privateKey = CliOption.Text("--private", "FILE", "the private key to write (PKCS#8 PEM, owner-only; it never goes on a device)");
        var publicKey = CliOption.Text("--public", "FILE", "the public key to write (SubjectPublicKeyInfo PEM)");
        var keygen = Action(
            "keygen",
            "a new ECDSA P-256 key pair; prints the device key (uncompressed SEC 1 point, hex) and the key id. Existing files are never replaced",
            [privateKey, publicKey],
            result => Keygen(result.Required(privateKey), result.Required(publicKey)));

        var folder = new Argument<string>("FOLDER") { Description = "the device build's output (bin/Release of EnergyLogger.Device)" };
        var imageOut = CliOption.Text("--out", "FILE", "the image to write");
        var image = Action(
            "image",
            "the application's assemblies (EnergyLogger.*.pe in the device build's FOLDER, not the loader) in dependency order, read from the .dll beside each .pe",
            [imageOut],
            result => Image(result.Required(imageOut), result.GetRequiredValue(folder)));
        image.Add(folder);

        var key = CliOption.Text("--key", "FILE", "the private key (ota keygen --private)");
        var imageFile = CliOption.Text("--image", "FILE", "the image (ota image --out)");
        var version = CliOption.Text("--version", "V", "the update's semantic version, like 1.4.0");
        var minFirmware = CliOption.Text("--min-firmware", "V", "the oldest firmware that may install it");
        var target = CliOption.Text("--target", "T", "the hardware it is for, like esp32s3");
        var packageOut = CliOption.Text("--out", "FILE", "the package to write");
        var sign = Action(
            "sign",
            $"the image plus a signed manifest: semantic version, minimum firmware that may install it, target, size (at most {UpdatePackage.MaxImageLength} bytes) and SHA-256",
            [key, imageFile, version, minFirmware, target, packageOut],
            result => Sign(
                result.Required(key),
                result.Required(imageFile),
                Version(version.Name, result.Required(version)),
                Version(minFirmware.Name, result.Required(minFirmware)),
                result.Required(target),
                result.Required(packageOut)));

        var package = new Argument<string>("PACKAGE") { Description = "the update package (ota sign --out)" };
        var checkKey = CliOption.Text("--public", "FILE", "the public key (ota keygen --public)");
        var checkTarget = CliOption.Text("--target", "T", "check the install rules for this hardware");
        var running = CliOption.Text("--running", "V", "check the install rules against this running firmware version");
        var allowDowngrade = CliOption.Flag("--allow-downgrade", "an older version than --running is allowed");
        var verify = Action(
            "verify",
            "header, key id, signature, manifest, length and image hash with the device's code; with --target/--running also the install "
            + "rules (no downgrade unless --allow-downgrade). Exit 1 and the refusal's status when it fails",
            [checkKey, checkTarget, running, allowDowngrade],
            result => Verify(
                result.Required(checkKey),
                result.GetRequiredValue(package),
                result.GetValue(checkTarget),
                result.GetValue(running) is { } text ? Version(running.Name, text) : null,
                result.GetValue(allowDowngrade)));
        verify.Add(package);

        return new Command("ota", "make signing keys, build and sign update packages, verify a package as the device does (docs/ota.md)")
        {
            keygen,
            image,
            sign,
            verify,
        };
    }

    /// <summary>One action: its options, and a file it cannot read or write reported as a failure (exit 1).</summary>
    private static Command Action(string name, string description, Option[] options, Func<ParseResult, int> run)
    {
        var command = new Command(name, description);
        Array.ForEach(options, command.Add);
        command.SetAction(result =>
        {
            try
            {
                return run(result);
            }
            catch (OtaFileException e)
            {
                ConsoleOutput.Failed($"energylogger ota {name}", e.Message);
                return 1;
            }
        });
        return command;
    }

    private static int Keygen(string privatePath, string publicPath)
    {
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

    private static int Image(string outPath, string folder)
    {
        (ApplicationImage.Part[] parts, byte[] image) = ConsoleOutput.WithProgress("ota image", () =>
        {
            ApplicationImage.Part[] collected = ApplicationImage.Collect(folder);
            return (collected, ApplicationImage.Build(collected));
        });
        WriteFile(outPath, image);
        var table = new OutputTable(new("#", 3), new("assembly", -32, "  "), new("size", 8), new("", -5)) { PlainHeader = false };
        for (int i = 0; i < parts.Length; i++)
        {
            table.Add($"{i + 1}", parts[i].Name, $"{parts[i].Pe.Length}", "bytes");
        }

        table.Write(Console.Out);

        Console.WriteLine($"image: {outPath}: {parts.Length} assemblies, {image.Length} bytes");
        return 0;
    }

    private static int Sign(string keyPath, string imagePath, SemanticVersion version, SemanticVersion minFirmware, string target, string outPath)
    {

        byte[] image = ReadFile(imagePath);
        if (image.Length == 0 || image.Length > UpdatePackage.MaxImageLength)
        {
            throw new OtaFileException($"{imagePath}: {image.Length} bytes; an image is 1 to {UpdatePackage.MaxImageLength} bytes");
        }

        using ECDsa key = SigningKeys.Load(keyPath, needPrivate: true);
        byte[] manifest = PackageSigner.Manifest(version, minFirmware, target, image);
        (byte[] package, UpdateStatus status) = ConsoleOutput.WithProgress("ota sign", () =>
        {
            byte[] signed = PackageSigner.Sign(key, manifest, image);
            return (signed, PackageCheck.Run(SigningKeys.PublicPoint(key), signed, null, null, false).Status);
        });
        if (status != UpdateStatus.Ok)
        {
            throw new OtaFileException($"the package does not pass its own check: {UpdateStatusText.Of(status)}");
        }

        WriteFile(outPath, package);
        Console.WriteLine($"signed: {outPath}: {Describe(package, version, minFirmware, target, image.Length, SigningKeys.PublicPoint(key))}");
        return 0;
    }

    private static int Verify(string publicPath, string packagePath, string? target, SemanticVersion? running, bool allowDowngrade)
    {
        byte[] point;
        using (ECDsa key = SigningKeys.Load(publicPath, needPrivate: false))
        {
            point = SigningKeys.PublicPoint(key);
        }

        byte[] package = ReadFile(packagePath);
        PackageCheck.Outcome outcome = ConsoleOutput.WithProgress("ota verify", () => PackageCheck.Run(point, package, target, running, allowDowngrade));
        if (outcome.Status != UpdateStatus.Ok)
        {
            string detail = outcome.Detail.Length > 0 ? $" ({outcome.Detail})" : "";
            ConsoleOutput.Failed("energylogger ota verify", $"{packagePath}: refused: {outcome.Status}: {UpdateStatusText.Of(outcome.Status)}{detail}");
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

    private static SemanticVersion Version(string option, string text) =>
        SemanticVersion.Parse(text) ?? throw new UsageException($"{option} must be a semantic version like 1.4.0, not '{text}'");

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
