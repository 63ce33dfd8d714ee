using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ota;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// The OTA updater's outcomes on the wire: CMX_OTA <c>applied</c> with a request id in Kaa mode, retained
/// <c>{p}/ota/status</c> in custom-MQTT mode, each handed back as delivered only on its acknowledgement, and sent
/// again after a lost connection or an unanswered wait (at least once).
/// </summary>
public sealed class UpdateReportTests
{
    private const string P = "energylogger/energy-logger-AABBCCDDEEFF";
    private const string Applied = "{\"configId\":\"1.4.0\"}";
    private const string RolledBack = "{\"configId\":\"1.3.2\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image failed its health check and was rolled back\"}";

    /// <summary>The updater's side: reports in order, and which were delivered.</summary>
    private sealed class Reports : IUpdateReports
    {
        public Queue<UpdateReport> Waiting { get; } = new();

        public List<string> Delivered { get; } = new();

        public bool WriteReport(JsonWriter writer)
        {
            if (!Waiting.TryPeek(out UpdateReport? report))
            {
                return false;
            }

            report.WriteKaaApplied(writer);
            return true;
        }

        public void ReportDelivered() => Delivered.Add(Waiting.Dequeue().OfferedVersion);
    }

    private static Reports TwoReports()
    {
        var reports = new Reports();
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.Applied, UpdateStatus.Ok, "1.4.0", "1.4.0"));
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.RolledBack, UpdateStatus.HealthCheckFailed, "1.4.0", "1.3.2"));
        return reports;
    }

    private static KaaRig Kaa(Reports reports)
    {
        var rig = new KaaRig();
        rig.Protocol.UpdateReports = reports;
        return rig;
    }

    private static Sent[] KaaReports(KaaRig rig) => [.. rig.Session.On("/cmx_ota/" + KaaRig.Token + "/applied/json/")];

    private static bool IsReport(Sent s) => s.Topic.Contains("/cmx_ota/", StringComparison.Ordinal) && s.Topic.Contains("/applied/json/", StringComparison.Ordinal);

    [Fact]
    public void Kaa_Reports_NumberedOnCmxOtaApplied_EachDeliveredOnItsStatus()
    {
        Reports reports = TwoReports();
        KaaRig rig = Kaa(reports);
        rig.Run(5_000);

        Sent[] sent = KaaReports(rig);
        Assert.Equal([Applied, RolledBack], sent.Select(s => s.Text));
        Assert.All(sent, s => Assert.Matches("^kp1/" + KaaRig.App + "/cmx_ota/" + KaaRig.Token + "/applied/json/[0-9]+$", s.Topic));
        Assert.Equal(["1.4.0", "1.4.0"], reports.Delivered);
        Assert.Empty(reports.Waiting);
    }

    [Fact]
    public void Kaa_NoAnswer_KeptAndSentAgainAfterTheReplyTimeout_DeliveredOnce()
    {
        Reports reports = TwoReports();
        KaaRig rig = Kaa(reports);
        rig.Session.Responder = s => IsReport(s) ? [] : rig.Responder.Answer(s);
        rig.Run(rig.Settings.ReplyTimeoutMs + 2_000);

        Assert.Equal([Applied, Applied], KaaReports(rig).Select(s => s.Text));
        Assert.Empty(reports.Delivered);

        // A late answer to the first copy changes nothing; the answer to the copy in flight delivers it.
        rig.Session.Push(KaaReports(rig)[0].Topic + "/status", "");
        rig.Run(1_000);
        Assert.Empty(reports.Delivered);
        rig.Session.Push(KaaReports(rig)[1].Topic + "/status", "");
        rig.Run(1_000);
        Assert.Equal(["1.4.0"], reports.Delivered);
        Assert.Equal(RolledBack, KaaReports(rig)[^1].Text);
    }

    [Fact]
    public void Kaa_ConnectionLostBeforeTheStatus_SentAgainAfterTheReconnect()
    {
        var reports = new Reports();
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.Applied, UpdateStatus.Ok, "1.4.0", "1.4.0"));
        KaaRig rig = Kaa(reports);
        rig.Session.Holding = true;
        rig.Run(1_000);
        Assert.Single(KaaReports(rig));

        rig.Session.Drop();
        rig.Session.Holding = false;
        rig.Run(10_000);

        Assert.Equal([Applied, Applied], KaaReports(rig).Select(s => s.Text));
        Assert.Equal(["1.4.0"], reports.Delivered);
    }

    [Theory]
    [InlineData(400, 1, 1)]
    [InlineData(503, 0, 2)]
    public void Kaa_ErrorReply_RefusalForgottenServerErrorSentAgain(int code, int delivered, int published)
    {
        var reports = new Reports();
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.Applied, UpdateStatus.Ok, "1.4.0", "1.4.0"));
        KaaRig rig = Kaa(reports);
        int answers = 0;
        rig.Session.Responder = s => IsReport(s) && answers++ == 0
            ? [(s.Topic + "/error", Encoding.UTF8.GetBytes("{\"statusCode\":" + code + ",\"reasonPhrase\":\"no\"}"))]
            : IsReport(s) ? [] : rig.Responder.Answer(s);
        rig.Run(rig.Settings.ReplyTimeoutMs + 2_000);

        Assert.Equal(delivered, reports.Delivered.Count);
        Assert.Equal(published, KaaReports(rig).Length);
        Assert.StartsWith("ota report: " + code, rig.Counters.LastError);
    }

    [Fact]
    public void Kaa_NoUpdater_PublishesNoReport()
    {
        var rig = new KaaRig();
        rig.Run(5_000);
        Assert.Empty(KaaReports(rig));
    }

    private static (CloudLink Link, FakeMqttSession Session, VirtualClock Clock) Custom(Reports reports)
    {
        var clock = new VirtualClock(1_000);
        var session = new FakeMqttSession(clock);
        var store = new MemoryFileStore();
        var settings = new CloudSettings();
        var counters = new CloudCounters();
        var outbox = new Outbox(store, new OutboxOptions());
        outbox.Open();
        var uplink = new TelemetryUplink([outbox], settings, outbox.Options.MaxBatchBytes, 1);
        var host = new FakeCloudHost();
        var commands = new CommandCenter([new RebootCommand(), new VersionCommand(host)], 8, 2048, counters);
        var protocol = new CloudSession(session, new CustomMqttDialect(P, [""], null), uplink, commands, new ConfigApplier(new ConfigStore(store), host, counters),
            host, host, host, settings, counters)
        {
            UpdateReports = reports,
        };
        return (new CloudLink(session, clock, settings, protocol, counters, 3), session, clock);
    }

    private static void Run(CloudLink link, VirtualClock clock, int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            clock.Advance(1000);
            link.Tick();
        }
    }

    [Fact]
    public void Custom_Reports_RetainedOnOtaStatus_EachDeliveredOnItsPubAck()
    {
        Reports reports = TwoReports();
        var (link, session, clock) = Custom(reports);
        Run(link, clock, 4);

        Sent[] sent = [.. session.On(P + "/ota/status")];
        Assert.Equal([Applied, RolledBack], sent.Select(s => s.Text));
        Assert.All(sent, s => Assert.Equal(EnergyLogger.Core.Ports.MqttQos.AtLeastOnce, s.Qos));
        Assert.Equal(["1.4.0", "1.4.0"], reports.Delivered);
    }

    /// <summary>IMqttSession.Publish fails only with a negative result: a report published as message 0 is in flight, not failed.</summary>
    [Fact]
    public void Custom_MessageIdZero_SentOnceAndDeliveredOnItsPubAck()
    {
        var reports = new Reports();
        var (link, session, clock) = Custom(reports);
        Run(link, clock, 1);
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.Applied, UpdateStatus.Ok, "1.4.0", "1.4.0"));
        session.NextMessageId = 0;
        Run(link, clock, 3);

        Assert.Equal([Applied], session.On(P + "/ota/status").Select(s => s.Text));
        Assert.Equal(["1.4.0"], reports.Delivered);
    }

    [Fact]
    public void Custom_ConnectionLostBeforeThePubAck_SentAgainAndDeliveredOnce()
    {
        var reports = new Reports();
        reports.Waiting.Enqueue(new UpdateReport(UpdateOutcome.RolledBack, UpdateStatus.HealthCheckFailed, "1.4.0", "1.3.2"));
        var (link, session, clock) = Custom(reports);
        session.Holding = true;
        Run(link, clock, 1);
        session.Drop();
        session.Holding = false;
        Run(link, clock, 10);

        Assert.Equal([RolledBack, RolledBack], session.On(P + "/ota/status").Select(s => s.Text));
        Assert.Equal(["1.4.0"], reports.Delivered);
    }
}
