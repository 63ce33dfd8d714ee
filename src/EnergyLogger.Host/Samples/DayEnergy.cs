namespace EnergyLogger.Host.Samples;

/// <summary>One energy figure of a day, and where it came from.</summary>
internal sealed record EnergyFigure(double Kwh, bool FromCounter);

/// <summary>
/// A day's energy from its samples: produced, imported, exported, charged, discharged and used by the house.
/// The inverter's own daily counter (<c>pv.energy_today</c>, ...) is taken when the samples carry it, since it
/// covers the whole day even when the samples start at noon; otherwise the power readings are integrated over
/// time (trapezoids; a gap over <see cref="MaxGap"/> is not bridged, so an outage does not invent energy).
/// Signs as in the schema: grid power positive = export, battery power positive = charging.
/// </summary>
internal sealed class DayEnergy
{
    public static readonly TimeSpan MaxGap = TimeSpan.FromMinutes(30);

    private DayEnergy(EnergyFigure produced, EnergyFigure imported, EnergyFigure exported, EnergyFigure charged, EnergyFigure discharged, EnergyFigure used)
    {
        Produced = produced;
        Imported = imported;
        Exported = exported;
        Charged = charged;
        Discharged = discharged;
        Used = used;
    }

    public EnergyFigure Produced { get; }

    public EnergyFigure Imported { get; }

    public EnergyFigure Exported { get; }

    public EnergyFigure Charged { get; }

    public EnergyFigure Discharged { get; }

    public EnergyFigure Used { get; }

    /// <summary>The share of the day's PV energy used at home (battery included) rather than exported; null before any production.</summary>
    public double? SelfConsumption => Produced.Kwh <= 0 ? null : Math.Clamp((Produced.Kwh - Exported.Kwh) / Produced.Kwh, 0, 1);

    /// <summary>The figures of <paramref name="samples"/>, which are one day's, oldest first.</summary>
    public static DayEnergy Of(IReadOnlyList<SampleRecord> samples) => new(
        Figure(samples, "pv.energy_today", s => s.Number("pv.power")),
        Figure(samples, "grid.import_energy_today", s => Negative(s.Number("grid.power"))),
        Figure(samples, "grid.export_energy_today", s => Positive(s.Number("grid.power"))),
        Figure(samples, "battery.charge_energy_today", s => Positive(s.Number("battery.power"))),
        Figure(samples, "battery.discharge_energy_today", s => Negative(s.Number("battery.power"))),
        Figure(samples, "load.energy_today", s => s.Number("load.power")));

    private static double? Positive(double? watts) => watts is null ? null : Math.Max(0, watts.Value);

    private static double? Negative(double? watts) => watts is null ? null : Math.Max(0, -watts.Value);

    private static EnergyFigure Figure(IReadOnlyList<SampleRecord> samples, string counter, Func<SampleRecord, double?> watts)
    {
        // The last reading of the day: a daily counter only rises until its midnight reset.
        for (int i = samples.Count - 1; i >= 0; i--)
        {
            if (samples[i].Number(counter) is double kwh)
            {
                return new EnergyFigure(kwh, FromCounter: true);
            }
        }

        return new EnergyFigure(Integrate(samples, watts), FromCounter: false);
    }

    private static double Integrate(IReadOnlyList<SampleRecord> samples, Func<SampleRecord, double?> watts)
    {
        double wattHours = 0;
        SampleRecord? previous = null;
        foreach (SampleRecord sample in samples)
        {
            if (sample.Time is null || watts(sample) is not double now)
            {
                continue;
            }

            if (previous is not null && watts(previous) is double before)
            {
                TimeSpan step = sample.Time.Value - previous.Time!.Value;
                if (step > TimeSpan.Zero && step <= MaxGap)
                {
                    wattHours += (before + now) / 2 * step.TotalHours;
                }
            }

            previous = sample;
        }

        return wattHours / 1000;
    }
}
