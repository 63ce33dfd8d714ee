using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>The installer's `mqtt.discovery` setting decides whether the custom-MQTT link announces the metrics to Home Assistant.</summary>
public sealed class HomeAssistantSettingTests
{
    private static LoopRig CustomMqttRig(string discovery)
    {
        var store = new MemoryFileStore();
        DeviceSettings settings = LoopRig.Settings();
        Assert.Null(settings.Set(SettingFields.CloudMode, "mqtt"));
        Assert.Null(settings.Set(SettingFields.MqttPrefix, "home/el"));
        Assert.Null(settings.Set(SettingFields.MqttDiscovery, discovery));
        Assert.True(new SettingsRepository(store).Save(settings));
        return new LoopRig(store: store);
    }

    [Fact]
    public void MqttDiscoveryOn_CustomMqtt_PublishesRetainedConfigsForTheMappedMetrics()
    {
        LoopRig rig = CustomMqttRig("on");

        rig.Run(30_000);

        Sent config = Assert.Single(rig.Session.Sent, m => m.Topic.StartsWith("homeassistant/sensor/") && m.Topic.EndsWith("/grid_power/config"));
        JsonElement body = JsonDocument.Parse(config.Text).RootElement;
        Assert.Equal("home/el/state", body.GetProperty("state_topic").GetString());
        Assert.Equal("home/el/status", body.GetProperty("availability_topic").GetString());
        Assert.Equal("W", body.GetProperty("unit_of_measurement").GetString());
        Assert.Contains(rig.Session.Sent, m => m.Topic.EndsWith("/battery_soc/config"));
    }

    [Fact]
    public void MqttDiscoveryOff_CustomMqtt_PublishesNoDiscoveryButStillTelemetry()
    {
        LoopRig rig = CustomMqttRig("off");

        rig.Run(30_000);

        Assert.DoesNotContain(rig.Session.Sent, m => m.Topic.StartsWith("homeassistant/"));
        Assert.Contains(rig.Session.Sent, m => m.Topic == "home/el/telemetry");
    }
}
