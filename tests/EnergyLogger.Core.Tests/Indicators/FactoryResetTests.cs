using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Core.Tests.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Indicators;

public class FactoryResetTests
{
    private sealed class FakeButton : IButton
    {
        public bool IsPressed { get; set; }
    }

    private readonly PowerCutFileStore _store = new();
    private readonly FakeButton _button = new();
    private readonly FactoryReset _reset;

    public FactoryResetTests()
    {
        new SettingsRepository(_store).Save(SettingsSamples.Complete());
        new SettingsRepository(_store).Save(SettingsSamples.Complete());
        _reset = new FactoryReset(_button, new SettingsRepository(_store), new ResetButton());
    }

    private ButtonPress HoldFor(int ms)
    {
        ButtonPress last = ButtonPress.None;
        long t = 0;
        _reset.Poll(t);
        _button.IsPressed = true;
        for (t = 50; t <= 50 + ms; t += 50)
        {
            _reset.Poll(t);
        }

        _button.IsPressed = false;
        for (long end = t + 200; t <= end; t += 50)
        {
            ButtonPress press = _reset.Poll(t);
            last = press == ButtonPress.None ? last : press;
        }

        return last;
    }

    [Fact]
    public void Poll_LongPress_WipesCredentialsSoTheNextBootProvisions()
    {
        Assert.Equal(ButtonPress.FactoryReset, HoldFor(6000));

        Assert.True(_reset.Wiped);
        new SettingsRepository(_store).Load(out DeviceSettings after);
        Assert.False(SettingsCheck.IsComplete(after));
        Assert.Equal("", after.WifiSsid);
        Assert.Equal("", after.KaaToken);
        Assert.Equal("c0ffee-v1", after.KaaAppVersion);
    }

    [Fact]
    public void Poll_ShortPress_ChangesNothing()
    {
        var before = _store.Snapshot();

        Assert.Equal(ButtonPress.Short, HoldFor(500));

        Assert.False(_reset.Wiped);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Poll_LongPressWhenFlashRefuses_ReportsNotWiped()
    {
        _store.RefuseEverything = true;

        Assert.Equal(ButtonPress.FactoryReset, HoldFor(6000));
        Assert.False(_reset.Wiped);
    }
}
