using EnergyLogger.Core.Schema;
using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The layout of each SunSpec model the chain holds: its points, by offset from the model's first data register
    /// (after ID and L), as the SunSpec model definitions number them, filled from a sample. Points the schema has no
    /// value for are written not-implemented.
    /// </summary>
    internal sealed class SunSpecModelWriter
    {
        private const long Int16Min = -0x7FFF;
        private const long Int16Max = 0x7FFF;
        private const long UInt16Max = 0xFFFE;

        private readonly DeviceIdentity _identity;
        private readonly SunSpecPoints _points;
        private readonly ScaleFactorGroup _group = new ScaleFactorGroup(TelemetrySchema.MaxMppts);

        public SunSpecModelWriter(DeviceIdentity identity, SunSpecPoints points)
        {
            _identity = identity;
            _points = points;
        }

        /// <summary>Model 1: who this is, and the unit id the server answers as (DA).</summary>
        public void WriteCommon(ushort[] image, int at, int unit)
        {
            RegisterWords.PutText(image, at, 16, _identity.Manufacturer);
            RegisterWords.PutText(image, at + 16, 16, _identity.Model);
            RegisterWords.PutText(image, at + 32, 8, "");
            RegisterWords.PutText(image, at + 40, 8, _identity.Version);
            RegisterWords.PutText(image, at + 48, 16, _identity.Serial);
            RegisterWords.Put16(image, at + 64, unit);
            RegisterWords.Put16(image, at + 65, RegisterWords.NoInt16);
        }

        /// <summary>
        /// Inverter 101/102/103. W is the AC power the inverter delivers, PV less battery charging (conversion losses
        /// not counted); the phase voltages and the frequency are the grid's, which the inverter's output is tied to.
        /// </summary>
        public void WriteInverter(Sample sample, ushort[] image, int at)
        {
            Fill(image, at, 4, RegisterWords.NoUInt16);
            RegisterWords.Put16(image, at + 4, RegisterWords.NoInt16);
            Fill(image, at + 5, 3, RegisterWords.NoUInt16);
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                _group.Take(p, at + SunSpecModels.InverterPhaseVoltage + p, SampleValues.Number(sample, _points.PhaseVoltage[p]));
            }

            _group.Put(image, TelemetrySchema.MaxPhases, at + SunSpecModels.InverterVoltageSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            _group.Take(0, at + SunSpecModels.InverterPower, InverterPower(sample));
            _group.Put(image, 1, at + SunSpecModels.InverterPowerSf, 0, Int16Min, Int16Max, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.InverterFrequency, SampleValues.Number(sample, _points.GridFrequency));
            _group.Put(image, 1, at + SunSpecModels.InverterFrequencySf, -2, 0, UInt16Max, RegisterWords.NoUInt16);
            Fill(image, at + 16, 6, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.InverterEnergy, Watthours(SampleValues.Number(sample, _points.PvEnergy)));
            _group.PutAccumulators(image, 1, at + SunSpecModels.InverterEnergySf);
            Fill(image, at + 25, 4, RegisterWords.NoUInt16);
            RegisterWords.Put16(image, at + 26, RegisterWords.NoInt16);
            RegisterWords.Put16(image, at + 28, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.InverterDcPower, SampleValues.Number(sample, _points.PvPower));
            _group.Put(image, 1, at + SunSpecModels.InverterDcPowerSf, 0, Int16Min, Int16Max, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.InverterCabinetTemperature, SampleValues.Number(sample, _points.DeviceTemperature));
            _group.Take(1, at + SunSpecModels.InverterHeatsinkTemperature, SampleValues.Number(sample, _points.HeatsinkTemperature));
            _group.Take(2, at + 33, double.NaN);
            _group.Take(3, at + 34, double.NaN);
            _group.Put(image, 4, at + SunSpecModels.InverterTemperatureSf, -1, Int16Min, Int16Max, RegisterWords.NoInt16);
            RegisterWords.Put16(image, at + SunSpecModels.InverterState, RegisterWords.NoUInt16);
            long state = SampleValues.Code32(sample, _points.State);
            RegisterWords.Put16(image, at + 37, state < 0 || state > UInt16Max ? RegisterWords.NoUInt16 : (int)state);
            RegisterWords.Put32(image, at + 38, RegisterWords.NoUInt32);
            RegisterWords.Put32(image, at + 40, RegisterWords.NoUInt32);
            PutCode(image, at + 42, SampleValues.Code32(sample, _points.Fault));
            PutCode(image, at + 44, SampleValues.Code32(sample, _points.Warning));
            RegisterWords.Put32(image, at + 46, RegisterWords.NoUInt32);
            RegisterWords.Put32(image, at + 48, RegisterWords.NoUInt32);
        }

        /// <summary>Model 160: one module per MPPT, named "MPPT n"; no energy or time stamps, which the schema does not carry.</summary>
        public void WriteMppt(Sample sample, ushort[] image, int at, int count)
        {
            int first = at + SunSpecModels.MpptFixedLength;
            RegisterWords.Put16(image, at + 3, RegisterWords.NoInt16);
            RegisterWords.Put32(image, at + 4, RegisterWords.NoUInt32);
            RegisterWords.Put16(image, at + SunSpecModels.MpptModuleCount, count);
            RegisterWords.Put16(image, at + 7, RegisterWords.NoUInt16);
            for (int m = 0; m < count; m++)
            {
                int module = first + (m * SunSpecModels.MpptModuleLength);
                RegisterWords.Put16(image, module, m + 1);
                RegisterWords.PutText(image, module + 1, 8, "MPPT " + (m + 1).ToString());
                RegisterWords.Put32(image, module + 12, RegisterWords.NoAcc32);
                RegisterWords.Put32(image, module + 14, RegisterWords.NoUInt32);
                RegisterWords.Put16(image, module + 16, RegisterWords.NoInt16);
                RegisterWords.Put16(image, module + 17, RegisterWords.NoUInt16);
                RegisterWords.Put32(image, module + 18, RegisterWords.NoUInt32);
            }

            PutModules(sample, image, first + SunSpecModels.ModuleCurrent, _points.MpptCurrent, count, at + SunSpecModels.MpptCurrentSf, -2);
            PutModules(sample, image, first + SunSpecModels.ModuleVoltage, _points.MpptVoltage, count, at + SunSpecModels.MpptVoltageSf, -1);
            PutModules(sample, image, first + SunSpecModels.ModulePower, _points.MpptPower, count, at + SunSpecModels.MpptPowerSf, 0);
        }

        private void PutModules(Sample sample, ushort[] image, int firstAt, int[] fields, int count, int sfAt, int least)
        {
            for (int m = 0; m < count; m++)
            {
                _group.Take(m, firstAt + (m * SunSpecModels.MpptModuleLength), SampleValues.Number(sample, fields[m]));
            }

            _group.Put(image, count, sfAt, least, 0, UInt16Max, RegisterWords.NoUInt16);
        }

        /// <summary>Model 124: the state of charge, the battery voltage and whether it charges; its controls are not implemented (read-only).</summary>
        public void WriteStorage(Sample sample, ushort[] image, int at)
        {
            Fill(image, at, 3, RegisterWords.NoUInt16);
            Fill(image, at + 3, 3, RegisterWords.NoUInt16);
            _group.Take(0, at + SunSpecModels.StorageSoc, SampleValues.Number(sample, _points.BatterySoc));
            _group.Put(image, 1, at + SunSpecModels.StorageSocSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            RegisterWords.Put16(image, at + 7, RegisterWords.NoUInt16);
            _group.Take(0, at + SunSpecModels.StorageBatteryVoltage, SampleValues.Number(sample, _points.BatteryVoltage));
            _group.Put(image, 1, at + SunSpecModels.StorageBatteryVoltageSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            RegisterWords.Put16(image, at + SunSpecModels.StorageChargeStatus, ChargeStatus(SampleValues.Number(sample, _points.BatteryPower)));
            Fill(image, at + 10, 2, RegisterWords.NoInt16);
            Fill(image, at + 12, 4, RegisterWords.NoUInt16);
            Fill(image, at + 16, 4, RegisterWords.NoInt16);
            RegisterWords.Put16(image, at + 21, RegisterWords.NoInt16);
            RegisterWords.Put16(image, at + 23, RegisterWords.NoInt16);
        }

        /// <summary>
        /// Model 802, battery base: SoC, SoH, NCyc, V, A, W and ChaSt; ratings, limits, cell voltages, events and the
        /// controls are not implemented (read-only). A and W keep the schema's sign, positive while charging, the
        /// sign the host's SunSpec map draft reads them with.
        /// </summary>
        public void WriteBattery(Sample sample, ushort[] image, int at)
        {
            // Every point not fed below is uint16, enum16, uint32 or bitfield32, all 0xFFFF words when not implemented;
            // ReqW and the scale factors are int16.
            Fill(image, at, SunSpecModels.BatteryLength, RegisterWords.NoUInt16);
            RegisterWords.Put16(image, at + 47, RegisterWords.NoInt16);
            Fill(image, at + 50, 12, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.BatterySoc, SampleValues.Number(sample, _points.BatterySoc));
            _group.Put(image, 1, at + SunSpecModels.BatterySocSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            _group.Take(0, at + SunSpecModels.BatterySoh, SampleValues.Number(sample, _points.BatterySoh));
            _group.Put(image, 1, at + SunSpecModels.BatterySohSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            long cycles;
            if (RegisterWords.TryScale(SampleValues.Number(sample, _points.BatteryCycles), 0, 0, ScaleFactorGroup.Acc32Max - 1, out cycles))
            {
                RegisterWords.Put32(image, at + SunSpecModels.BatteryCycles, cycles);
            }

            RegisterWords.Put16(image, at + SunSpecModels.BatteryChargeStatus, ChargeStatus(SampleValues.Number(sample, _points.BatteryPower)));
            _group.Take(0, at + SunSpecModels.BatteryVoltage, SampleValues.Number(sample, _points.BatteryVoltage));
            _group.Put(image, 1, at + SunSpecModels.BatteryVoltageSf, -1, 0, UInt16Max, RegisterWords.NoUInt16);
            _group.Take(0, at + SunSpecModels.BatteryCurrent, SampleValues.Number(sample, _points.BatteryCurrent));
            _group.Put(image, 1, at + SunSpecModels.BatteryCurrentSf, -2, Int16Min, Int16Max, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.BatteryPower, SampleValues.Number(sample, _points.BatteryPower));
            _group.Put(image, 1, at + SunSpecModels.BatteryPowerSf, 0, Int16Min, Int16Max, RegisterWords.NoInt16);
        }

        /// <summary>
        /// Meter 203 for the grid connection. SunSpec meters count import as positive power, the schema counts export as
        /// positive, so the powers change sign here.
        /// </summary>
        public void WriteMeter(Sample sample, ushort[] image, int at)
        {
            _group.Take(0, at, double.NaN);
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                _group.Take(p + 1, at + SunSpecModels.MeterPhaseCurrent + p, SampleValues.Number(sample, _points.PhaseCurrent[p]));
            }

            _group.Put(image, 4, at + SunSpecModels.MeterCurrentSf, -2, Int16Min, Int16Max, RegisterWords.NoInt16);
            _group.Take(0, at + 5, double.NaN);
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                _group.Take(p + 1, at + SunSpecModels.MeterPhaseVoltage + p, SampleValues.Number(sample, _points.PhaseVoltage[p]));
            }

            _group.Put(image, 4, at + SunSpecModels.MeterVoltageSf, -1, Int16Min, Int16Max, RegisterWords.NoInt16);
            Fill(image, at + 9, 4, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.MeterFrequency, SampleValues.Number(sample, _points.GridFrequency));
            _group.Put(image, 1, at + SunSpecModels.MeterFrequencySf, -2, Int16Min, Int16Max, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.MeterPower, -SampleValues.Number(sample, _points.GridPower));
            for (int p = 0; p < TelemetrySchema.MaxPhases; p++)
            {
                _group.Take(p + 1, at + SunSpecModels.MeterPhasePower + p, -SampleValues.Number(sample, _points.PhasePower[p]));
            }

            _group.Put(image, 4, at + SunSpecModels.MeterPowerSf, 0, Int16Min, Int16Max, RegisterWords.NoInt16);
            Fill(image, at + 21, 10, RegisterWords.NoInt16);
            _group.Take(0, at + SunSpecModels.MeterPowerFactor, 100 * SampleValues.Number(sample, _points.GridPowerFactor));
            _group.Put(image, 1, at + SunSpecModels.MeterPowerFactorSf, -1, Int16Min, Int16Max, RegisterWords.NoInt16);
            Fill(image, at + 32, 3, RegisterWords.NoInt16);
            for (int r = 36; r < 52; r += 2)
            {
                RegisterWords.Put32(image, at + r, RegisterWords.NoAcc32);
            }

            _group.Take(0, at + SunSpecModels.MeterExportEnergy, Watthours(SampleValues.Number(sample, _points.GridExport)));
            _group.Take(1, at + SunSpecModels.MeterImportEnergy, Watthours(SampleValues.Number(sample, _points.GridImport)));
            _group.PutAccumulators(image, 2, at + SunSpecModels.MeterEnergySf);
            for (int r = 53; r < 102; r++)
            {
                image[at + r] = 0;
            }

            RegisterWords.Put16(image, at + 69, RegisterWords.NoInt16);
            RegisterWords.Put16(image, at + 102, RegisterWords.NoInt16);
            RegisterWords.Put32(image, at + 103, RegisterWords.NoUInt32);
        }

        /// <summary>PV less battery charging; the battery counts as zero when the map has none, and as absent when it has one that did not answer.</summary>
        private double InverterPower(Sample sample)
        {
            double pv = SampleValues.Number(sample, _points.PvPower);
            return SampleValues.Fed(sample, _points.BatteryPower) ? pv - SampleValues.Number(sample, _points.BatteryPower) : pv;
        }

        /// <summary>ChaSt: 3 discharging, 4 charging, 6 holding (the same enumeration in SunSpec models 124 and 802).</summary>
        private static int ChargeStatus(double batteryPower)
        {
            if (double.IsNaN(batteryPower))
            {
                return RegisterWords.NoUInt16;
            }

            if (0 < batteryPower)
            {
                return 4;
            }

            return batteryPower < 0 ? 3 : 6;
        }

        private static double Watthours(double kilowattHours)
        {
            return 1000 * kilowattHours;
        }

        private static void PutCode(ushort[] image, int at, long code)
        {
            RegisterWords.Put32(image, at, code < 0 ? RegisterWords.NoUInt32 : code);
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
