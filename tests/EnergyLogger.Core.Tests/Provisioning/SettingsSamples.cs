using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>Settings and certificates the provisioning suites share.</summary>
internal static class SettingsSamples
{
    public const string WifiKey = "correct horse battery";
    public const string MqttPassword = "broker-pa55word";
    public const string KaaToken = "tok3n-Very-Secret";

    private static readonly Lazy<string> LazyPem = new(() => CreatePem("CN=EnergyLogger Test Root"));

    /// <summary>A real self-signed certificate in PEM, made once per run.</summary>
    public static string CaPem => LazyPem.Value;

    /// <summary>Settings that pass the full check, secrets set to the constants above.</summary>
    public static DeviceSettings Complete()
    {
        var settings = new DeviceSettings();
        Set(settings, SettingFields.WifiSsid, "Home Net");
        Set(settings, SettingFields.WifiKey, WifiKey);
        Set(settings, SettingFields.MqttUsername, "dongle@tenant");
        Set(settings, SettingFields.MqttPassword, MqttPassword);
        Set(settings, SettingFields.KaaToken, KaaToken);
        Set(settings, SettingFields.KaaApp, "c0ffee-v1");
        return settings;
    }

    public static void Set(DeviceSettings settings, SettingField field, string text)
    {
        string? reason = settings.Set(field, text);
        if (reason is not null)
        {
            throw new ArgumentException($"{field.Name}: {reason}");
        }
    }

    public static string CreatePem(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem().ReplaceLineEndings("\n") + "\n";
    }
}
