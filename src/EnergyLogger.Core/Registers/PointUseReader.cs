using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads how a point is used, once its registers and scaling are known: poll class, unit, writes, value map,
    /// publishing, schema target and sign.
    /// </summary>
    internal sealed class PointUseReader
    {
        private static readonly string[] PollNames = { "fast", "normal", "slow", "once" };

        /// <summary>A point's own sign: the device's conventions, one of them named for this point, or plain inversion.</summary>
        private static readonly string[] PointSignNames =
        {
            "device", "export_positive", "import_positive", "charge_positive", "discharge_positive", "inverted",
        };

        private const int SignInverted = 5;

        private readonly MapReader _r;
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map;
        private readonly ValueMapListReader _valueMaps;
        private readonly SchemaTargets _targets;

        public PointUseReader(MapReader r, RegisterMap map, ValueMapListReader valueMaps, SchemaTargets targets)
        {
            _r = r;
            _doc = r.Doc;
            _map = map;
            _valueMaps = valueMaps;
            _targets = targets;
        }

        public bool Read(int obj, PointDefinition p)
        {
            int poll;
            string unit, ignored;
            if (!_r.Choice(obj, "poll", PollNames, (int)p.Poll, out poll) || !_r.String(obj, "unit", MapLimits.MaxUnitLength, out unit)
                || !_r.String(obj, "source", MapLimits.MaxSourceLength, out ignored) || !ReadWritable(obj, p) || !ReadValueMap(obj, p))
            {
                return false;
            }

            p.Poll = (PollClass)poll;
            p.Unit = unit;
            bool publish;
            if (!_r.Bool(obj, "publish", true, out publish))
            {
                return false;
            }

            p.Publish = publish;
            if (p.IsMetadata)
            {
                return true;
            }

            int target;
            if (!_targets.Read(obj, _map.Devices[p.Device].EndpointGroup, p.Type == RegisterType.String, p.IsPlainInteger, ref unit, out target)
                || !_targets.CheckPublished(obj, publish, target))
            {
                return false;
            }

            p.Unit = unit;
            p.Target = target;
            return ReadPointSign(obj, p);
        }

        /// <summary>
        /// "sign": how this point signs its value when it differs from its device's "signs" (a device with an
        /// export-positive and an import-positive power register side by side), or "inverted" to negate any number.
        /// </summary>
        private bool ReadPointSign(int obj, PointDefinition p)
        {
            int sign;
            if (!_r.Choice(obj, "sign", PointSignNames, 0, out sign) || sign == 0)
            {
                return !_r.Failed;
            }

            int token = _doc.Member(obj, "sign");
            if (sign == SignInverted)
            {
                if (p.Type == RegisterType.String || p.Type == RegisterType.Bool || p.ValueMap >= 0
                    || (p.Target >= 0 && TelemetrySchema.Field(p.Target).Kind == FieldKind.Code))
                {
                    return _r.Fail(MapErrorCode.NotAllowed, token, "sign", "only numbers can be inverted");
                }

                p.Inverted = true;
                return true;
            }

            SignClass needed = sign <= 2 ? SignClass.GridPower : SignClass.BatteryFlow;
            if (p.Target < 0 || TelemetrySchema.Field(p.Target).Sign != needed)
            {
                string what = needed == SignClass.GridPower ? "grid power fields" : "battery power and current fields";
                return _r.Fail(MapErrorCode.NotAllowed, token, "sign", PointSignNames[sign] + " applies to " + what + " only");
            }

            p.OwnSign = true;
            p.GridSign = sign == 2 ? GridSign.ImportPositive : GridSign.ExportPositive;
            p.BatterySign = sign == 4 ? BatterySign.DischargePositive : BatterySign.ChargePositive;
            return true;
        }

        /// <summary>Remote writes (RELIABILITY C7) go only to holding registers and coils, within writeMin..writeMax.</summary>
        private bool ReadWritable(int obj, PointDefinition p)
        {
            bool writable;
            if (!_r.Bool(obj, "writable", false, out writable))
            {
                return false;
            }

            if (!writable)
            {
                return _r.Absent(obj, "writeMin", "only allowed for writable points") && _r.Absent(obj, "writeMax", "only allowed for writable points");
            }

            int token = _doc.Member(obj, "writable");
            if (p.Function != FunctionCode.ReadHoldingRegisters && p.Function != FunctionCode.ReadCoils)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "writable", "only holding registers and coils can be written");
            }

            if (p.Mask != 0 && p.Type != RegisterType.Bool)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "writable", "a masked point cannot be written");
            }

            p.Writable = true;
            if (p.Type == RegisterType.Bool || p.Type == RegisterType.String)
            {
                string why = p.Type == RegisterType.Bool ? "not allowed for type bool" : "not allowed for type string";
                return _r.Absent(obj, "writeMin", why) && _r.Absent(obj, "writeMax", why);
            }

            double min, max;
            if (!_r.Present(obj, "writeMin") || !_r.Present(obj, "writeMax") || !_r.Bounds(obj, "writeMin", "writeMax", out min, out max))
            {
                return false;
            }

            p.WriteMin = min;
            p.WriteMax = max;
            return true;
        }

        private bool ReadValueMap(int obj, PointDefinition p)
        {
            string name;
            if (!_r.String(obj, "valueMap", MapLimits.MaxNameLength, out name) || name == null)
            {
                return !_r.Failed;
            }

            int token = _doc.Member(obj, "valueMap");
            p.ValueMap = _valueMaps.IndexOf(name);
            if (p.ValueMap < 0)
            {
                return _r.Fail(MapErrorCode.UnknownReference, token, "valueMap", "unknown value map \"" + name + "\"");
            }

            return p.IsPlainInteger || _r.Fail(MapErrorCode.NotAllowed, token, "valueMap", "needs an integer point without scale, offset or scaleFactor");
        }
    }
}
