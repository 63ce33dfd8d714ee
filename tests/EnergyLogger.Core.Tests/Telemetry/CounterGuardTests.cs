using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Telemetry;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Telemetry;

public class CounterGuardTests
{
    private const double MaxPowerW = 10000;
    private const long Minute = 60000;

    [Fact]
    public void Check_FirstReading_IsAccepted()
    {
        Assert.Equal(ValueQuality.Ok, new CounterGuard(1).Check(0, 12345.6, 0, false, MaxPowerW));
    }

    [Fact]
    public void Check_NormalRise_IsOk()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 1000, 0, false, MaxPowerW);

        // 10 kW for one hour is 10 kWh; 1 kWh of slack on top.
        Assert.Equal(ValueQuality.Ok, guard.Check(0, 1010.9, 60 * Minute, false, MaxPowerW));
    }

    [Fact]
    public void Check_LifetimeCounterGoesBack_IsImplausible()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 1000, 0, false, MaxPowerW);

        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 999.9, Minute, false, MaxPowerW));
    }

    [Fact]
    public void Check_TornThirtyTwoBitJump_IsImplausible()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 1000, 0, false, MaxPowerW);

        // The high word of a 0.1 kWh counter landing from another read adds 65536 counts.
        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 1000 + 6553.6, 10000, false, MaxPowerW));
        Assert.Equal(ValueQuality.Ok, guard.Check(0, 1000.1, 20000, false, MaxPowerW));
    }

    [Fact]
    public void Check_DailyCounterResetAtMidnight_IsOk()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 35.2, 0, true, MaxPowerW);

        Assert.Equal(ValueQuality.Ok, guard.Check(0, 0.1, Minute, true, MaxPowerW));
    }

    [Fact]
    public void Check_DailyCounterFallsToImpossibleLevel_IsImplausible()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 35.2, 0, true, MaxPowerW);

        // In one minute at most 10 kW x 1/60 h + 1 kWh could have accumulated since a reset.
        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 20, Minute, true, MaxPowerW));
    }

    [Fact]
    public void Check_NewLevelConfirmedThreeTimes_IsAcceptedAsBaseline()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 1000, 0, false, MaxPowerW);

        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 5, Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 5.1, 2 * Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Ok, guard.Check(0, 5.2, 3 * Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Ok, guard.Check(0, 5.3, 4 * Minute, false, MaxPowerW));
    }

    [Fact]
    public void Check_ScatteredGarbage_NeverRebases()
    {
        var guard = new CounterGuard(1);
        guard.Check(0, 1000, 0, false, MaxPowerW);

        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 9000, Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 3, 2 * Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Implausible, guard.Check(0, 70000, 3 * Minute, false, MaxPowerW));
        Assert.Equal(ValueQuality.Ok, guard.Check(0, 1000.2, 4 * Minute, false, MaxPowerW));
    }

    [Fact]
    public void Mapper_EnergyTotalGoingBack_IsFlaggedInTheSample()
    {
        var f = new SampleFixture(With(
            devices: """[{"id":"inv","slave":1,"maxPowerW":12000}]""",
            points: List("""{"name":"e","address":534,"type":"uint32","wordOrder":"CDAB","scale":0.1,"target":"pv.energy_total"}""")));
        f.Set(534, 10000, 0);
        f.Cycle(0);
        f.Set(534, 9990, 0);

        string json = f.Cycle(10000);

        Assert.Equal(ValueQuality.Implausible, f.Quality("pv.energy_total"));
        Assert.EndsWith("\"q\":{\"pv.energy_total\":\"implausible\"}}", json);
    }
}
