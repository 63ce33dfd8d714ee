using EnergyLogger.Core.Schema;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The SunSpec chain of one sample: SunS, common (1), inverter (101/102/103 by the grid phases the map feeds),
    /// MPPT (160, one module per MPPT the map feeds), storage (124 and battery 802, when it feeds the battery), meter (203, when it feeds
    /// the grid power), the end mark. Which models appear depends only on what the map feeds, so the chain's layout
    /// holds from cycle to cycle; a value that is absent this cycle reads as not-implemented. Scale factors are picked
    /// per sample, the smallest that fits every value sharing one. Allocates nothing per sample.
    /// </summary>
    public sealed partial class SunSpecEncoder
    {
        private readonly DeviceIdentity _identity;
        private readonly double[] _group = new double[TelemetrySchema.MaxMppts];
        private readonly int _pvPower;
        private readonly int _pvEnergy;
        private readonly int _gridPower;
        private readonly int _gridFrequency;
        private readonly int _gridPowerFactor;
        private readonly int _gridImport;
        private readonly int _gridExport;
        private readonly int[] _phaseVoltage = new int[TelemetrySchema.MaxPhases];
        private readonly int[] _phaseCurrent = new int[TelemetrySchema.MaxPhases];
        private readonly int[] _phasePower = new int[TelemetrySchema.MaxPhases];
        private readonly int[] _mpptVoltage = new int[TelemetrySchema.MaxMppts];
        private readonly int[] _mpptCurrent = new int[TelemetrySchema.MaxMppts];
        private readonly int[] _mpptPower = new int[TelemetrySchema.MaxMppts];
        private readonly int _batteryVoltage;
        private readonly int _batteryPower;
        private readonly int _batterySoc;
        private readonly int _batteryCurrent;
        private readonly int _batterySoh;
        private readonly int _batteryCycles;
        private readonly int _deviceTemperature;
        private readonly int _heatsinkTemperature;
        private readonly int _state;
        private readonly int _fault;
        private readonly int _warning;

        public SunSpecEncoder(DeviceIdentity identity)
        {
            _identity = identity;
            _pvPower = SampleValues.Index("pv.power");
            _pvEnergy = SampleValues.Index("pv.energy_total");
            _gridPower = SampleValues.Index("grid.power");
            _gridFrequency = SampleValues.Index("grid.frequency");
            _gridPowerFactor = SampleValues.Index("grid.power_factor");
            _gridImport = SampleValues.Index("grid.import_energy_total");
            _gridExport = SampleValues.Index("grid.export_energy_total");
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                string phase = "grid.l" + (p + 1).ToString() + ".";
                _phaseVoltage[p] = SampleValues.Index(phase + "voltage");
                _phaseCurrent[p] = SampleValues.Index(phase + "current");
                _phasePower[p] = SampleValues.Index(phase + "power");
            }

            for (int m = 0; m < TelemetrySchema.MaxMppts; m++)
            {
                string mppt = "pv.mppt" + (m + 1).ToString() + ".";
                _mpptVoltage[m] = SampleValues.Index(mppt + "voltage");
                _mpptCurrent[m] = SampleValues.Index(mppt + "current");
                _mpptPower[m] = SampleValues.Index(mppt + "power");
            }

            _batteryVoltage = SampleValues.Index("battery.voltage");
            _batteryPower = SampleValues.Index("battery.power");
            _batterySoc = SampleValues.Index("battery.soc");
            _batteryCurrent = SampleValues.Index("battery.current");
            _batterySoh = SampleValues.Index("battery.soh");
            _batteryCycles = SampleValues.Index("battery.cycles");
            _deviceTemperature = SampleValues.Index("device.temperature");
            _heatsinkTemperature = SampleValues.Index("device.heatsink_temperature");
            _state = SampleValues.Index("device.state");
            _fault = SampleValues.Index("device.fault_code");
            _warning = SampleValues.Index("device.warning_code");
        }

        /// <summary>Writes the chain at <paramref name="at"/> (the base address's register) and returns its length in registers.</summary>
        /// <param name="unit">The unit id the server answers as, which the common model names (DA).</param>
        public int Encode(Sample sample, ushort[] image, int at, int unit)
        {
            int pos = at;
            RegisterWords.Put16(image, pos++, SunSpecModels.MarkHigh);
            RegisterWords.Put16(image, pos++, SunSpecModels.MarkLow);
            pos = Model(image, pos, SunSpecModels.Common, SunSpecModels.CommonLength);
            WriteCommon(image, pos, unit);
            pos += SunSpecModels.CommonLength;

            pos = Model(image, pos, InverterModel(sample), SunSpecModels.InverterLength);
            WriteInverter(sample, image, pos);
            pos += SunSpecModels.InverterLength;

            int mppts = MpptCount(sample);
            if (mppts > 0)
            {
                int length = SunSpecModels.MpptFixedLength + (mppts * SunSpecModels.MpptModuleLength);
                pos = Model(image, pos, SunSpecModels.Mppt, length);
                WriteMppt(sample, image, pos, mppts);
                pos += length;
            }

            // 124 for the clients that know only it, then 802, which carries what 124 lacks (SoH, current, power);
            // clients that read both (Home Assistant's SunSpec integration) find the same values in each.
            if (FedBattery(sample))
            {
                pos = Model(image, pos, SunSpecModels.Storage, SunSpecModels.StorageLength);
                WriteStorage(sample, image, pos);
                pos += SunSpecModels.StorageLength;
                pos = Model(image, pos, SunSpecModels.Battery, SunSpecModels.BatteryLength);
                WriteBattery(sample, image, pos);
                pos += SunSpecModels.BatteryLength;
            }

            if (SampleValues.Fed(sample, _gridPower))
            {
                pos = Model(image, pos, SunSpecModels.Meter, SunSpecModels.MeterLength);
                WriteMeter(sample, image, pos);
                pos += SunSpecModels.MeterLength;
            }

            pos = Model(image, pos, SunSpecModels.EndId, 0);
            return pos - at;
        }

        /// <summary>103 when the map feeds phase 3, 102 when it feeds phase 2, else 101.</summary>
        public int InverterModel(Sample sample)
        {
            if (FedPhase(sample, 2))
            {
                return SunSpecModels.InverterThreePhase;
            }

            return FedPhase(sample, 1) ? SunSpecModels.InverterSplitPhase : SunSpecModels.InverterSinglePhase;
        }

        /// <summary>The highest MPPT the map feeds: modules are numbered like the schema's, so a gap reads not-implemented.</summary>
        public int MpptCount(Sample sample)
        {
            for (int m = TelemetrySchema.MaxMppts - 1; m >= 0; m--)
            {
                if (SampleValues.Fed(sample, _mpptVoltage[m]) || SampleValues.Fed(sample, _mpptCurrent[m]) || SampleValues.Fed(sample, _mpptPower[m]))
                {
                    return m + 1;
                }
            }

            return 0;
        }

        private bool FedBattery(Sample sample)
        {
            return SampleValues.Fed(sample, _batterySoc) || SampleValues.Fed(sample, _batteryVoltage) || SampleValues.Fed(sample, _batteryPower)
                || SampleValues.Fed(sample, _batteryCurrent) || SampleValues.Fed(sample, _batterySoh);
        }

        private bool FedPhase(Sample sample, int phase)
        {
            return SampleValues.Fed(sample, _phaseVoltage[phase]) || SampleValues.Fed(sample, _phaseCurrent[phase]) || SampleValues.Fed(sample, _phasePower[phase]);
        }

        private static int Model(ushort[] image, int pos, int id, int length)
        {
            RegisterWords.Put16(image, pos, id);
            RegisterWords.Put16(image, pos + 1, length);
            return pos + 2;
        }

        private void WriteCommon(ushort[] image, int at, int unit)
        {
            RegisterWords.PutText(image, at, 16, _identity.Manufacturer);
            RegisterWords.PutText(image, at + 16, 16, _identity.Model);
            RegisterWords.PutText(image, at + 32, 8, "");
            RegisterWords.PutText(image, at + 40, 8, _identity.Version);
            RegisterWords.PutText(image, at + 48, 16, _identity.Serial);
            RegisterWords.Put16(image, at + 64, unit);
            RegisterWords.Put16(image, at + 65, RegisterWords.NoInt16);
        }

        /// <summary>Clears <paramref name="count"/> registers to a 16-bit not-implemented pattern.</summary>
        private static void Fill(ushort[] image, int at, int count, int pattern)
        {
            for (int i = 0; i < count; i++)
            {
                image[at + i] = (ushort)pattern;
            }
        }
    }
}
