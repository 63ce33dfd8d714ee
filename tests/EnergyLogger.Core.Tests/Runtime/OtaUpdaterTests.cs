using System.Security.Cryptography;
using System.Text;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>
/// The OTA updater inside the main loop, on flash that outlives each boot: a CMX_OTA push is downloaded, verified and
/// staged, the loop reboots with reason <c>update</c>, the loader starts the new image on trial, the loop's health
/// signals confirm it and the outcome goes out on CMX_OTA <c>applied</c> until Kaa answers (RELIABILITY O2, O5).
/// </summary>
public sealed class OtaUpdaterTests
{
    private const string Factory = "1.0.0";
    private const string Url = "https://updates.example.net/energylogger.elup";
    private static readonly ECDsa Key = TestPackages.Key(606);

    private readonly MemoryFileStore _flash = new();
    private readonly FakeUpdateServer _server = new();

    public OtaUpdaterTests()
    {
        Assert.True(new EnergyLogger.Core.Provisioning.SettingsRepository(_flash).Save(LoopRig.Settings()));
    }

    private static UpdateOptions Options(string running) => new()
    {
        PublicKey = TestPackages.PublicPoint(Key),
        Target = "esp32s3",
        RunningVersion = SemanticVersion.Parse(running),
        RetryDelayMs = 1000,
        HealthCheckMs = 60_000,
    };

    /// <summary>Power-on: the loader's decision on the flash, then the firmware of the image it started.</summary>
    private LoopRig PowerOn(bool reachable = true)
    {
        var slots = new FileImageSlots(_flash, 3);
        ImageSlot booted = slots.Boot();
        string running = booted == ImageSlot.Factory ? Factory : StoredManifest.Read(slots, booted)!.Version.Text;
        var rig = new LoopRig(store: _flash, firmware: new FirmwareIdentity(running, "test"),
            ota: (clock, _, log) => new OtaUpdater(slots, _server, 10_000, clock, Options(running), log));
        rig.Session.Reachable = reachable;
        return rig;
    }

    /// <summary>A signed package served at <see cref="Url"/> and its CMX_OTA config push.</summary>
    private string Publish(string version, int imageLength = 40_000)
    {
        byte[] image = TestPackages.Image(imageLength, version.Length);
        byte[] package = TestPackages.Build(Key, image, version, Factory, "esp32s3");
        _server.Put(Url, package);
        return $"{{\"configId\":\"{version}\",\"config\":{{\"link\":\"{Url}\",\"size\":{package.Length},\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(image))}\"}}}}";
    }

    private static void Offer(LoopRig rig, string message) => rig.Session.Push(rig.Topic("cmx_ota", "config/json/status"), message);

    /// <summary>The numbered CMX_OTA applied reports the loop published (the unnumbered one on connect names the running version).</summary>
    private static string[] Reports(LoopRig rig) => [.. rig.Session.On("/cmx_ota/" + LoopRig.Token + "/applied/json/").Select(s => s.Text)];

    /// <summary>The firmware version the last EPMX metadata named.</summary>
    private static string? FirmwareVersion(LoopRig rig) =>
        System.Text.Json.JsonDocument.Parse(rig.Session.On("/epmx/" + LoopRig.Token + "/").Last().Payload).RootElement.GetProperty("fwVersion").GetString();

    private void Install(string version)
    {
        LoopRig running = PowerOn();
        running.Run(100);
        Offer(running, Publish(version));
        running.Run(120_000);
        Assert.Equal(1, running.Reboots.Count);
    }

