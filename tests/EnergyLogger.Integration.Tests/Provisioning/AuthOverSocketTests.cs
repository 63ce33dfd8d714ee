using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>Proof of possession on a real port-4242 listener: raw sockets, the lockout on a fake clock, the provision client.</summary>
public sealed class AuthOverSocketTests : IDisposable
{
    private const string Refused = "error auth: send auth CODE first; the code is on the logger's label";

    private readonly VirtualClock _clock = new(10_000);
    private readonly ListenerHarness _device;

    public AuthOverSocketTests()
    {
        _device = new ListenerHarness(label: LabelSamples.Loaded(), clock: _clock);
    }

    public void Dispose() => _device.Dispose();

    [Fact]
    public void RawSocket_WithACode_NothingBeforeAuthThenEverything()
    {
        using var client = new RawClient(_device.Port);

        Assert.Equal(ProvisioningSession.CodeGreeting, client.ReadLine());
        Assert.Equal(Refused, client.Command("help"));
        Assert.Equal(Refused, client.Command("set wifi.ssid Neighbour"));
        Assert.Equal("error auth: wrong code; 4 more tries before port 4242 locks for 300 s", client.Command("auth Q7WX-4M2K-P9TX"));
        Assert.Equal("ok auth: accepted; help lists the verbs", client.Command("auth " + LabelSamples.Pop, "\r\n"));
        Assert.Equal("ok wifi.ssid set", client.Command("set wifi.ssid Home Net"));
        Assert.Equal("ok ap.pop (set)", client.Command("get ap.pop"));
        Assert.DoesNotContain(client.Received, l => l.Contains(LabelSamples.Pop, StringComparison.Ordinal));
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Lockout_FiveWrongCodesAcrossThreeConnections_UnlockedAfterFiveMinutesOfTheFakeClock()
    {
        using (var first = new RawClient(_device.Port))
        using (var second = new RawClient(_device.Port))
        {
            first.ReadLine();
            second.ReadLine();
            first.Command("auth wrong-1-code");
            second.Command("auth wrong-2-code");
            first.Command("auth wrong-3-code");
            Assert.Equal("error auth: wrong code; 1 more try before port 4242 locks for 300 s", second.Command("auth wrong-4-code"));
        }

        using (RawClient third = ConnectOnceTheOthersEnded())
        {
            Assert.Equal(ProvisioningSession.CodeGreeting, third.ReadLine());
            Assert.Equal("error auth: port 4242 is locked for up to 300 s after 5 wrong codes; closing", third.Command("auth wrong-5-code"));
            Assert.True(third.ServerClosed());
        }

        _clock.Advance(AuthGate.LockoutMs - 1_000);
        using (RawClient during = ConnectOnceTheOthersEnded())
        {
            Assert.Equal("error auth: locked after 5 wrong codes; try again in 1 s; closing", during.ReadLine());
            Assert.True(during.ServerClosed());
        }

        _clock.Advance(1_000);
        using (RawClient after = ConnectOnceTheOthersEnded())
        {
            Assert.Equal(ProvisioningSession.CodeGreeting, after.ReadLine());
            Assert.Equal("ok auth: accepted; help lists the verbs", after.Command("auth " + LabelSamples.Pop));
        }

        WaitFor(() => _device.Listener.Counters.ClosedLocked == 2);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_WithPop_SendsAuthFirstAndApplies()
    {
        var outcome = EnergyLoggerProcess.Run(
            "provision", Address, "--pop", LabelSamples.Pop, "--ssid", "Home Net", "--mqtt-host", "broker.example", "--token", "tok-1", "--app-version", "app-1");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(
            [
                ProvisioningSession.CodeGreeting, "ok auth: accepted; help lists the verbs", "ok wifi.ssid set", "ok mqtt.host set", "ok kaa.token set",
                "ok kaa.app set", "ok ready to apply", "ok applied as record 1; rebooting into station mode",
            ],
            outcome.Lines);
        Assert.Equal("Home Net", _device.Stored(out _).WifiSsid);
    }

    [Fact]
    public void Provision_WrongPop_StopsAtAuthAndSetsNothing()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--pop", "Q7WX-4M2K-0000", "--ssid", "Neighbour", "--mqtt-host", "evil.example");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([ProvisioningSession.CodeGreeting, "error auth: wrong code; 4 more tries before port 4242 locks for 300 s"], outcome.Lines);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_WithoutPop_EveryLineRefusedNothingStored()
    {
        var outcome = EnergyLoggerProcess.Run("provision", Address, "--ssid", "Neighbour", "--mqtt-host", "evil.example");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal([ProvisioningSession.CodeGreeting, Refused, Refused, Refused], outcome.Lines);
        Assert.Empty(_device.Files());
    }

    [Fact]
    public void Provision_PortLocked_SaysSoOnStandardErrorAndExitsOne()
    {
        for (int i = 0; i < AuthGate.MaxFailures; i++)
        {
            _device.Gate.Try("wrong-code-" + i);
        }

        var outcome = EnergyLoggerProcess.Run("provision", Address, "--pop", LabelSamples.Pop, "--ssid", "Home Net");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Lines);
        Assert.Contains("error auth: locked after 5 wrong codes; try again in 300 s; closing", outcome.Stderr);
    }

    private string Address => $"127.0.0.1:{_device.Port}";

    /// <summary>
    /// A new connection once the listener has seen every earlier client go. A session keeps its slot until its thread
    /// has noticed the close, and a connection while both slots are taken is answered "error busy" and closed, as
    /// documented, so it would never get to send its code.
    /// </summary>
    private RawClient ConnectOnceTheOthersEnded()
    {
        WaitFor(() => _device.Listener.ActiveSessions == 0);
        return new RawClient(_device.Port);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            Thread.Sleep(20);
        }
    }
}
