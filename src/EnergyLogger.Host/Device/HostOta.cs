using System.Security.Cryptography.X509Certificates;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Host.Ota;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The virtual device's over-the-air update for one power-on (docs/ota.md): the loader's decision on the file slots
/// in the data folder, the version of the image it started (read from the package stored in its slot; the factory
/// image is this program), and the updater over an HTTPS downloader that trusts the configured CA. The host runs
/// its own code whichever slot "booted": slots, trials, rollbacks and reports behave exactly as on the board.
/// </summary>
internal sealed class HostOta : IDisposable
{
    private readonly OtaConfig _config;
    private readonly FileImageSlots _slots;
    private HttpDownloader? _http;

    private HostOta(OtaConfig config, FileImageSlots slots, string runningVersion)
    {
        _config = config;
        _slots = slots;
        RunningVersion = runningVersion;
    }

    public string RunningVersion { get; }

    /// <summary>Power-on: the loader's decision, before any other part of the firmware runs.</summary>
    public static HostOta PowerOn(OtaConfig config, IFileStore files, string factoryVersion, Log log)
    {
        var slots = new FileImageSlots(files, config.TrialBoots);
        ImageSlot booted = slots.Boot();
        string version = factoryVersion;
        if (booted != ImageSlot.Factory)
        {
            UpdateManifest? manifest = StoredManifest.Read(slots, booted);
            if (manifest is null)
            {
                log.Write(LogLevel.Error, "loader", "the booted slot holds no readable package; running as the factory image", "slot", SlotName(booted));
            }
            else
            {
                version = manifest.Version.Text;
            }
        }

        log.Write(LogLevel.Info, "loader", "started", new[]
        {
            "slot", SlotName(booted), "version", version, "mode", slots.OnTrial ? "trial" : "confirmed", "trial_boot", slots.TrialBoots.ToString(),
        });
        return new HostOta(config, slots, version);
    }

    /// <summary>The updater of this boot. The settings' CA stands in when the config names none for the update server.</summary>
    public OtaUpdater Updater(IClock clock, DeviceSettings settings, Log log)
    {
        X509Certificate2? ca = _config.Ca ?? (settings.MqttCaPem.Length > 0 ? X509Certificate2.CreateFromPem(settings.MqttCaPem) : null);
        _http = new HttpDownloader(ca, TimeSpan.FromMilliseconds(_config.TimeoutMs));
        var options = new UpdateOptions
        {
            PublicKey = _config.PublicKey,
            Target = _config.Target,
            RunningVersion = SemanticVersion.Parse(RunningVersion),
            RetryDelayMs = _config.RetryDelayMs,
            HealthCheckMs = _config.HealthCheckMs,
            HealthProbeUrl = _config.HealthProbeUrl,
        };
        return new OtaUpdater(_slots, _http, _config.TimeoutMs, clock, options, log);
    }

    public void Dispose() => _http?.Dispose();

    private static string SlotName(ImageSlot slot) => slot switch
    {
        ImageSlot.A => "a",
        ImageSlot.B => "b",
        _ => "factory",
    };
}