    [Fact]
    public void Update_OfferedOnCmxOta_StagedRebootedConfirmedAndAppliedReportedOnce()
    {
        LoopRig first = PowerOn();
        first.Run(100);
        Offer(first, Publish("1.4.0", 200_000));
        first.Run(1_000);
        Assert.True(first.Loop.Indicators.OtaInProgress);
        first.Run(120_000);

        Assert.Equal(1, first.Reboots.Count);
        Assert.True(new FileImageSlots(_flash, 3).Pending);
        Assert.Contains(first.Sink.From("ota"), l => l.Contains("msg=\"staged; rebooting into it\""));

        LoopRig second = PowerOn();
        Assert.Equal(ResetReason.Update, second.Boot.Journal.PreviousReason);
        second.Run(30_000);

        var slots = new FileImageSlots(_flash, 3);
        Assert.Equal((BootMode.Confirmed, SlotOutcome.None, "1.4.0"), (slots.Mode, slots.Outcome, slots.OutcomeVersion));
        Assert.Equal(["{\"configId\":\"1.4.0\"}"], Reports(second));
        Assert.Contains(second.Session.On("/epmx/"), s => s.Text.Contains("\"fwVersion\":\"1.4.0\""));
        Assert.Contains(second.Sink.From("ota"), l => l.Contains("msg=\"health check passed; image confirmed\" version=1.4.0"));
        Assert.Equal(0, second.Reboots.Count);

        LoopRig third = PowerOn();
        third.Run(10_000);
        Assert.Empty(Reports(third));
    }

    [Fact]
    public void Report_KaaSilentOnTheReport_KeptResentAndDeliveredAfterTheNextBoot()
    {
        Install("1.4.0");
        LoopRig trial = PowerOn();
        trial.Session.Responder = s => s.Topic.Contains("/cmx_ota/", StringComparison.Ordinal) && s.Topic.Contains("/applied/json/", StringComparison.Ordinal)
            ? []
            : trial.Kaa.Answer(s);
        trial.Run(70_000);

        // Resent after each reply timeout (30 s), never forgotten without an answer.
        Assert.True(Reports(trial).Length >= 2, string.Join("\n", Reports(trial)));
        Assert.Equal(SlotOutcome.Applied, new FileImageSlots(_flash, 3).Outcome);

        LoopRig next = PowerOn();
        next.Run(10_000);
        Assert.Equal(["{\"configId\":\"1.4.0\"}"], Reports(next));
        Assert.Equal(SlotOutcome.None, new FileImageSlots(_flash, 3).Outcome);
    }

    [Fact]
    public void O5_TrialWithoutBroker_RolledBackAndTheOldImageReportsTheHealthCheck()
    {
        Install("1.4.0");
        LoopRig trial = PowerOn(reachable: false);
        trial.Run(120_000);

        Assert.Equal(1, trial.Reboots.Count);
        Assert.Contains(trial.Sink.From("ota"), l => l.Contains("msg=\"health check failed; rolled back, rebooting\""));

        LoopRig old = PowerOn();
        old.Run(10_000);
        Assert.Equal(Factory, FirmwareVersion(old));
        Assert.Equal(["{\"configId\":\"1.0.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image failed its health check and was rolled back\"}"],
            Reports(old));
        Assert.Equal(("1.4.0", SlotOutcome.None), (new FileImageSlots(_flash, 3).RolledBackVersion, new FileImageSlots(_flash, 3).Outcome));
    }

    [Fact]
    public void O5_NewImageNeverConfirmsInItsTrialBoots_LoaderRollsBackAndTheOldImageReportsIt()
    {
        Install("1.4.0");
        for (int boot = 1; boot <= 3; boot++)
        {
            // Each trial boot dies before its health check ends (a crash, a watchdog reset).
            PowerOn(reachable: false).Run(5_000);
        }

        LoopRig old = PowerOn();
        old.Run(10_000);
        Assert.Equal(Factory, FirmwareVersion(old));
        Assert.Equal(["{\"configId\":\"1.0.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image did not confirm itself and was rolled back\"}"],
            Reports(old));

        // The version that failed is not taken again.
        _server.Opens.Clear();
        Offer(old, Publish("1.4.0"));
        old.Run(5_000);
        Assert.Contains("\"reasonPhrase\":\"1.4.0: this version was rolled back on this device before\"", Reports(old)[^1]);
        Assert.Empty(_server.Opens);
    }

