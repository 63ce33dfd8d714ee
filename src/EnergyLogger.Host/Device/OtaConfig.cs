using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EnergyLogger.Core.Ota;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Ota;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The <c>ota</c> member of the virtual device's config (docs/runtime.md): the release public key the device holds
/// (the PEM file <c>energylogger ota keygen --public</c> wrote), the CA the update server must chain to, the target
/// this device stands for, and the updater's timing. Relative paths are taken from the config file's folder.
/// </summary>
internal sealed class OtaConfig
{
    private static readonly string[] Members = ["publicKey", "caFile", "target", "trialBoots", "healthCheckMs", "healthProbeUrl", "retryDelayMs", "timeoutMs"];

    private OtaConfig(byte[] publicKey, X509Certificate2? ca, string target, int trialBoots, int healthCheckMs, string? healthProbeUrl, int retryDelayMs,
        int timeoutMs)
    {
        PublicKey = publicKey;
        Ca = ca;
        Target = target;
        TrialBoots = trialBoots;
        HealthCheckMs = healthCheckMs;
        HealthProbeUrl = healthProbeUrl;
        RetryDelayMs = retryDelayMs;
        TimeoutMs = timeoutMs;
    }

    /// <summary>The release key as the device holds it: the 65-byte uncompressed SEC 1 point.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The update server's CA; null to use the settings' CA (mqtt.ca), or the system's roots without one.</summary>
    public X509Certificate2? Ca { get; }

    /// <summary>The device type manifests must name; the virtual device stands in for the dongle by default.</summary>
    public string Target { get; }

    /// <summary>Boots a new image gets to confirm itself; the loader rolls it back on the one after.</summary>
    public int TrialBoots { get; }

    public int HealthCheckMs { get; }

    public string? HealthProbeUrl { get; }

    public int RetryDelayMs { get; }

    /// <summary>The downloader's wait for a response and for each read.</summary>
    public int TimeoutMs { get; }

    public static OtaConfig Read(JsonElement ota, string dir)
    {
        HostConfig.Known(ota, Members, "$.ota");
        string keyFile = Path.Combine(dir, TextOf(ota, "publicKey") ?? throw new UsageException("$.ota.publicKey: required (the PEM file of ota keygen --public)"));
        byte[] publicKey;
        try
        {
            using ECDsa key = SigningKeys.Load(keyFile, needPrivate: false);
            publicKey = SigningKeys.PublicPoint(key);
        }
        catch (OtaFileException e)
        {
            throw new UsageException("$.ota.publicKey: " + e.Message);
        }

        string? probe = TextOf(ota, "healthProbeUrl");
        if (probe is not null && !probe.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException("$.ota.healthProbeUrl: an https:// URL");
        }

        var defaults = new UpdateOptions();
        return new OtaConfig(
            publicKey,
            TextOf(ota, "caFile") is { } ca ? LoadCa(Path.Combine(dir, ca)) : null,
            TextOf(ota, "target") ?? "esp32s3",
            HostConfig.Int(ota, "trialBoots", 3, 1, 100, "$.ota"),
            HostConfig.Int(ota, "healthCheckMs", defaults.HealthCheckMs, 1000, 86_400_000, "$.ota"),
            probe,
            HostConfig.Int(ota, "retryDelayMs", defaults.RetryDelayMs, 100, 3_600_000, "$.ota"),
            HostConfig.Int(ota, "timeoutMs", 30_000, 1000, 600_000, "$.ota"));
    }

    private static string? TextOf(JsonElement obj, string name) => HostConfig.Member(obj, name) is { } v ? HostConfig.Text(v, "$.ota." + name) : null;

    private static X509Certificate2 LoadCa(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new UsageException($"$.ota.caFile: {path}: {e.Message}");
        }
    }
}
