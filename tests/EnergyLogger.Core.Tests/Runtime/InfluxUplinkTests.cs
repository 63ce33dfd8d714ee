using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Cloud;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The InfluxDB writer's outbox rules, against a post that fails on demand (fault injection).</summary>
public class InfluxUplinkTests
{
    private readonly VirtualClock _clock = new(1000);
    private readonly ScriptedPost _post = new();
    private readonly InfluxUplink _uplink;
    private readonly Heartbeat _heartbeat = new(0);
    private readonly Sample _sample = LocalSamples.Deye();

    public InfluxUplinkTests()
    {
        _uplink = new InfluxUplink(new MemoryFileStore(), new OutboxOptions { FilePrefix = InfluxUplink.Prefix }, _post, InfluxEndpoint.Of("http://127.0.0.1:8086", "energy", "", "", "", "", ""), _clock, new Log(new RecordingLog(), _clock), "020000E2E214");
        _sample.ClockSynced = true;
    }

    private void Append(long seq)
    {
        _sample.Sequence = seq;
        _sample.UnixMs = 1767225600000 + (seq * 1000);
        _sample.MonotonicMs = seq * 1000;
        Assert.Equal(AppendStatus.Stored, _uplink.Outbox.Append(_sample));
    }

    private void Run(int ms)
    {
        for (int t = 0; t < ms; t += 100)
        {
            _uplink.Tick(_clock.MonotonicMs, _heartbeat);
            _clock.Advance(100);
        }
    }

    private IEnumerable<long> Written() => _post.Bodies.SelectMany(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        .Select(l => long.Parse(l.Split("seq=")[1].Split('i')[0]));

    [Fact]
    public void Tick_ServerAnswers204_EverySampleWrittenOnceAndAcknowledged()
    {
        _post.Statuses.Enqueue(204);
        for (long seq = 1; seq <= 5; seq++)
        {
            Append(seq);
        }

        Run(2000);

        Assert.Equal([1, 2, 3, 4, 5], Written().Distinct().Order());
        Assert.Equal(5, _uplink.Written);
        Assert.Equal(0, _uplink.Outbox.Pending);
    }

    [Fact]
    public void Tick_ServerDownThenBack_NothingLostSentAgainAfterAWait()
    {
        _post.Statuses.Enqueue(-1);
        _post.Statuses.Enqueue(503);
        Append(1);
        Append(2);
        Run(300);
        Assert.Equal(1, _uplink.Failures);
        Assert.Equal(2, _uplink.Outbox.Pending);

        for (long seq = 3; seq <= 6; seq++)
        {
            Append(seq);
        }

        Run(10000);

        Assert.Equal(2, _uplink.Failures);
        Assert.Equal([1, 2, 3, 4, 5, 6], Written().Distinct().Order());
        Assert.Equal(0, _uplink.Outbox.Pending);
        Assert.DoesNotContain(_post.Bodies, b => b.Contains("NaN", StringComparison.Ordinal));
    }

    [Fact]
    public void Tick_BatchRefusedAsMalformed_DroppedAndCountedTheQueueMovesOn()
    {
        _post.Statuses.Enqueue(400);
        Append(1);
        Run(300);
        Append(2);
        Run(300);

        Assert.Equal(1, _uplink.Refused);
        Assert.Equal(1, _uplink.Written);
        Assert.Equal(0, _uplink.Outbox.Pending);
    }

    [Fact]
    public void Tick_SampleBeforeTheClockWasSet_SkippedNotPosted()
    {
        _sample.ClockSynced = false;
        _sample.Sequence = 1;
        _uplink.Outbox.Append(_sample);

        Run(500);

        Assert.Empty(_post.Bodies);
        Assert.Equal(0, _uplink.Outbox.Pending);
    }

    [Fact]
    public void Tick_NoEndpoint_SamplesHeldThenTheNewEndpointGetsThemAll()
    {
        _uplink.Endpoint = null;
        Append(1);
        Append(2);
        Run(1000);
        Assert.Empty(_post.Bodies);
        Assert.Equal(2, _uplink.Outbox.Pending);

        _uplink.Endpoint = InfluxEndpoint.Of("https://influx.example.net/", "", "", "", "home", "solar", "t0k3n");
        Run(1000);

        Assert.Equal([1, 2], Written().Order());
        Assert.All(_post.Urls, u => Assert.Equal("https://influx.example.net/api/v2/write?org=home&bucket=solar&precision=ms", u));
        Assert.Equal(0, _uplink.Outbox.Pending);
    }
}
