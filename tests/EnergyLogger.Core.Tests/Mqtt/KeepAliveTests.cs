using EnergyLogger.Host.Mqtt;
using Xunit;

namespace EnergyLogger.Core.Tests.Mqtt;

public class KeepAliveTests
{
    [Theory]
    // keepalive 60 s: a ping after 30 s of silence, expiry 30 s after an unanswered ping.
    [InlineData(29_999, KeepAliveAction.None)]
    [InlineData(30_000, KeepAliveAction.SendPing)]
    public void Check_Silence_PingsAtHalfInterval(long atMs, KeepAliveAction expected)
    {
        var k = new KeepAlive(60);
        k.Start(0);
        Assert.Equal(expected, k.Check(atMs));
    }

    [Fact]
    public void C3_ServerSilentFromStart_ExpiresWithinOneAndAHalfIntervals()
    {
        var k = new KeepAlive(60);
        k.Start(0);
        long now = 0;
        while (k.Check(now) != KeepAliveAction.Expired)
        {
            if (k.Check(now) == KeepAliveAction.SendPing)
            {
                k.OnPingSent(now);
            }

            now += 100;
        }

        Assert.InRange(now, 59_000, 90_000);
    }

    [Fact]
    public void Check_PingAnswered_NoExpiry()
    {
        var k = new KeepAlive(10);
        k.Start(0);
        k.OnPingSent(5_000);
        k.OnReceived(5_100);
        Assert.Equal(KeepAliveAction.None, k.Check(9_999));
        Assert.Equal(KeepAliveAction.SendPing, k.Check(10_100));
    }

    [Fact]
    public void Check_ClientSendsButServerQuiet_StillPings()
    {
        var k = new KeepAlive(10);
        k.Start(0);
        for (long t = 1_000; t <= 4_000; t += 1_000)
        {
            k.OnSent(t);
        }

        Assert.Equal(KeepAliveAction.SendPing, k.Check(5_000));
    }

    [Fact]
    public void Check_ServerTalksButClientQuiet_PingsToMeetTheSpec()
    {
        var k = new KeepAlive(10);
        k.Start(0);
        k.OnReceived(4_900);
        Assert.Equal(KeepAliveAction.SendPing, k.Check(5_000));
    }

    [Fact]
    public void Check_ZeroKeepAlive_NeverActs()
    {
        var k = new KeepAlive(0);
        k.Start(0);
        Assert.Equal(KeepAliveAction.None, k.Check(long.MaxValue / 2));
    }
}
