using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Tests.Fakes;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>The whole Kaa side of the logger wired to fakes: virtual clock, memory flash, scripted session, Kaa-like responder.</summary>
public sealed class KaaRig
{
    public const string App = "bspu542ikfmmfgrk47s0-v1";
    public const string Token = "JTjdbENzHh";

    /// <param name="handlers">The command table; by default the four of the datasheet on <see cref="Host"/>.</param>
    public KaaRig(OutboxOptions? options = null, string[]? tokens = null, uint seed = 7, ICommandHandler[]? handlers = null)
    {
        Tokens = tokens ?? [Token];
        Clock = new VirtualClock(1_000);
        Store = new MemoryFileStore();
        Session = new FakeMqttSession(Clock) { Responder = Responder.Answer };
        Options = options ?? new OutboxOptions();
        Outboxes = new Outbox[Tokens.Length];
        for (int i = 0; i < Tokens.Length; i++)
        {
            var o = new OutboxOptions { SegmentBytes = Options.SegmentBytes, MaxSegments = Options.MaxSegments, MaxBatchBytes = Options.MaxBatchBytes, FilePrefix = "ob" + i };
            Outboxes[i] = new Outbox(Store, o);
            Outboxes[i].Open();
        }

        Settings.Connection.ClientId = CloudSettings.ClientIdFor([0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]);
        Uplink = new TelemetryUplink(Outboxes, Settings, Options.MaxBatchBytes, 1);
        Commands = new CommandCenter(
            handlers ?? [new RebootCommand(), new VersionCommand(Host), new RegsReadCommand(Host), new RegsWriteCommand(Host)],
            queueCapacity: 8, replyCapacity: 2048, Counters);
        Protocol = new CloudSession(Session, new KaaDialect(new KaaTopics(App), Tokens), Uplink, Commands, new ConfigApplier(new ConfigStore(Store), Host, Counters),
            Host, Host, Host, Settings, Counters);
        Link = new CloudLink(Session, Clock, Settings, Protocol, Counters, seed);
    }

    public string[] Tokens { get; }

    public VirtualClock Clock { get; }

    public MemoryFileStore Store { get; }

    public FakeMqttSession Session { get; }

    public KaaResponder Responder { get; } = new();

    public FakeCloudHost Host { get; } = new();

    public OutboxOptions Options { get; }

    public Outbox[] Outboxes { get; }

    public Outbox Outbox => Outboxes[0];

    public CloudSettings Settings { get; } = new();

    public CloudCounters Counters { get; } = new();

    public TelemetryUplink Uplink { get; }

    public CommandCenter Commands { get; }

    public CloudSession Protocol { get; }

    public CloudLink Link { get; }

    public int Produced { get; private set; }

    /// <summary>Stores the next sample, numbered from 0, with its time, as the poll loop would.</summary>
    public void Produce(int endpoint = 0, int padding = 0)
    {
        byte[] sample = Encoding.ASCII.GetBytes($"{{\"n\":{Produced},\"mono\":{Clock.MonotonicMs}{(padding > 0 ? ",\"pad\":\"" + new string('x', padding) + "\"" : "")}}}");
        Outboxes[endpoint].Append(sample, 0, sample.Length);
        Produced++;
    }

    /// <summary>Advances time in steps, ticking the link after each.</summary>
    public void Run(long ms, int stepMs = 1000)
    {
        for (long t = 0; t < ms; t += stepMs)
        {
            Clock.Advance(stepMs);
            Link.Tick();
        }
    }

    /// <summary>The numbers of every sample in DCX batches the broker answered with /status.</summary>
    public IEnumerable<Sent> Batches => Session.On("/dcx/");

    public static int[] Numbers(Sent batch)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(batch.Payload);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("n").GetInt32()).ToArray();
    }
}
