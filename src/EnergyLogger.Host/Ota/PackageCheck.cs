using EnergyLogger.Core.Ota;

namespace EnergyLogger.Host.Ota;

/// <summary>
/// A whole package checked the way the device checks it, with the device's own code: header, key id,
/// signature and manifest (PackageVerifier), then the exact length and the image's SHA-256 (the portable
/// Sha256), then, when a target or running version is given, the install rules (UpdatePolicy).
/// </summary>
internal static class PackageCheck
{
    public sealed record Outcome(UpdateStatus Status, string Detail, UpdateManifest? Manifest);

    public static Outcome Run(byte[] publicPoint, byte[] package, string? target, SemanticVersion? running, bool allowDowngrade)
    {
        var verifier = new PackageVerifier(publicPoint);
        UpdateManifest? manifest = verifier.CheckManifest(package, 0, package.Length, out UpdateStatus status);
        if (manifest is null)
        {
            return new Outcome(status, verifier.Detail, null);
        }

        int manifestLength = (package[6] << 8) | package[7];
        int expected = UpdatePackage.TotalLength(manifestLength, manifest.ImageLength);
        if (package.Length != expected)
        {
            return package.Length < expected
                ? new Outcome(UpdateStatus.Truncated, $"{package.Length} bytes, the manifest needs {expected}", manifest)
                : new Outcome(UpdateStatus.BadPackage, $"{package.Length - expected} bytes after the image", manifest);
        }

        byte[] digest = new byte[Sha256.HashLength];
        new Sha256().Hash(package, expected - manifest.ImageLength, manifest.ImageLength, digest, 0);
        if (PackageVerifier.CheckImageDigest(manifest, digest, 0) != UpdateStatus.Ok)
        {
            return new Outcome(UpdateStatus.HashMismatch, $"image hashes to {Convert.ToHexStringLower(digest)}", manifest);
        }

        status = running is null
            ? (target is null || target == manifest.Target ? UpdateStatus.Ok : UpdateStatus.WrongTarget)
            : UpdatePolicy.Check(manifest, target ?? manifest.Target, running, allowDowngrade);
        if (status != UpdateStatus.Ok)
        {
            return new Outcome(status, $"device target {target ?? "(any)"}, running {running?.Text ?? "(any)"}", manifest);
        }

        return new Outcome(UpdateStatus.Ok, "", manifest);
    }
}
