using EnergyLogger.Host.Simulator;
using Xunit;

namespace EnergyLogger.Integration.Tests.Simulator;

public sealed class InverterModelTests
{
    /// <summary>One simulated day in 10-second steps, as the demo polls it.</summary>
    private static List<(double Hour, double Pv, double Load, double Battery, double Grid, double Soc)> SimulateDay(int seed)
    {
        var model = new InverterModel(seed);
        var day = new List<(double, double, double, double, double, double)>();
        for (int second = 0; second < 86_400; second += 10)
        {
            model.Advance(second / 3600.0, 10);
            day.Add((model.HourOfDay, model.PvPowerW, model.LoadPowerW, model.BatteryPowerW, model.GridPowerW, model.BatterySocPercent));
        }

        return day;
    }

    [Fact]
    public void Advance_EveryStep_BalancesPowerWithExportAndChargingPositive()
    {
        foreach (var step in SimulateDay(seed: 1))
        {
            // PV = load + battery charge + export: the schema's sign conventions close the balance.
            Assert.Equal(step.Pv, step.Load + step.Battery + step.Grid, precision: 6);
            Assert.InRange(step.Soc, 0, 100);
        }
    }

    [Fact]
    public void Advance_OverADay_ProducesOnlyInDaylightAndUsesTheBatteryBothWays()
    {
        var day = SimulateDay(seed: 2);

        Assert.All(day.Where(s => s.Hour < 6 || s.Hour > 20), s => Assert.Equal(0, s.Pv));
        Assert.Contains(day, s => s.Hour is > 11 and < 15 && s.Pv > 3_000);
        Assert.Contains(day, s => s.Battery > 0);
        Assert.Contains(day, s => s.Battery < 0);
        Assert.Contains(day, s => s.Grid > 0);
        Assert.Contains(day, s => s.Grid < 0);
    }

    [Fact]
    public void Advance_SameSeed_GivesTheSameDay()
    {
        Assert.Equal(SimulateDay(seed: 3), SimulateDay(seed: 3));
    }
}
