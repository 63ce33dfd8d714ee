using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Benchmarks;

/// <summary>
/// The update checks of a 1.5 MB image: the portable SHA-256 and ECDSA P-256 verifier of Core against
/// .NET's own (the baseline of each category), and the whole package check as the device runs it. The
/// "Device IL" column estimates the IL instructions the nanoFramework interpreter executes
/// (<see cref="InterpreterCost"/>); docs/ota.md turns it into device time.
/// </summary>
[Config(typeof(OtaConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OtaBenchmarks
{
    public const string Hash = "SHA-256 of 1.5 MB";
    public const string Signature = "ECDSA P-256 verify";
    public const string Package = "package of 1.5 MB";

    private const int Chunk = 4096;

    private readonly byte[] _digest = new byte[32];
    private readonly Sha256 _sha = new();
    private readonly EcdsaP256Verifier _verifier = new();
    private byte[] _image = [];
    private byte[] _manifest = [];
    private byte[] _manifestDigest = [];
    private byte[] _signature = [];
    private byte[] _package = [];
    private ECDsa _dotnet = null!;
    private PackageVerifier _packageVerifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = new byte[UpdatePackage.MaxImageLength];
        new Random(1536).NextBytes(_image);
        _dotnet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters q = _dotnet.ExportParameters(false);
        byte[] point = [0x04, .. q.Q.X!, .. q.Q.Y!];
        _verifier.SetPublicKey(point, 0, point.Length);
        _packageVerifier = new PackageVerifier(point);

        string manifest = $"{{\"format\":\"{UpdateManifest.Format}\",\"version\":\"1.4.0\",\"minFirmware\":\"1.0.0\",\"target\":\"esp32s3\"," +
            $"\"size\":{_image.Length},\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(_image))}\"}}";
        _manifest = System.Text.Encoding.UTF8.GetBytes(manifest);
        _manifestDigest = SHA256.HashData(_manifest);
        _signature = _dotnet.SignHash(_manifestDigest);
        byte[] keyId = SHA256.HashData(point)[..UpdatePackage.KeyIdLength];
        _package = new byte[UpdatePackage.TotalLength(_manifest.Length, _image.Length)];
        UpdatePackage.WriteHeader(_package, 0, _manifest.Length, keyId, _signature);
        _manifest.CopyTo(_package, UpdatePackage.HeaderLength);
        _image.CopyTo(_package, UpdatePackage.HeaderLength + _manifest.Length);
    }

    [GlobalCleanup]
    public void Cleanup() => _dotnet.Dispose();

    [BenchmarkCategory(Hash), Benchmark(Baseline = true)]
    public byte[] DotNetSha256() => SHA256.HashData(_image);

    /// <summary>In 4 KB pieces, as the device reads the image back from its slot.</summary>
    [BenchmarkCategory(Hash), Benchmark]
    public byte[] PortableSha256()
    {
        for (int at = 0; at < _image.Length; at += Chunk)
        {
            _sha.Update(_image, at, Math.Min(Chunk, _image.Length - at));
        }

        _sha.Finish(_digest, 0);
        return _digest;
    }

    [BenchmarkCategory(Signature), Benchmark(Baseline = true)]
    public bool DotNetVerify() => _dotnet.VerifyHash(_manifestDigest, _signature);

    [BenchmarkCategory(Signature), Benchmark]
    public SignatureCheck PortableVerify() => _verifier.Verify(_manifestDigest, 0, _signature, 0, _signature.Length);

    /// <summary>Signature of the manifest and hash of the image with .NET's primitives.</summary>
    [BenchmarkCategory(Package), Benchmark(Baseline = true)]
    public bool DotNetPackage() =>
        _dotnet.VerifyData(_manifest, _signature, HashAlgorithmName.SHA256)
        && SHA256.HashData(_package.AsSpan(_package.Length - _image.Length)).AsSpan().SequenceEqual(SHA256.HashData(_image));

    /// <summary>Header, key id, signature and manifest (PackageVerifier), then the image hash, as the device does.</summary>
    [BenchmarkCategory(Package), Benchmark]
    public UpdateStatus PortablePackage()
    {
        UpdateManifest? manifest = _packageVerifier.CheckManifest(_package, 0, UpdatePackage.HeaderLength + _manifest.Length, out UpdateStatus status);
        if (manifest is null)
        {
            return status;
        }

        int start = _package.Length - _image.Length;
        for (int at = start; at < _package.Length; at += Chunk)
        {
            _sha.Update(_package, at, Math.Min(Chunk, _package.Length - at));
        }

        _sha.Finish(_digest, 0);
        return PackageVerifier.CheckImageDigest(manifest, _digest, 0);
    }
}

/// <summary>Adds the interpreter estimate to the OTA summary table.</summary>
public sealed class OtaConfig : ManualConfig
{
    public OtaConfig() => AddColumn(new DeviceIlColumn());
}

/// <summary>Estimated IL instructions on the device for the portable rows, per operation and per image byte.</summary>
internal sealed class DeviceIlColumn : IColumn
{
    // The cost of a verification depends on the set bits of u1 and u2 only; random values are typical
    // (the column is computed in the host process, where the benchmark's own signature does not exist).
    private static readonly byte[] TypicalDigest = Typical(32, 1);
    private static readonly byte[] TypicalSignature = Typical(64, 2);

    public string Id => nameof(DeviceIlColumn);

    public string ColumnName => "Device IL (est.)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "IL instructions the nanoFramework interpreter executes (estimate: IL of the built Core, loops times trips); per image byte where an image is hashed";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double perByte = InterpreterCost.Sha256PerByte;
        long verify = InterpreterCost.EcdsaVerify(TypicalDigest, TypicalSignature);
        double image = UpdatePackage.MaxImageLength;
        return benchmarkCase.Descriptor.WorkloadMethod.Name switch
        {
            nameof(OtaBenchmarks.PortableSha256) => $"{Millions(perByte * image)} ({perByte.ToString("F0", CultureInfo.InvariantCulture)}/byte)",
            nameof(OtaBenchmarks.PortableVerify) => Millions(verify),
            nameof(OtaBenchmarks.PortablePackage) => $"{Millions((perByte * image) + verify)} ({(((perByte * image) + verify) / image).ToString("F0", CultureInfo.InvariantCulture)}/byte)",
            _ => "-",
        };
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static string Millions(double instructions) => (instructions / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M";

    private static byte[] Typical(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] &= 0x7F;
        bytes[length / 2] &= 0x7F;
        return bytes;
    }
}
