using EnergyLogger.Core.Local;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

public class LocalSwitchTests
{
    public static TheoryData<bool, int, int, int, bool, int, int, bool> Follows => new()
    {
        // settings on?, config modbus (-1 not given), config port, config unit -> on, port, unit, changed
        { false, -1, 0, 0, false, 502, 1, false },
        { false, 1, 0, 0, true, 502, 1, true },
        { true, 0, 0, 0, false, 502, 1, true },
        { true, -1, 1502, 0, true, 1502, 1, true },
        { true, -1, 0, 9, true, 502, 9, true },
        { true, -1, 502, 1, true, 502, 1, false },
    };

    [Theory]
    [MemberData(nameof(Follows))]
    public void Follow_CloudConfigChoice_OverridesTheSettingsMemberByMember(bool settingsOn, int on, int port, int unit, bool expectOn, int expectPort,
        int expectUnit, bool changed)
    {
        var server = new LocalSwitch(settingsOn, 502, 1);
        int version = server.Version;

        Assert.Equal(changed, server.Follow(on, port, unit));

        Assert.Equal((expectOn, expectPort, expectUnit), (server.On, server.Port, server.Unit));
        Assert.Equal(changed, server.Version != version);
    }

    [Fact]
    public void Follow_ConfigWithoutLocal_GoesBackToTheSettings()
    {
        var server = new LocalSwitch(false, 502, 1);
        server.Follow(1, 1502, 4);

        server.Follow(-1, 0, 0);

        Assert.Equal((false, 502, 1), (server.On, server.Port, server.Unit));
    }

    [Theory]
    [InlineData(false, -1, false, false)]
    [InlineData(false, 1, true, true)]
    [InlineData(true, 0, false, true)]
    [InlineData(true, -1, true, false)]
    public void Follow_Gateway_ConfigOverridesTheSetting(bool setting, int config, bool expected, bool changed)
    {
        var server = new LocalSwitch(true, 502, 1, setting);
        int version = server.Version;

        Assert.Equal(changed, server.Follow(-1, 0, 0, config));

        Assert.Equal(expected, server.Gateway);
        Assert.Equal(changed, server.Version != version);
    }

    [Fact]
    public void Publish_ServerOff_ServesNothing()
    {
        var image = new RegisterImage(new DeviceIdentity("EnergyLogger", "m", "1.0.0", "x"), new LocalSwitch(false, 502, 1));

        image.Publish(LocalSamples.Deye());

        Assert.Equal(0, image.Sequence);
        Assert.Equal(EnergyLogger.Core.Modbus.ExceptionCode.SlaveDeviceBusy, image.Read(0, 1, new byte[2], 0));
    }
}
