using System.Collections;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>How a point is used: poll class, unit, writes, value map, schema target; and its raw constants.</summary>
    public sealed partial class RegisterMapLoader
    {
        // (endpoint group, schema field) -> owner path: a field is fed by one source per published sample.
        private readonly Hashtable _targets = new Hashtable();

        /// <summary>A point's own sign: the device's conventions, one of them named for this point, or plain inversion.</summary>
        private static readonly string[] PointSignNames =
        {
            "device", "export_positive", "import_positive", "charge_positive", "discharge_positive", "inverted",
        };

        private const int SignInverted = 5;

        private bool ReadUse(int obj, PointDefinition p)
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
            _publishGiven[p.Index] = Doc.Member(obj, "publish") >= 0;
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
            if (!ReadTarget(obj, _map.Devices[p.Device].EndpointGroup, p.Type == RegisterType.String, p.IsPlainInteger, ref unit, out target)
                || !Unpublished(obj, publish, target))
            {
                return false;
            }

            p.Unit = unit;
            p.Target = target;
            return ReadPointSign(obj, p);
        }

        /// <summary>A value that is not published cannot feed a schema field: the field would silently stay empty.</summary>
        private bool Unpublished(int obj, bool publish, int target)
        {
            return publish || target < 0
                || _r.Fail(MapErrorCode.NotAllowed, Doc.Member(obj, "publish"), "publish", "a value with a target is published");
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

            int token = Doc.Member(obj, "sign");
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

            int token = Doc.Member(obj, "writable");
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
            if (!_r.Present(obj, "writeMin") || !_r.Present(obj, "writeMax")
                || !_r.Number(obj, "writeMin", 0, out min) || !_r.Number(obj, "writeMax", 0, out max))
            {
                return false;
            }

            if (max < min)
            {
                return _r.Fail(MapErrorCode.OutOfRange, Doc.Member(obj, "writeMax"), "writeMax", "must not be below writeMin");
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

            int token = Doc.Member(obj, "valueMap");
            p.ValueMap = FindValueMap(name);
            if (p.ValueMap < 0)
            {
                return _r.Fail(MapErrorCode.UnknownReference, token, "valueMap", "unknown value map \"" + name + "\"");
            }

            return p.IsPlainInteger || _r.Fail(MapErrorCode.NotAllowed, token, "valueMap", "needs an integer point without scale, offset or scaleFactor");
        }

        /// <summary>The schema field a point or computed field feeds; its unit must be the field's unit.</summary>
        private bool ReadTarget(int obj, int group, bool isString, bool plainInteger, ref string unit, out int field)
        {
            field = -1;
            string path;
            if (!_r.String(obj, "target", 64, out path) || path == null)
            {
                return !_r.Failed;
            }

            int token = Doc.Member(obj, "target");
            field = TelemetrySchema.IndexOf(path);
            if (field < 0)
            {
                return _r.Fail(MapErrorCode.UnknownTarget, token, "target", "unknown schema path \"" + path + "\"");
            }

            SchemaField f = TelemetrySchema.Field(field);
            if (isString)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "target", "a string point cannot feed a schema field");
            }

            if (f.Kind == FieldKind.Code && !plainInteger)
            {
                return _r.Fail(MapErrorCode.NotAllowed, token, "target", f.Path + " needs an integer point without scale, offset or scaleFactor");
            }

            if (unit != null && unit != f.Unit)
            {
                string expected = f.Unit.Length == 0 ? "has no unit" : "is in " + f.Unit;
                return _r.Fail(MapErrorCode.UnitMismatch, Doc.Member(obj, "unit"), "unit", f.Path + " " + expected + ", not " + unit);
            }

            object key = (group * 1000) + field;
            string owner = (string)_targets[key];
            if (owner != null)
            {
                return _r.Fail(MapErrorCode.DuplicateTarget, token, "target", f.Path + " is already fed by " + owner);
            }

            _targets[key] = _r.PathOf(null);
            unit = f.Unit;
            return true;
        }

        /// <summary>
        /// An integer (decimal, or a hex string like "0xFFFF") as <see cref="ValueCodec.ToInt64"/> returns it for
        /// <paramref name="raw"/>: 0x8000 and -32768 are the same int16 value.
        /// </summary>
        private bool RawConstant(int token, string member, RegisterType raw, out long value)
        {
            value = 0;
            long number = 0;
            ulong pattern = 0;
            bool isNumber = Doc.Kind(token) == JsonKind.Number;
            bool parsed = isNumber ? Doc.TryGetInt64(token, out number) : Doc.Kind(token) == JsonKind.String && ParseHex(Doc.GetString(token), out pattern);
            if (!parsed)
            {
                return _r.Fail(MapErrorCode.WrongType, token, member, "expected an integer or a hex string such as \"0xFFFF\"");
            }

            if (isNumber)
            {
                pattern = (ulong)number;
            }

            int width = Width(raw);
            bool signed = raw == RegisterType.Int16 || raw == RegisterType.Int32 || raw == RegisterType.Int64;
            bool fits = isNumber && number < 0
                ? signed && (width == 64 || number >= -(1L << (width - 1)))
                : width == 64 || pattern <= WidthMask(width);
            if (!fits)
            {
                return _r.Fail(MapErrorCode.OutOfRange, token, member, "does not fit " + TypeNameOf(raw));
            }

            value = isNumber && number < 0 ? number
                : signed && width < 64 && pattern > (WidthMask(width) >> 1) ? (long)pattern - (1L << width)
                : (long)pattern;
            return true;
        }

        private bool ResolveScaleFactors()
        {
            for (int i = 0; i < _map.Points.Length; i++)
            {
                string name = (string)_scaleFactorNames[i];
                if (name != null && !ResolveScaleFactor(_map.Points[i], name, (int)_scaleFactorTokens[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>SunSpec scale factors: an int16 point of the same device, itself unscaled.</summary>
        private bool ResolveScaleFactor(PointDefinition p, string name, int token)
        {
            string path = (p.IsMetadata ? "metadata[" + (p.Index - _map.TelemetryCount).ToString() : "points[" + p.Index.ToString()) + "].scaleFactor";
            int sf = _map.IndexOfPoint(name);
            string reason = null;
            MapErrorCode code = MapErrorCode.NotAllowed;
            if (sf < 0)
            {
                code = MapErrorCode.UnknownReference;
                reason = "unknown point \"" + name + "\"";
            }
            else if (sf == p.Index)
            {
                reason = "a point cannot scale itself";
            }
            else if (_map.Points[sf].Device != p.Device)
            {
                reason = "\"" + name + "\" is on another device";
            }
            else if (!IsPlainInt16(_map.Points[sf]) || _scaleFactorNames[sf] != null)
            {
                reason = "\"" + name + "\" must be a plain int16 point";
            }

            if (reason != null)
            {
                _r.FailWith(new MapError(code, path, Doc.Position(token), reason));
                return false;
            }

            p.ScaleFactorPoint = sf;
            PointDefinition factor = _map.Points[sf];
            // A scale factor is an input, not a reading: unpublished unless the map says otherwise, and its "not
            // implemented" marker 0x8000 is never a number even where it is published.
            if (!(bool)_publishGiven[sf])
            {
                factor.Publish = false;
            }

            if (!factor.IsSentinel(short.MinValue))
            {
                var sentinels = new long[factor.Sentinels.Length + 1];
                System.Array.Copy(factor.Sentinels, sentinels, factor.Sentinels.Length);
                sentinels[factor.Sentinels.Length] = short.MinValue;
                factor.Sentinels = sentinels;
            }

            return true;
        }

        private static bool IsPlainInt16(PointDefinition p)
        {
            return p.Type == RegisterType.Int16 && p.Scale == 1 && p.Offset == 0 && p.Mask == 0;
        }

        private static bool ParseHex(string text, out ulong value)
        {
            value = 0;
            if (text.Length < 3 || text.Length > 18 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
            {
                return false;
            }

            for (int i = 2; i < text.Length; i++)
            {
                int d = JsonNumber.HexDigit(text[i]);
                if (d < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)d;
            }

            return true;
        }

        private static int Width(RegisterType raw)
        {
            switch (raw)
            {
                case RegisterType.UInt8High:
                case RegisterType.UInt8Low:
                    return 8;
                case RegisterType.UInt32:
                case RegisterType.Int32:
                    return 32;
                case RegisterType.UInt64:
                case RegisterType.Int64:
                    return 64;
                default:
                    return 16;
            }
        }

        private static ulong WidthMask(int width)
        {
            return width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        }

        private static string TypeNameOf(RegisterType type)
        {
            for (int i = 0; i < Types.Length; i++)
            {
                if (Types[i] == type)
                {
                    return TypeNames[i];
                }
            }

            return string.Empty;
        }
    }
}
