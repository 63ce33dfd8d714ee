using System.Text;
using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>The signed manifest is validated strictly; each defect names its member.</summary>
public sealed class ManifestReaderTests
{
    private const string Digest = "69d8b125cba40ef19b2c95a52603b88d42a572b5cf50970b4610c4378aac3ee1";

    private static string Manifest(string? replace = null, string? with = null)
    {
        string text = "{\"format\":\"energylogger-update/1\",\"version\":\"1.4.0\",\"minFirmware\":\"1.0.0\"," +
            "\"target\":\"esp32s3\",\"size\":3000,\"sha256\":\"" + Digest + "\"}";
        return replace is null ? text : text.Replace(replace, with, StringComparison.Ordinal);
    }

    private static (UpdateManifest? Manifest, UpdateStatus Status, string Error) Read(string text)
    {
        var reader = new ManifestReader();
        byte[] bytes = Encoding.UTF8.GetBytes("xx" + text);
        UpdateManifest? manifest = reader.Read(bytes, 2, bytes.Length - 2, out UpdateStatus status);
        return (manifest, status, reader.Error);
    }

    [Fact]
    public void Read_ValidManifest_GivesEveryField()
    {
        var (manifest, status, error) = Read(Manifest());

        Assert.Equal(UpdateStatus.Ok, status);
        Assert.Equal("", error);
        Assert.Equal(("1.4.0", "1.0.0", "esp32s3", 3000), (manifest!.Version.Text, manifest.MinFirmware.Text, manifest.Target, manifest.ImageLength));
        Assert.Equal(Digest, Convert.ToHexStringLower(manifest.ImageSha256));
    }

    [Fact]
    public void Read_MembersInAnyOrderWithWhitespace_Accepted()
    {
        string text = "{ \"sha256\": \"" + Digest + "\", \"size\": 3000, \"target\": \"esp32s3\",\n \"minFirmware\": \"1.0.0\", \"version\": \"1.4.0\", \"format\": \"energylogger-update/1\" }";

        Assert.Equal(UpdateStatus.Ok, Read(text).Status);
    }

    public static TheoryData<string, string> Defects() => new()
    {
        { "not json", "invalid literal" },
        { "[]", "expected an object" },
        { Manifest("\"size\":3000,", "\"size\":3000,\"extra\":1,"), "extra: unknown member" },
        { Manifest("\"size\":3000,", "\"size\":3000,\"size\":3000,"), "size: member given twice" },
        { Manifest("\"target\":\"esp32s3\",", ""), "target: required" },
        { Manifest("energylogger-update/1", "energylogger-update/2"), "format: must be \"energylogger-update/1\"" },
        { Manifest("\"version\":\"1.4.0\"", "\"version\":\"1.4\""), "version: not a semantic version" },
        { Manifest("\"minFirmware\":\"1.0.0\"", "\"minFirmware\":\"01.0.0\""), "minFirmware: not a semantic version" },
        { Manifest("\"version\":\"1.4.0\"", "\"version\":140"), "version: expected a string" },
        { Manifest("\"size\":3000", "\"size\":\"3000\""), "size: expected a number" },
        { Manifest("\"size\":3000", "\"size\":0"), "size: expected a whole number of bytes above 0" },
        { Manifest("\"size\":3000", "\"size\":-5"), "size: expected a whole number of bytes above 0" },
        { Manifest("\"size\":3000", "\"size\":3000.5"), "size: expected a whole number of bytes above 0" },
        { Manifest("\"target\":\"esp32s3\"", "\"target\":\"ESP32S3\""), "target: 1 to 32 of a-z, 0-9, '-', '_', '.'" },
        { Manifest("\"target\":\"esp32s3\"", "\"target\":\"\""), "target: 1 to 32 of a-z, 0-9, '-', '_', '.'" },
        { Manifest("\"target\":\"esp32s3\"", "\"target\":\"" + new string('a', 33) + "\""), "target: 1 to 32 of a-z, 0-9, '-', '_', '.'" },
        { Manifest(Digest, Digest.ToUpperInvariant()), "sha256: expected 64 lowercase hex digits" },
        { Manifest(Digest, Digest[..62]), "sha256: expected 64 lowercase hex digits" },
        { Manifest(Digest, Digest[..63] + "g"), "sha256: expected 64 lowercase hex digits" },
        { Manifest() + " {}", "data after the end of the document" },
        { "{\"a\":{\"b\":{}}}", "a.b: nesting too deep: the limit is 2 levels" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Read_Defect_IsBadManifestNamingTheMember(string text, string error)
    {
        var (manifest, status, actual) = Read(text);

        Assert.Null(manifest);
        Assert.Equal(UpdateStatus.BadManifest, status);
        Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData(UpdatePackage.MaxImageLength, UpdateStatus.Ok)]
    [InlineData(UpdatePackage.MaxImageLength + 1, UpdateStatus.TooLarge)]
    [InlineData(int.MaxValue + 1L, UpdateStatus.TooLarge)]
    public void Read_Size_AboveOnePointFiveMegabytesIsTooLarge(long size, UpdateStatus expected)
    {
        Assert.Equal(expected, Read(Manifest("\"size\":3000", "\"size\":" + size)).Status);
    }

    [Fact]
    public void Read_LongerThanTheManifestCap_IsBadManifest()
    {
        string padded = Manifest("{", "{" + new string(' ', UpdatePackage.MaxManifestLength));

        Assert.Equal((UpdateStatus.BadManifest, $"document too large: {padded.Length} bytes, the limit is {UpdatePackage.MaxManifestLength}"), (Read(padded).Status, Read(padded).Error));
    }
}
