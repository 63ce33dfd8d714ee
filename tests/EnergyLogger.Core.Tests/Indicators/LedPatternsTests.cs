using EnergyLogger.Core.Indicators;
using EnergyLogger.Core.Ports;
using Xunit;
using P = EnergyLogger.Core.Indicators.LedPattern;

namespace EnergyLogger.Core.Tests.Indicators;

public class LedPatternsTests
{
    // Expected patterns in Led order: Wi-Fi OK, Wi-Fi error, MQTT OK, MQTT error, MODBUS, OTA.
    public static TheoryData<WifiState, MqttState, bool, bool, bool, P[]> States => new()
    {
        { WifiState.Off, MqttState.Off, false, false, false, [P.Off, P.Off, P.Off, P.Off, P.Off, P.Off] },
        { WifiState.AccessPoint, MqttState.Off, false, false, false, [P.SlowBlink, P.SlowBlinkAlternate, P.Off, P.Off, P.Off, P.Off] },
        { WifiState.AccessPointClosed, MqttState.Off, false, false, false, [P.Off, P.SlowBlink, P.Off, P.Off, P.Off, P.Off] },
        { WifiState.Connecting, MqttState.Off, false, false, false, [P.SlowBlink, P.Off, P.Off, P.Off, P.Off, P.Off] },
        { WifiState.Failed, MqttState.Off, true, false, false, [P.Off, P.On, P.Off, P.Off, P.On, P.Off] },
        { WifiState.Connected, MqttState.Connecting, true, false, false, [P.On, P.Off, P.SlowBlink, P.Off, P.On, P.Off] },
        { WifiState.Connected, MqttState.Connected, true, false, false, [P.On, P.Off, P.On, P.Off, P.On, P.Off] },
        { WifiState.Connected, MqttState.Failed, false, false, false, [P.On, P.Off, P.Off, P.On, P.Off, P.Off] },
        { WifiState.Connected, MqttState.Connected, true, true, false, [P.On, P.Off, P.On, P.Off, P.On, P.FastBlink] },
        { WifiState.Connected, MqttState.Connected, true, true, true, [P.FastBlink, P.FastBlink, P.FastBlink, P.FastBlink, P.FastBlink, P.FastBlink] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void For_EachState_GivesThePatternOfEachLed(WifiState wifi, MqttState mqtt, bool modbus, bool ota, bool resetArmed, P[] expected)
    {
        var state = new IndicatorState { Wifi = wifi, Mqtt = mqtt, ModbusResponding = modbus, OtaInProgress = ota, ResetArmed = resetArmed };

        Assert.Equal(expected, Enum.GetValues<Led>().Select(led => LedPatterns.For(led, state)));
    }

    [Theory]
    [InlineData(P.Off, new[] { false, false, false, false, false, false, false, false })]
    [InlineData(P.On, new[] { true, true, true, true, true, true, true, true })]
    [InlineData(P.SlowBlink, new[] { true, true, true, true, false, false, false, false })]
    [InlineData(P.SlowBlinkAlternate, new[] { false, false, false, false, true, true, true, true })]
    [InlineData(P.FastBlink, new[] { true, false, true, false, true, false, true, false })]
    public void IsLit_OverOneSecondIn125MsSteps_FollowsThePattern(P pattern, bool[] expected)
    {
        long start = 1_000_000;

        Assert.Equal(expected, Enumerable.Range(0, 8).Select(i => LedTiming.IsLit(pattern, start + (i * 125))));
    }
}
