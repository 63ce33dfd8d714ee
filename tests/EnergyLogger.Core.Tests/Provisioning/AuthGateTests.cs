using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class AuthGateTests
{
    private readonly VirtualClock _clock = new(5_000);

    [Theory]
    [InlineData(LabelSamples.Pop, AuthResult.Accepted)]
    [InlineData("K7M2-X9P4-TR8", AuthResult.Wrong)]
    [InlineData("K7M2-X9P4-TR8WX", AuthResult.Wrong)]
    [InlineData("k7m2-x9p4-tr8w", AuthResult.Wrong)]
    [InlineData("", AuthResult.Wrong)]
    [InlineData("X7M2-X9P4-TR8W", AuthResult.Wrong)]
    public void Try_ComparesTheWholeCodeExactly(string given, AuthResult expected)
    {
        Assert.Equal(expected, LabelSamples.Gate(_clock).Try(given));
    }

    [Fact]
    public void Try_FiveWrongCodes_LocksForFiveMinutesOfTheClock()
    {
        AuthGate gate = LabelSamples.Gate(_clock);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(AuthResult.Wrong, gate.Try("wrong-code-" + i));
        }

        Assert.Equal(1, gate.FailuresLeft);
        Assert.Equal(AuthResult.LockedOut, gate.Try("wrong-code-4"));
        Assert.Equal(AuthGate.LockoutMs, gate.LockedForMs());

        _clock.Advance(AuthGate.LockoutMs - 1);
        Assert.Equal(1, gate.LockedForMs());
        Assert.Equal(AuthResult.LockedOut, gate.Try(LabelSamples.Pop));

        _clock.Advance(1);
        Assert.Equal(0, gate.LockedForMs());
        Assert.Equal(AuthGate.MaxFailures, gate.FailuresLeft);
        Assert.Equal(AuthResult.Accepted, gate.Try(LabelSamples.Pop));
    }

    [Fact]
    public void Try_WhileLocked_IsNotCountedAndDoesNotProlongTheLock()
    {
        AuthGate gate = LabelSamples.Gate(_clock);
        for (int i = 0; i < AuthGate.MaxFailures; i++)
        {
            gate.Try("wrong-code");
        }

        _clock.Advance(60_000);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(AuthResult.LockedOut, gate.Try("wrong-code"));
        }

        Assert.Equal(AuthGate.LockoutMs - 60_000, gate.LockedForMs());
    }

    [Fact]
    public void Try_RightCode_StartsTheCountAgain()
    {
        AuthGate gate = LabelSamples.Gate(_clock);
        for (int i = 0; i < 4; i++)
        {
            gate.Try("wrong-code");
        }

        Assert.Equal(AuthResult.Accepted, gate.Try(LabelSamples.Pop));
        Assert.Equal(AuthGate.MaxFailures, gate.FailuresLeft);
    }

    [Fact]
    public void Try_UnreadableLabel_NothingIsAccepted()
    {
        var store = new PowerCutFileStore();
        store.Put(DeviceLabel.FileName, [1, 2, 3]);
        var gate = new AuthGate(DeviceLabel.Load(store), _clock);

        Assert.True(gate.Required);
        Assert.Equal(AuthResult.Unavailable, gate.Try(""));
        Assert.Equal(AuthResult.Unavailable, gate.Try(LabelSamples.Pop));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData(LabelSamples.Pop, true)]
    public void Required_OnlyWithACode(string pop, bool required)
    {
        Assert.Equal(required, LabelSamples.Gate(_clock, pop).Required);
        Assert.False(new AuthGate(new DeviceLabel(), _clock).Required);
    }

    [Fact]
    public void Try_ManyThreads_CountEveryWrongCodeOnce()
    {
        AuthGate gate = LabelSamples.Gate(_clock);
        var results = new AuthResult[40];

        Parallel.For(0, results.Length, i => results[i] = gate.Try("wrong-code"));

        Assert.Equal(AuthGate.MaxFailures - 1, results.Count(r => r == AuthResult.Wrong));
        Assert.Equal(results.Length - (AuthGate.MaxFailures - 1), results.Count(r => r == AuthResult.LockedOut));
    }
}
