using EnergyLogger.Core.SunSpec;
using EnergyLogger.Core.Telemetry;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// The SunSpec chain of one sample: SunS, common (1), inverter (101/102/103 by the grid phases the map feeds),
    /// MPPT (160, one module per MPPT the map feeds), storage (124 and battery 802, when it feeds the battery), meter (203, when it feeds
    /// the grid power), the end mark. Which models appear depends only on what the map feeds, so the chain's layout
    /// holds from cycle to cycle; a value that is absent this cycle reads as not-implemented. Scale factors are picked
    /// per sample, the smallest that fits every value sharing one (<see cref="ScaleFactorGroup"/>). Allocates nothing per sample.
    /// This class decides the chain; <see cref="SunSpecModelWriter"/> fills each model's points from the sample.
    /// </summary>
    public sealed class SunSpecEncoder
    {
        private readonly SunSpecPoints _points = new SunSpecPoints();
        private readonly SunSpecModelWriter _models;

        public SunSpecEncoder(DeviceIdentity identity)
        {
            _models = new SunSpecModelWriter(identity, _points);
        }

        /// <summary>Writes the chain at <paramref name="at"/> (the base address's register) and returns its length in registers.</summary>
        /// <param name="unit">The unit id the server answers as, which the common model names (DA).</param>
        public int Encode(Sample sample, ushort[] image, int at, int unit)
        {
            int pos = at;
            RegisterWords.Put16(image, pos++, SunSpecModels.MarkHigh);
            RegisterWords.Put16(image, pos++, SunSpecModels.MarkLow);
            pos = Model(image, pos, SunSpecModels.Common, SunSpecModels.CommonLength);
            _models.WriteCommon(image, pos, unit);
            pos += SunSpecModels.CommonLength;

            pos = Model(image, pos, InverterModel(sample), SunSpecModels.InverterLength);
            _models.WriteInverter(sample, image, pos);
            pos += SunSpecModels.InverterLength;

            int mppts = _points.MpptCount(sample);
            if (mppts > 0)
            {
                int length = SunSpecModels.MpptFixedLength + (mppts * SunSpecModels.MpptModuleLength);
                pos = Model(image, pos, SunSpecModels.Mppt, length);
                _models.WriteMppt(sample, image, pos, mppts);
                pos += length;
            }

            // 124 for the clients that know only it, then 802, which carries what 124 lacks (SoH, current, power);
            // clients that read both (Home Assistant's SunSpec integration) find the same values in each.
            if (_points.FedBattery(sample))
            {
                pos = Model(image, pos, SunSpecModels.Storage, SunSpecModels.StorageLength);
                _models.WriteStorage(sample, image, pos);
                pos += SunSpecModels.StorageLength;
                pos = Model(image, pos, SunSpecModels.Battery, SunSpecModels.BatteryLength);
                _models.WriteBattery(sample, image, pos);
                pos += SunSpecModels.BatteryLength;
            }

            if (SampleValues.Fed(sample, _points.GridPower))
            {
                pos = Model(image, pos, SunSpecModels.Meter, SunSpecModels.MeterLength);
                _models.WriteMeter(sample, image, pos);
                pos += SunSpecModels.MeterLength;
            }

            pos = Model(image, pos, SunSpecModels.EndId, 0);
            return pos - at;
        }

        /// <summary>103 when the map feeds phase 3, 102 when it feeds phase 2, else 101.</summary>
        public int InverterModel(Sample sample)
        {
            if (_points.FedPhase(sample, 2))
            {
                return SunSpecModels.InverterThreePhase;
            }

            return _points.FedPhase(sample, 1) ? SunSpecModels.InverterSplitPhase : SunSpecModels.InverterSinglePhase;
        }

        /// <summary>The highest MPPT the map feeds: modules are numbered like the schema's, so a gap reads not-implemented.</summary>
        public int MpptCount(Sample sample)
        {
            return _points.MpptCount(sample);
        }

        private static int Model(ushort[] image, int pos, int id, int length)
        {
            RegisterWords.Put16(image, pos, id);
            RegisterWords.Put16(image, pos + 1, length);
            return pos + 2;
        }
    }
}
