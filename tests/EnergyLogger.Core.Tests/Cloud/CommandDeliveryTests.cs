using System.Text;
using EnergyLogger.Core.Cloud;
using CoreJson = EnergyLogger.Core.Json.JsonDocument;
using JsonDocument = System.Text.Json.JsonDocument;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>
/// How results reach the cloud besides the queue's one-per-tick: instant commands answered as they arrive, results a handler
/// defers and reports later (also while the link is down), and a reconnect once a result is acknowledged.
/// </summary>
public sealed class CommandDeliveryTests
{
    private const string Cex = "kp1/" + KaaRig.App + "/cex/" + KaaRig.Token + "/";

    /// <summary>Answers at once with its own name in the payload.</summary>
    private sealed class Instant : IInstantCommand
    {
        public string Type => "instant";

        public void Execute(CoreJson doc, int payload, CommandReply reply) => reply.Begin(200, "now");
    }

    /// <summary>Starts work whose result comes later; remembers the id.</summary>
    private sealed class Later : ICommandHandler
    {
        public long Id { get; private set; } = -1;

        public string Type => "later";

        public void Execute(CoreJson doc, int payload, CommandReply reply)
        {
            Id = reply.Id;
            reply.Defer();
        }
    }

    private sealed class Slow(string type, bool reconnect = false) : ICommandHandler
    {
        public string Type => type;

        public void Execute(CoreJson doc, int payload, CommandReply reply)
        {
            reply.Begin(200, "OK");
            reply.ReconnectAfterDelivery = reconnect;
        }
    }

    private static (KaaRig Rig, Later Later) Rig()
    {
        var later = new Later();
        var rig = new KaaRig(handlers: [new Instant(), later, new Slow("slow"), new Slow("again", reconnect: true)]);
        rig.Run(1000);
        return (rig, later);
    }

    private static List<long> Ids(KaaRig rig, string type) =>
        [.. rig.Session.On("/result/" + type + "/").Select(s => JsonDocument.Parse(s.Payload).RootElement[0].GetProperty("id").GetInt64())];

    private static void Command(KaaRig rig, string type, int id) => rig.Session.Push(Cex + "command/" + type + "/status", "[{\"id\":" + id + ",\"payload\":{}}]");

    [Fact]
    public void Instant_BehindQueuedCommands_AnsweredInTheTickItArrives()
    {
        (KaaRig rig, _) = Rig();
        for (int id = 1; id <= 6; id++)
        {
            Command(rig, "slow", id);
        }

        Command(rig, "instant", 9);
        rig.Run(1000);

        Assert.Equal([9L], Ids(rig, "instant"));
        Assert.Single(Ids(rig, "slow"));
    }

    [Fact]
    public void Deferred_NoResultUntilReported_ThenOnce()
    {
        (KaaRig rig, Later later) = Rig();
        Command(rig, "later", 4);
        rig.Run(3000);
        Assert.Equal(4, later.Id);
        Assert.Empty(Ids(rig, "later"));

        var reply = new CommandReply(256);
        reply.Start(later.Id);
        reply.Begin(200, "done");
        Assert.True(reply.End());
        rig.Protocol.AddResult("later", reply.ToArray());
        rig.Run(3000);

        Assert.Equal([4L], Ids(rig, "later"));
    }

    [Fact]
    public void AddResult_WhileTheLinkIsDown_PublishedAfterTheReconnect()
    {
        (KaaRig rig, _) = Rig();
        rig.Session.Reachable = false;
        rig.Session.Drop();
        rig.Run(2000);
        rig.Protocol.AddResult("schedule", Encoding.UTF8.GetBytes("""[{"id":60,"statusCode":200,"reasonPhrase":"OK","payload":{}}]"""));
        rig.Run(5000);
        Assert.Empty(Ids(rig, "schedule"));

        rig.Session.Reachable = true;
        rig.Run(20_000);

        Assert.Equal([60L], Ids(rig, "schedule"));
    }

    [Fact]
    public void ReconnectAfterDelivery_OnlyOnceTheResultIsAcknowledged()
    {
        (KaaRig rig, _) = Rig();
        int attempts = rig.Session.ConnectAttempts.Count;
        rig.Session.Holding = true;
        Command(rig, "again", 2);
        rig.Session.Release();
        rig.Session.Holding = true;
        rig.Run(2000);
        Assert.Equal(attempts, rig.Session.ConnectAttempts.Count);

        rig.Session.Holding = false;
        rig.Session.Release();
        rig.Run(2000);

        Assert.Equal(attempts + 1, rig.Session.ConnectAttempts.Count);
        Assert.Equal(0, rig.Counters.ConnectionsLost);
        Assert.True(rig.Session.IsConnected);
    }
}
