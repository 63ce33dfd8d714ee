using System.Security.Cryptography;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Host.Ota;
using EnergyLogger.Host.Storage;
using Xunit;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary>
/// The whole update on the host: a package signed by the host signer, served by a real HTTPS server with
/// a test CA, fetched by the HttpClient downloader into file slots on a real directory, verified,
/// marked, booted, health-checked and confirmed, and the same with the transport dropped mid-download
/// (RELIABILITY O3), an untrusted server and a tampered package (O1).
/// </summary>
public sealed class OtaEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string Target = "esp32s3";

    private readonly string _dir = Directory.CreateTempSubdirectory("energylogger-ota-e2e-").FullName;
    private readonly VirtualClock _clock = new(1_000);
    private readonly ECDsa _key = SigningKeys.Generate();
    private HttpsUpdateServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpsUpdateServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private (UpdateOffer Offer, byte[] Package, byte[] Image) Publish(string version, int length, Func<byte[], byte[]>? tamper = null)
    {
        byte[] image = new byte[length];
        new Random(length).NextBytes(image);
        byte[] manifest = PackageSigner.Manifest(SemanticVersion.Parse(version)!, SemanticVersion.Parse("1.0.0")!, Target, image);
        byte[] package = PackageSigner.Sign(_key, manifest, image);
        string url = _server.Put($"energylogger-{version}.elup", tamper is null ? package : tamper((byte[])package.Clone()));
        return (new UpdateOffer(url, package.Length, SHA256.HashData(image), SemanticVersion.Parse(version)!, false), package, image);
    }

    /// <summary>Power-on of the virtual device: the loader over the state directory, then the agent of the booted image.</summary>
    private (FileImageSlots Slots, UpdateAgent Agent, HttpDownloader Http) Boot(string runningVersion, System.Security.Cryptography.X509Certificates.X509Certificate2? trust = null)
    {
        var slots = new FileImageSlots(new DirectoryFileStore(_dir), 3);
        slots.Boot();
        var http = new HttpDownloader(trust ?? _server.Ca, TimeSpan.FromSeconds(10));
        var agent = new UpdateAgent(slots, http, _clock, new UpdateOptions
        {
            PublicKey = SigningKeys.PublicPoint(_key),
            Target = Target,
            RunningVersion = SemanticVersion.Parse(runningVersion),
            RetryDelayMs = 1000,
            HealthProbeUrl = _server.BaseUrl + "/",
        });
        agent.Start();
        return (slots, agent, http);
    }

    private List<UpdateReport> Run(UpdateAgent agent, bool healthy = true)
    {
        var reports = new List<UpdateReport>();
        for (int i = 0; i < 5_000 && !agent.RebootRequested; i++)
        {
            agent.ReportHealth(healthy, healthy);
            agent.Step();
            while (agent.NextReport is { } report)
            {
                reports.Add(report);
                agent.ReportDelivered();
            }

            if (agent.Phase == UpdatePhase.Idle)
            {
                break;
            }

            _clock.Advance(100);
        }

        return reports;
    }

    private byte[] Stored(FileImageSlots slots, ImageSlot slot, int length)
    {
        byte[] package = new byte[length];
        Assert.Equal(length, slots.ReadSlot(slot, 0, package, 0, length));
        return package;
    }

    [Fact]
    public void Update_OverRealHttps_DownloadsVerifiesBootsAndConfirms()
    {
        var (offer, package, _) = Publish("1.1.0", 400_000);
        var (slots, agent, http) = Boot("1.0.0");

        Assert.Equal(UpdateStatus.Ok, agent.Offer(offer));
        Assert.Empty(Run(agent));
        http.Dispose();

        Assert.True(agent.RebootRequested, http.LastError);
        Assert.True(slots.Pending);
        var (trial, trialAgent, trialHttp) = Boot("1.1.0");
        Assert.Equal((ImageSlot.A, true), (trial.Booted, trial.OnTrial));
        Assert.Equal(package, Stored(trial, ImageSlot.A, package.Length));
        List<UpdateReport> reports = Run(trialAgent);
        trialHttp.Dispose();

        UpdateReport report = Assert.Single(reports);
        Assert.Equal((UpdateOutcome.Applied, "1.1.0"), (report.Outcome, report.OfferedVersion));
        Assert.Equal(BootMode.Confirmed, trial.Mode);
        Assert.Contains(("/", ""), _server.Requests);
        Assert.Equal(7, Directory.GetFiles(_dir, "ota-a.*").Length);
    }

    [Fact]
    public void O3_ConnectionDroppedMidDownload_ResumesWithARangeRequest()
    {
        var (offer, package, _) = Publish("1.1.0", 400_000);
        _server.DropNextAfter(150_000);
        var (slots, agent, http) = Boot("1.0.0");

        agent.Offer(offer);
        Run(agent);
        http.Dispose();

        Assert.True(agent.RebootRequested, http.LastError);
        string[] ranges = _server.Requests.Where(r => r.Path.StartsWith("/packages/", StringComparison.Ordinal)).Select(r => r.Range).ToArray();
        Assert.Equal(2, ranges.Length);
        Assert.Equal("", ranges[0]);
        int resumedAt = int.Parse(ranges[1]["bytes=".Length..^1]);
        Assert.InRange(resumedAt, 1, 150_000);
        Assert.Equal(0, resumedAt % 4096);
        Assert.Equal(package, Stored(slots, ImageSlot.A, package.Length));
    }

    [Fact]
    public void O3_PowerLossMidDownload_NextBootResumesFromTheStoredSegments()
    {
        var (offer, package, _) = Publish("1.1.0", 400_000);
        var (_, agent, http) = Boot("1.0.0");
        agent.Offer(offer);
        while (agent.StoredLength < 150_000)
        {
            agent.Step();
        }

        int stored = agent.StoredLength;
        http.Dispose();
        var (slots, again, againHttp) = Boot("1.0.0");
        again.Offer(offer);
        Run(again);
        againHttp.Dispose();

        // Every segment before the last one written is kept; the last one is fetched again.
        int kept = stored % 65536 == 0 ? stored - 65536 : stored / 65536 * 65536;
        Assert.True(again.RebootRequested, againHttp.LastError);
        Assert.Equal($"bytes={kept}-", _server.Requests[^1].Range);
        Assert.Equal(package, Stored(slots, ImageSlot.A, package.Length));
    }

    [Fact]
    public void ServerNotVouchedForByTheConfiguredCa_NeverDownloadsAndAbandons()
    {
        var (offer, _, _) = Publish("1.1.0", 50_000);
        using var otherCa = TestCertificates.Ca("Some Other CA", out ECDsa otherKey);
        otherKey.Dispose();
        var (slots, agent, http) = Boot("1.0.0", otherCa);

        agent.Offer(offer);
        List<UpdateReport> reports = Run(agent);
        http.Dispose();

        Assert.Equal(UpdateStatus.TransportError, Assert.Single(reports).Status);
        Assert.Contains("certificate", http.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.Requests);
        Assert.Empty(Directory.GetFiles(_dir, "ota-a.*"));
        Assert.False(slots.Pending);
    }

    [Fact]
    public void O1_TamperedPackageOnTheServer_RejectedAndNothingStaged()
    {
        var (offer, _, _) = Publish("1.1.0", 50_000, p => { p[UpdatePackage.HeaderLength + 3] ^= 1; return p; });
        var (slots, agent, http) = Boot("1.0.0");

        agent.Offer(offer);
        List<UpdateReport> reports = Run(agent);
        http.Dispose();

        Assert.Equal((UpdateOutcome.Failed, UpdateStatus.BadSignature), (reports.Single().Outcome, reports.Single().Status));
        Assert.Empty(Directory.GetFiles(_dir, "ota-a.*"));
        Assert.False(slots.Pending);
    }

    [Fact]
    public void HttpDownloader_RangeFromTheMiddle_GivesTheTotalAndTheRestOfTheBody()
    {
        byte[] content = RandomNumberGenerator.GetBytes(100_000);
        string url = _server.Put("blob", content);
        using var http = new HttpDownloader(_server.Ca, TimeSpan.FromSeconds(10));

        Assert.Equal(DownloadStatus.Ok, http.Open(url, 60_000, out int total));
        var body = new MemoryStream();
        byte[] buffer = new byte[3000];
        DownloadStatus status;
        while ((status = http.Read(buffer, 0, buffer.Length, out int got)) == DownloadStatus.Ok)
        {
            body.Write(buffer, 0, got);
        }

        Assert.Equal((DownloadStatus.End, 100_000), (status, total));
        Assert.Equal(content[60_000..], body.ToArray());
        Assert.Equal(DownloadStatus.Failed, http.Open(_server.BaseUrl + "/packages/missing", 0, out _));
        Assert.Contains("404", http.LastError);
    }
}
