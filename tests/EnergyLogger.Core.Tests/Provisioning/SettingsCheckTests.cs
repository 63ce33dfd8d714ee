using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class SettingsCheckTests
{
    private static string Describe(DeviceSettings settings)
    {
        var report = new ValidationReport();
        SettingsCheck.Run(settings, report);
        return report.Describe();
    }

    [Fact]
    public void Run_FreshDevice_ListsEveryMissingField()
    {
        Assert.Equal(
            "wifi.ssid: required; kaa.token: required when cloud.mode is kaa; kaa.app: required when cloud.mode is kaa",
            Describe(new DeviceSettings()));
        Assert.False(SettingsCheck.IsComplete(new DeviceSettings()));
    }

    [Fact]
    public void Run_CompleteSettings_IsEmpty()
    {
        Assert.Equal("", Describe(SettingsSamples.Complete()));
        Assert.True(SettingsCheck.IsComplete(SettingsSamples.Complete()));
    }

    [Fact]
    public void Run_PasswordWithoutUser_IsRefused()
    {
        DeviceSettings settings = SettingsSamples.Complete();
        settings.Reset(SettingFields.MqttUsername);

        Assert.Equal("mqtt.password: needs mqtt.username (MQTT 3.1.1, 3.1.2.9)", Describe(settings));
    }

    [Fact]
    public void Run_CustomMqttMode_NeedsPrefixNotToken()
    {
        DeviceSettings settings = SettingsSamples.Complete();
        settings.Reset(SettingFields.KaaToken);
        settings.Reset(SettingFields.KaaApp);
        SettingsSamples.Set(settings, SettingFields.CloudMode, "mqtt");

        Assert.Equal("mqtt.prefix: required when cloud.mode is mqtt", Describe(settings));

        SettingsSamples.Set(settings, SettingFields.MqttPrefix, "home/inverter");
        Assert.Equal("", Describe(settings));
    }

    [Fact]
    public void Add_SecondProblemForSameField_KeepsTheFirst()
    {
        var report = new ValidationReport();
        report.Add("wifi.ssid", "first");
        report.Add("wifi.ssid", "second");

        Assert.Equal(1, report.Count);
        Assert.Equal("wifi.ssid: first", report.Describe());
    }
}
