using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;
using Xunit;

namespace EnergyLogger.Core.Tests.Indicators;

public class IndicatorPanelTests
{
    private sealed class RecordingLeds : ILeds
    {
        public List<(Led Led, bool On)> Writes { get; } = [];

        public void Set(Led led, bool on) => Writes.Add((led, on));
    }

    private readonly RecordingLeds _leds = new();

    [Fact]
    public void Refresh_First_WritesEveryLed()
    {
        new IndicatorPanel(_leds).Refresh(new IndicatorState { Wifi = WifiState.Connected }, 0);

        Assert.Equal(
            [(Led.WifiOk, true), (Led.WifiError, false), (Led.MqttOk, false), (Led.MqttError, false), (Led.Modbus, false), (Led.Ota, false)],
            _leds.Writes);
    }

    [Fact]
    public void Refresh_SteadyState_WritesNothingMore()
    {
        var panel = new IndicatorPanel(_leds);
        var state = new IndicatorState { Wifi = WifiState.Connected, Mqtt = MqttState.Connected, ModbusResponding = true };
        panel.Refresh(state, 0);
        _leds.Writes.Clear();

        for (long t = 50; t < 10_000; t += 50)
        {
            panel.Refresh(state, t);
        }

        Assert.Empty(_leds.Writes);
    }

    [Fact]
    public void Refresh_AccessPointForOneSecond_TogglesTheWifiPairInTurn()
    {
        var panel = new IndicatorPanel(_leds);
        var state = new IndicatorState { Wifi = WifiState.AccessPoint };
        panel.Refresh(state, 0);
        _leds.Writes.Clear();

        for (long t = 50; t <= 1000; t += 50)
        {
            panel.Refresh(state, t);
        }

        Assert.Equal([(Led.WifiOk, false), (Led.WifiError, true), (Led.WifiOk, true), (Led.WifiError, false)], _leds.Writes);
    }

    [Fact]
    public void Refresh_StateChange_WritesOnlyTheLedsThatChange()
    {
        var panel = new IndicatorPanel(_leds);
        var state = new IndicatorState { Wifi = WifiState.Connected, Mqtt = MqttState.Connected };
        panel.Refresh(state, 0);
        _leds.Writes.Clear();

        state.Mqtt = MqttState.Failed;
        panel.Refresh(state, 10);

        Assert.Equal([(Led.MqttOk, false), (Led.MqttError, true)], _leds.Writes);
    }
}
