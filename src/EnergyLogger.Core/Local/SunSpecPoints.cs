using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// Where in a sample each schema field the SunSpec chain reads sits (<see cref="SampleValues.Index"/>), looked up once,
    /// and which groups of them the map feeds: that decides which models the chain holds.
    /// </summary>
    internal sealed class SunSpecPoints
    {
        public readonly int PvPower;
        public readonly int PvEnergy;
        public readonly int GridPower;
        public readonly int GridFrequency;
        public readonly int GridPowerFactor;
        public readonly int GridImport;
        public readonly int GridExport;
        public readonly int[] PhaseVoltage = new int[TelemetrySchema.MaxPhases];
        public readonly int[] PhaseCurrent = new int[TelemetrySchema.MaxPhases];
        public readonly int[] PhasePower = new int[TelemetrySchema.MaxPhases];
        public readonly int[] MpptVoltage = new int[TelemetrySchema.MaxMppts];
        public readonly int[] MpptCurrent = new int[TelemetrySchema.MaxMppts];
        public readonly int[] MpptPower = new int[TelemetrySchema.MaxMppts];
        public readonly int BatteryVoltage;
        public readonly int BatteryPower;
        public readonly int BatterySoc;
        public readonly int BatteryCurrent;
        public readonly int BatterySoh;
        public readonly int BatteryCycles;
        public readonly int DeviceTemperature;
        public readonly int HeatsinkTemperature;
        public readonly int State;
        public readonly int Fault;
        public readonly int Warning;

        public SunSpecPoints()
        {
            PvPower = SampleValues.Index("pv.power");
            PvEnergy = SampleValues.Index("pv.energy_total");
            GridPower = SampleValues.Index("grid.power");
            GridFrequency = SampleValues.Index("grid.frequency");
            GridPowerFactor = SampleValues.Index("grid.power_factor");
            GridImport = SampleValues.Index("grid.import_energy_total");
            GridExport = SampleValues.Index("grid.export_energy_total");
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                string phase = "grid.l" + (p + 1).ToString() + ".";
                PhaseVoltage[p] = SampleValues.Index(phase + "voltage");
                PhaseCurrent[p] = SampleValues.Index(phase + "current");
                PhasePower[p] = SampleValues.Index(phase + "power");
            }

            for (int m = 0; m < TelemetrySchema.MaxMppts; m++)
            {
                string mppt = "pv.mppt" + (m + 1).ToString() + ".";
                MpptVoltage[m] = SampleValues.Index(mppt + "voltage");
                MpptCurrent[m] = SampleValues.Index(mppt + "current");
                MpptPower[m] = SampleValues.Index(mppt + "power");
            }

            BatteryVoltage = SampleValues.Index("battery.voltage");
            BatteryPower = SampleValues.Index("battery.power");
            BatterySoc = SampleValues.Index("battery.soc");
            BatteryCurrent = SampleValues.Index("battery.current");
            BatterySoh = SampleValues.Index("battery.soh");
            BatteryCycles = SampleValues.Index("battery.cycles");
            DeviceTemperature = SampleValues.Index("device.temperature");
            HeatsinkTemperature = SampleValues.Index("device.heatsink_temperature");
            State = SampleValues.Index("device.state");
            Fault = SampleValues.Index("device.fault_code");
            Warning = SampleValues.Index("device.warning_code");
        }

        /// <summary>The highest MPPT the map feeds: modules are numbered like the schema's, so a gap reads not-implemented.</summary>
        public int MpptCount(Sample sample)
        {
            for (int m = TelemetrySchema.MaxMppts - 1; m >= 0; m--)
            {
                if (SampleValues.Fed(sample, MpptVoltage[m]) || SampleValues.Fed(sample, MpptCurrent[m]) || SampleValues.Fed(sample, MpptPower[m]))
                {
                    return m + 1;
                }
            }

            return 0;
        }

        public bool FedBattery(Sample sample)
        {
            return SampleValues.Fed(sample, BatterySoc) || SampleValues.Fed(sample, BatteryVoltage) || SampleValues.Fed(sample, BatteryPower)
                || SampleValues.Fed(sample, BatteryCurrent) || SampleValues.Fed(sample, BatterySoh);
        }

        /// <summary>Whether the map feeds any value of grid phase <paramref name="phase"/> (0 is L1).</summary>
        public bool FedPhase(Sample sample, int phase)
        {
            return SampleValues.Fed(sample, PhaseVoltage[phase]) || SampleValues.Fed(sample, PhaseCurrent[phase]) || SampleValues.Fed(sample, PhasePower[phase]);
        }
    }
}
