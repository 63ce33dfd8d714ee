using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>Proof of possession on port 4242: sessions of one listener share one <see cref="AuthGate"/>.</summary>
public class ProvisioningAuthTests
{
    private const string WrongCodeReply = "error auth: wrong code; {0} before port 4242 locks for 300 s";
    private const string LockedReply = "error auth: port 4242 is locked for up to 300 s after 5 wrong codes; closing";

    private readonly VirtualClock _clock = new(1_000);
    private readonly PowerCutFileStore _store = new();
    private readonly AuthGate _gate;

    public ProvisioningAuthTests()
    {
        _gate = LabelSamples.Gate(_clock);
    }

    [Fact]
    public void Welcome_WithACode_AsksForAuth()
    {
        Assert.Equal("ok energy-logger provisioning, protocol 1; send auth CODE first, with the code on the label", Connect().Welcome);
    }

    [Fact]
    public void Welcome_WithoutALabel_IsTheOpenGreetingUnchanged()
    {
        var client = new SessionDriver(_store, _clock);

        Assert.Equal("ok energy-logger provisioning, protocol 1; help lists the verbs", client.Welcome);
        Assert.Equal("ok auth: this logger asks for no code", client.Line("auth " + LabelSamples.Pop));
        Assert.StartsWith("ok verbs: help status get set clear ca check apply discard quit; fields:", client.Line("help"));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("status")]
    [InlineData("get wifi.key")]
    [InlineData("get ap.pop")]
    [InlineData("set wifi.ssid Neighbour")]
    [InlineData("clear mqtt.host")]
    [InlineData("ca begin")]
    [InlineData("check")]
    [InlineData("apply")]
    [InlineData("discard")]
    [InlineData("quit")]
    [InlineData("frobnicate")]
    [InlineData("AUTHX K7M2-X9P4-TR8W")]
    public void Verb_BeforeAuth_IsRefusedAndChangesNothing(string line)
    {
        SessionDriver client = Connect();

        Assert.Equal("error auth: send auth CODE first; the code is on the logger's label", client.Line(line));
        Assert.True(client.Session.IsOpen);
        Assert.Empty(client.Store.Names);
        Assert.Equal(AuthGate.MaxFailures, _gate.FailuresLeft);
    }

    [Fact]
    public void Auth_RightCode_OpensEveryVerb()
    {
        SessionDriver client = Connect();

        Assert.Equal("ok auth: accepted; help lists the verbs", client.Line("AUTH " + LabelSamples.Pop + " "));
        Assert.StartsWith("ok verbs: help status", client.Line("help"));
        Assert.Equal("ok wifi.ssid set", client.Line("set wifi.ssid Home Net"));
        Assert.Equal("ok auth: already accepted", client.Line("auth anything"));
    }

    [Fact]
    public void Auth_WrongCode_SaysHowManyTriesAreLeftAndStaysOpen()
    {
        SessionDriver client = Connect();

        Assert.Equal(string.Format(WrongCodeReply, "4 more tries"), client.Line("auth K7M2-X9P4-TR8X"));
        Assert.Equal(string.Format(WrongCodeReply, "3 more tries"), client.Line("auth"));
        Assert.True(client.Session.IsOpen);
        Assert.Equal("error auth: send auth CODE first; the code is on the logger's label", client.Line("status"));
    }

    [Fact]
    public void Auth_FiveWrongCodesAcrossThreeConnections_LocksThePortUntilFiveMinutesPass()
    {
        SessionDriver first = Connect();
        first.Line("auth wrong-code-1");
        first.Line("auth wrong-code-2");
        SessionDriver second = Connect();
        second.Line("auth wrong-code-3");
        Assert.Equal(string.Format(WrongCodeReply, "1 more try"), second.Line("auth wrong-code-4"));
        SessionDriver third = Connect();

        Assert.Equal(LockedReply, third.Line("auth wrong-code-5"));
        Assert.Equal(SessionEnd.Locked, third.Session.End);

        // The other open sessions are locked out too, the right code included.
        Assert.Equal(LockedReply, second.Line("auth " + LabelSamples.Pop));
        Assert.False(second.Session.IsOpen);

        _clock.Advance(120_000);
        SessionDriver during = Connect();
        Assert.Equal("error auth: locked after 5 wrong codes; try again in 180 s; closing", during.Welcome);
        Assert.Equal(SessionEnd.Locked, during.Session.End);

        _clock.Advance(180_000);
        SessionDriver after = Connect();
        Assert.StartsWith("ok energy-logger provisioning", after.Welcome);
        Assert.Equal("ok auth: accepted; help lists the verbs", after.Line("auth " + LabelSamples.Pop));
    }

    [Fact]
    public void Auth_TheCodeAndTheKey_NeverInAnyReply()
    {
        SessionDriver client = Connect();
        client.Line("auth " + LabelSamples.Pop + "x");
        client.Line(LabelSamples.Pop);
        client.Line("set ap.pop " + LabelSamples.Pop);
        client.Line("auth " + LabelSamples.Pop);
        client.Line("get ap.pop");
        client.Line("get ap.key");
        client.Line("set ap.key " + LabelSamples.ApKey);
        client.Line("clear ap.pop");
        client.Line("status");
        client.Line("help");

        Assert.Equal(10, client.Replies.Count);
        Assert.DoesNotContain(client.Replies.Prepend(client.Welcome), r => r.Contains(LabelSamples.Pop) || r.Contains(LabelSamples.ApKey));
    }

    [Theory]
    [InlineData("get ap.key", "ok ap.key (set)")]
    [InlineData("GET AP.POP", "ok ap.pop (set)")]
    [InlineData("set ap.key other-key-123", "error ap.key: given at production on the label record only")]
    [InlineData("set ap.pop", "error ap.pop: given at production on the label record only")]
    [InlineData("clear ap.pop", "error ap.pop: given at production on the label record only")]
    public void LabelField_AfterAuth_OnlyWhetherItIsSetAndNeverChanged(string line, string expected)
    {
        SessionDriver client = Connect();
        client.Line("auth " + LabelSamples.Pop);

        Assert.Equal(expected, client.Line(line));
        Assert.Equal(LabelSamples.Pop, _gate.Label.Pop);
        Assert.Empty(client.Store.Names);
    }

    [Fact]
    public void LabelField_WithoutALabel_IsNotSet()
    {
        Assert.Equal("ok ap.key (not set)", new SessionDriver(_store, _clock).Line("get ap.key"));
    }

    [Fact]
    public void Welcome_UnreadableLabel_RefusesTheSession()
    {
        var store = new PowerCutFileStore();
        store.Put(DeviceLabel.FileName, [0x45, 0x4C, 0x4C, 0x42, 9]);
        var gate = new AuthGate(DeviceLabel.Load(store), _clock);

        var client = new SessionDriver(_store, _clock, gate);

        Assert.Equal("error auth: the label record is unreadable, so port 4242 stays closed; closing", client.Welcome);
        Assert.Equal(SessionEnd.Locked, client.Session.End);
        Assert.Empty(client.Send("auth " + LabelSamples.Pop + "\nstatus\n"));
    }

    [Fact]
    public void P1_LineTooLong_BeforeAuth_StillClosesAtTheCap()
    {
        SessionDriver client = Connect();

        Assert.Equal(["error line: longer than 4096 bytes; closing"], client.Send(new string('a', 5000)));
        Assert.Equal(SessionEnd.LineTooLong, client.Session.End);
        Assert.Equal(AuthGate.MaxFailures, _gate.FailuresLeft);
    }

    private SessionDriver Connect() => new(_store, _clock, _gate);
}
