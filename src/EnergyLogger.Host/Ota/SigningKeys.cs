using System.Security.Cryptography;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Host.Ota;

/// <summary>
/// ECDSA P-256 keys in their usual files: the private key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), which
/// stays on the signing machine, and the public key as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").
/// The device holds only the public key, as the 65-byte uncompressed SEC 1 point.
/// </summary>
internal static class SigningKeys
{
    public static ECDsa Generate() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A P-256 key from a PEM file (private or public); throws <see cref="OtaFileException"/> with a readable reason.</summary>
    public static ECDsa Load(string path, bool needPrivate)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtaFileException($"{path}: {e.Message}");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            ECParameters parameters = key.ExportParameters(false);
            if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new OtaFileException($"{path}: not a P-256 key");
            }

            if (needPrivate && !pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new OtaFileException($"{path}: a private key is needed to sign");
            }

            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new OtaFileException($"{path}: not a PEM P-256 key ({e.Message})");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>04 || X || Y (SEC 1 v2, 2.3.3), the form the device takes.</summary>
    public static byte[] PublicPoint(ECDsa key)
    {
        ECPoint q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static byte[] KeyId(byte[] publicPoint)
    {
        byte[] id = new byte[UpdatePackage.KeyIdLength];
        UpdatePackage.KeyId(publicPoint, 0, new Sha256(), id);
        return id;
    }

    /// <summary>Writes a new file readable by its owner only; refuses to replace an existing file.</summary>
    public static void WriteNew(string path, string text, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new OtaFileException($"{path} already exists; a key file is never replaced");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtaFileException($"{path}: {e.Message}");
        }
    }
}

/// <summary>A key, image or package file that cannot be used; printed as one line, exit code 1.</summary>
internal sealed class OtaFileException(string message) : Exception(message);
