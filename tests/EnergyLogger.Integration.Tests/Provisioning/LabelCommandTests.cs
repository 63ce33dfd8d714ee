using System.Text.RegularExpressions;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Storage;
using Xunit;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary><c>energylogger label</c>: the record an OEM deploys, read back by the device's own loader.</summary>
public sealed class LabelCommandTests : IDisposable
{
    private const string Group = "[2-9A-HJKMNP-Z]{4}";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-label-" + Guid.NewGuid().ToString("N")[..12]);

    public LabelCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Out => Path.Combine(_dir, DeviceLabel.FileName);

    [Fact]
    public void Label_GivenValues_WritesTheRecordAndPrintsTheLabel()
    {
        var outcome = EnergyLoggerProcess.Run("label", "--out", Out, "--ap-key", "shed;key:42", "--pop", "K7M2-X9P4-TR8W", "--mac", "24:6f:28:ab:cd:ef");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(["SSID  energy-logger-CDEF", "KEY   shed;key:42", "CODE  K7M2-X9P4-TR8W", @"QR    WIFI:T:WPA;S:energy-logger-CDEF;P:shed\;key\:42;;"], outcome.Lines);
        DeviceLabel label = Load();
        Assert.Equal((LabelStatus.Ok, "shed;key:42", "K7M2-X9P4-TR8W"), (label.Status, label.ApKey, label.Pop));
    }

    [Fact]
    public void Label_Defaults_RandomValuesFromTheLabelAlphabet()
    {
        var first = EnergyLoggerProcess.Run("label", "--out", Out);
        DeviceLabel label = Load();
        var second = EnergyLoggerProcess.Run("label", "--out", Out + "2");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches($"^{Group}(-{Group}){{4}}$", label.ApKey);
        Assert.Matches($"^{Group}(-{Group}){{2}}$", label.Pop);
        Assert.Equal(["KEY   " + label.ApKey, "CODE  " + label.Pop], first.Lines);
        Assert.NotEqual(first.Lines, second.Lines);
    }

    [Fact]
    public void Label_OpenAndNoCode_ARecordThatAsksForNothing()
    {
        var outcome = EnergyLoggerProcess.Run("label", "--out", Out, "--open-ap", "--no-pop", "--mac", "246F28ABCDEF");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(["SSID  energy-logger-CDEF", "KEY   (open access point)", "CODE  (none)", "QR    WIFI:T:nopass;S:energy-logger-CDEF;;"], outcome.Lines);
        DeviceLabel label = Load();
        Assert.Equal((LabelStatus.Ok, "", ""), (label.Status, label.ApKey, label.Pop));
    }

    [Theory]
    [InlineData("--ap-key", "short7", "--ap-key must be 8 to 63 printable ASCII characters")]
    [InlineData("--pop", "has a space", "--pop only printable ASCII without spaces")]
    [InlineData("--pop", "short", "--pop must be 8 to 64 characters")]
    [InlineData("--mac", "24:6F:28", "--mac must be 12 hex digits, like 24:6F:28:AB:CD:EF")]
    public void Label_BadValue_Exit2NamingItAndNoFile(string option, string value, string message)
    {
        var outcome = EnergyLoggerProcess.Run("label", "--out", Out, option, value);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"energylogger label: {message}", outcome.Stderr.Trim());
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void Label_KeyAndOpenTogether_Exit2()
    {
        var outcome = EnergyLoggerProcess.Run("label", "--out", Out, "--ap-key", "a-good-key", "--open-ap");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--ap-key and --open-ap exclude each other", outcome.Stderr);
    }

    private DeviceLabel Load() => DeviceLabel.Load(new DirectoryFileStore(_dir));
}
