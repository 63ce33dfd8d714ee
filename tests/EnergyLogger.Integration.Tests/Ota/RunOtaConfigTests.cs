using System.Security.Cryptography;
using Xunit;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary><c>energylogger run</c> with a bad <c>ota</c> member: exit 2 with the JSON path, before anything starts.</summary>
public sealed class RunOtaConfigTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-ota-config-" + Guid.NewGuid().ToString("N")[..12]);

    public RunOtaConfigTests()
    {
        Directory.CreateDirectory(_dir);
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(_dir, "release.pub.pem"), key.ExportSubjectPublicKeyInfoPem());
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllText(Path.Combine(_dir, "p384.pub.pem"), other.ExportSubjectPublicKeyInfoPem());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("""{}""", "$.ota.publicKey: required")]
    [InlineData("""{"publicKey":"missing.pem"}""", "$.ota.publicKey: ")]
    [InlineData("""{"publicKey":"p384.pub.pem"}""", "$.ota.publicKey: ")]
    [InlineData("""{"publicKey":"release.pub.pem","colour":1}""", "$.ota.colour: unknown member")]
    [InlineData("""{"publicKey":"release.pub.pem","healthProbeUrl":"http://updates.example.net/"}""", "$.ota.healthProbeUrl: an https:// URL")]
    [InlineData("""{"publicKey":"release.pub.pem","trialBoots":0}""", "$.ota.trialBoots: a whole number from 1 to 100")]
    [InlineData("""{"publicKey":"release.pub.pem","caFile":"missing-ca.pem"}""", "$.ota.caFile: ")]
    public void Run_BadOtaConfig_Exit2NamingThePath(string ota, string expected)
    {
        string config = Path.Combine(_dir, "logger.json");
        File.WriteAllText(config, """{"bus":{"tcp":"127.0.0.1:1"},"data":"d","ota":""" + ota + "}");

        var outcome = EnergyLoggerProcess.Run("run", "--config", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(expected, outcome.Stderr);
    }
}