    [Fact]
    public void O2_DowngradeOffer_RefusedReportedWith400AndNothingDownloaded()
    {
        LoopRig rig = PowerOn();
        rig.Run(100);
        Offer(rig, Publish("0.9.0"));
        rig.Run(5_000);
        Offer(rig, Publish("0.9.0"));
        rig.Run(5_000);

        Assert.Equal(["{\"configId\":\"1.0.0\",\"statusCode\":400,\"reasonPhrase\":\"0.9.0: older than the running version and downgrade not allowed\"}"],
            Reports(rig));
        Assert.Empty(_server.Opens);
        Assert.Equal(0, rig.Reboots.Count);
    }

    [Fact]
    public void Offer_Malformed_ReportedOnceAsBadOffer()
    {
        LoopRig rig = PowerOn();
        rig.Run(100);
        string plainHttp = "{\"configId\":\"1.5.0\",\"config\":{\"link\":\"http://updates.example.net/p.elup\",\"size\":1000,\"sha256\":\"" + new string('a', 64) + "\"}}";
        Offer(rig, plainHttp);
        rig.Run(5_000);
        Offer(rig, plainHttp);
        rig.Run(5_000);

        Assert.Equal(["{\"configId\":\"1.0.0\",\"statusCode\":400,\"reasonPhrase\":\"1.5.0: malformed update offer\"}"], Reports(rig));
        Assert.Contains(rig.Sink.From("ota"), l => l.Contains("lvl=warn") && l.Contains("reason=\"malformed update offer\""));
    }

    [Fact]
    public void LongestStepMs_TwoDownloaderWaitsAndOneSignatureCheck()
    {
        LoopRig rig = PowerOn();
        Assert.Equal((2 * 10_000) + 60_000, rig.Ota!.LongestStepMs);
    }

    [Fact]
    public void W1_OtaStepLongerThanTheStallLimit_SupervisorAllowsTheAnnouncedStep()
    {
        var watchdog = new FakeWatchdog();
        var updater = new FakeUpdater { StepMs = 150_000, LongestStepMs = 180_000 };
        var rig = new LoopRig(updater: updater);
        var supervisor = new Supervisor(rig.Loop.Heartbeat, rig.Clock, watchdog, rig.Boot.Journal, rig.Reboots, rig.Ports.Log, rig.Options);
        var verdicts = new List<SupervisorVerdict>();
        updater.DuringStep = () => verdicts.Add(supervisor.Check());

        rig.Run(1);

        // 150 s inside one step is past the 120 s stall limit, but within what the updater announced.
        Assert.Equal([SupervisorVerdict.Alive], verdicts);
        Assert.Equal((1, 0), (watchdog.Feeds, rig.Reboots.Count));

        // The allowance ends with the step: the next phase has the ordinary limit again.
        rig.Clock.Advance(rig.Options.StallMs);
        Assert.Equal(SupervisorVerdict.Stalled, supervisor.Check());
        Assert.DoesNotContain(rig.Sink.From("supervisor"), l => l.Contains("phase=ota"));
    }

    [Fact]
    public void W1_OtaStepBeyondItsAllowance_SupervisorRebootsNamingTheOtaPhase()
    {
        var updater = new FakeUpdater { StepMs = 180_000, LongestStepMs = 180_000 };
        var rig = new LoopRig(updater: updater);
        var supervisor = new Supervisor(rig.Loop.Heartbeat, rig.Clock, null, rig.Boot.Journal, rig.Reboots, rig.Ports.Log, rig.Options);
        updater.DuringStep = () => Assert.Equal(SupervisorVerdict.Stalled, supervisor.Check());

        rig.Run(1);

        Assert.Equal(1, rig.Reboots.Count);
        Assert.Equal("no heartbeat for 180000 ms in ota", rig.Reboot().Boot.Journal.PreviousDetail);
    }
}
