using System.Security.Cryptography;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Tests.Fakes;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>How the application on a freshly booted image behaves during its trial.</summary>
public enum AppBehaviour
{
    /// <summary>Slaves answer and the broker connects.</summary>
    Healthy,

    /// <summary>Throws at start (or hangs until the watchdog resets it): the agent never runs.</summary>
    Crashes,

    /// <summary>Runs, but the health signals never come.</summary>
    Unhealthy,
}

/// <summary>
/// A simulated dongle for the update flow: flash that survives power cuts, a fake update server, a
/// virtual clock, and power-on that runs the loader and starts the agent of whichever image booted.
/// The factory image is version 1.0.0; a slot's version is read from the package stored in it.
/// </summary>
public sealed class UpdateRig
{
    public const string Url = "https://updates.example.net/energylogger.elup";
    public const string ProbeUrl = "https://updates.example.net/";
    public const string FactoryVersion = "1.0.0";
    public const string Target = "esp32s3";

    public UpdateRig(int seed = 1, int maxTrialBoots = 3, string? probeUrl = null)
    {
        Store = new SimulatedFlash(seed);
        MaxTrialBoots = maxTrialBoots;
        ProbeUrlOption = probeUrl;
        Server.Put(ProbeUrl, [1]);
        PowerOn();
    }

    public static ECDsa Key { get; } = TestPackages.Key(2024);

    public SimulatedFlash Store { get; }

    public FakeUpdateServer Server { get; } = new();

    public VirtualClock Clock { get; } = new(1_000);

    public int MaxTrialBoots { get; }

    public string? ProbeUrlOption { get; }

    public FileImageSlots Slots { get; private set; } = null!;

    public UpdateAgent Agent { get; private set; } = null!;

    public ImageSlot Booted { get; private set; }

    public string RunningVersion { get; private set; } = FactoryVersion;

    public int Boots { get; private set; }

    /// <summary>Every report the cloud layer received, in order.</summary>
    public List<UpdateReport> Delivered { get; } = [];

    public UpdateOptions Options() => new()
    {
        PublicKey = TestPackages.PublicPoint(Key),
        Target = Target,
        RunningVersion = SemanticVersion.Parse(RunningVersion),
        RetryDelayMs = 1000,
        HealthCheckMs = 60_000,
        HealthProbeUrl = ProbeUrlOption,
    };

    /// <summary>Power on: the loader decides, the booted image's agent starts (unless the app crashes first).</summary>
    public void PowerOn(AppBehaviour behaviour = AppBehaviour.Healthy)
    {
        Boots++;
        Slots = new FileImageSlots(Store, MaxTrialBoots);
        Booted = Slots.Boot();
        RunningVersion = VersionIn(Booted) ?? "corrupt";
        Behaviour = behaviour;
        if (behaviour != AppBehaviour.Crashes)
        {
            Agent = new UpdateAgent(Slots, Server, Clock, Options());
            Agent.Start();
        }
    }

    public AppBehaviour Behaviour { get; private set; }

    /// <summary>Runs the main loop until the agent is idle, asks for a reboot, or the step budget ends.</summary>
    public void RunMainLoop(int maxSteps = 20_000)
    {
        for (int i = 0; i < maxSteps && Behaviour != AppBehaviour.Crashes; i++)
        {
            Agent.ReportHealth(Behaviour == AppBehaviour.Healthy, Behaviour == AppBehaviour.Healthy);
            Agent.Step();
            DeliverReports();
            if (Agent.RebootRequested || Agent.Phase == UpdatePhase.Idle)
            {
                return;
            }

            Clock.Advance(100);
        }
    }

    public void DeliverReports()
    {
        while (Agent.NextReport is { } report)
        {
            Delivered.Add(report);
            Agent.ReportDelivered();
        }
    }

    /// <summary>A package of a fresh image of <paramref name="version"/>, served at <see cref="Url"/>, and its offer.</summary>
    public (UpdateOffer Offer, byte[] Package, byte[] Image) Publish(string version, int imageLength = 300_000, string? url = null,
        string minFirmware = "1.0.0", bool allowDowngrade = false, Func<byte[], byte[]>? serve = null)
    {
        byte[] image = TestPackages.Image(imageLength, version.Aggregate(17, (h, c) => (h * 31) + c));
        byte[] package = TestPackages.Build(Key, image, version, minFirmware, Target);
        Server.Put(url ?? Url, serve is null ? package : serve((byte[])package.Clone()));
        return (OfferFor(package, image, version, url ?? Url, allowDowngrade), package, image);
    }

    public static UpdateOffer OfferFor(byte[] package, byte[] image, string version, string url = Url, bool allowDowngrade = false) =>
        new(url, package.Length, SHA256.HashData(image), SemanticVersion.Parse(version)!, allowDowngrade);

    /// <summary>The version of the package stored in a slot, the factory version for the factory image, null if unreadable.</summary>
    public string? VersionIn(ImageSlot slot)
    {
        if (slot == ImageSlot.Factory)
        {
            return FactoryVersion;
        }

        return StoredManifest.Read(Slots, slot)?.Version.Text;
    }

    /// <summary>The image bytes stored in a slot (after header and manifest), or null.</summary>
    public byte[]? ImageIn(ImageSlot slot, int packageLength)
    {
        byte[] package = new byte[packageLength];
        if (Slots.ReadSlot(slot, 0, package, 0, packageLength) != packageLength)
        {
            return null;
        }

        int manifestLength = TestPackages.ManifestLength(package);
        return package[(UpdatePackage.HeaderLength + manifestLength)..];
    }

    /// <summary>Names of the staging segments on the flash.</summary>
    public string[] Segments() => [.. Store.Files.Keys.Where(n => n.StartsWith("ota-a.", StringComparison.Ordinal) || n.StartsWith("ota-b.", StringComparison.Ordinal))];
}
