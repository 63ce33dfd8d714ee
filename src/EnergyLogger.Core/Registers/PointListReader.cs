using System.Collections;
using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads the "points" (telemetry) and "metadata" lists: where each value lives and how its registers are laid
    /// out, with the devices' expected registers as hidden points between the two; how each is used is the
    /// <see cref="PointUseReader"/>'s part.
    /// </summary>
    internal sealed class PointListReader
    {
        private static readonly string[] PointMembers =
        {
            "name", "device", "function", "address", "type", "count", "wordOrder", "bit", "mask", "scale", "offset",
            "scaleFactor", "unit", "sentinels", "validMin", "validMax", "poll", "writable", "writeMin", "writeMax",
            "valueMap", "target", "sign", "publish", "source",
        };

        /// <summary>Metadata is published by name, so it has no schema target.</summary>
        private static readonly string[] MetadataMembers =
        {
            "name", "device", "function", "address", "type", "count", "wordOrder", "bit", "mask", "scale", "offset",
            "scaleFactor", "unit", "sentinels", "validMin", "validMax", "poll", "writable", "writeMin", "writeMax",
            "valueMap", "publish", "source",
        };

        private static readonly string[] OrderNames = { "ABCD", "CDAB", "BADC", "DCBA" };
        private static readonly WordOrder[] Orders = { WordOrder.Abcd, WordOrder.Cdab, WordOrder.Badc, WordOrder.Dcba };

        private readonly MapReader _r;
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map;
        private readonly MapNames _names;
        private readonly RegisterTerms _terms;
        private readonly DeviceListReader _devices;
        private readonly PointUseReader _use;
        private readonly ScaleFactorLinks _scaleFactors;
        private readonly ArrayList _points = new ArrayList();

        public PointListReader(
            MapReader r, RegisterMap map, MapNames names, RegisterTerms terms, DeviceListReader devices, PointUseReader use, ScaleFactorLinks scaleFactors)
        {
            _r = r;
            _doc = r.Doc;
            _map = map;
            _names = names;
            _terms = terms;
            _devices = devices;
            _use = use;
            _scaleFactors = scaleFactors;
        }

        /// <summary>Fills the map's points: telemetry, then the hidden expected ones, then metadata.</summary>
        public bool Load()
        {
            int telemetry, metadata;
            if (!_r.Array(JsonDocument.Root, "points", MapLimits.MaxPoints, "telemetry points", out telemetry)
                || !_r.Array(JsonDocument.Root, "metadata", MapLimits.MaxMetadata, "metadata points", out metadata))
            {
                return false;
            }

            LoadPointList(telemetry, "points", false);
            AddExpectedPoints();
            _map.TelemetryCount = _points.Count;
            LoadPointList(metadata, "metadata", true);
            _map.Points = new PointDefinition[_points.Count];
            for (int i = 0; i < _points.Count; i++)
            {
                _map.Points[i] = (PointDefinition)_points[i];
            }

            return !_r.Failed;
        }

        private void LoadPointList(int list, string member, bool metadata)
        {
            if (list < 0 || _r.Failed)
            {
                return;
            }

            _r.Enter(member);
            for (int e = _doc.FirstChild(list), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(list, e), i++)
            {
                _r.EnterIndex(i);
                _scaleFactors.Add(false);
                _points.Add(LoadPoint(e, metadata));
                _r.Leave();
            }

            _r.Leave();
        }

        /// <summary>
        /// One hidden point per expected register, read every cycle with the fast class (so no value is published from a
        /// cycle whose layout was not checked) and never published; its name cannot clash with a map's names.
        /// </summary>
        private void AddExpectedPoints()
        {
            ArrayList expected = _devices.Expected;
            for (int i = 0; i < expected.Count && !_r.Failed; i++)
            {
                var e = (long[])expected[i];
                var p = new PointDefinition
                {
                    Index = _points.Count,
                    Name = "expect@" + _map.Devices[(int)e[0]].Id + "." + e[2].ToString(),
                    Device = (int)e[0],
                    Function = RegisterTerms.Code((int)e[1]),
                    Address = (int)e[2],
                    Type = RegisterType.UInt16,
                    RawType = RegisterType.UInt16,
                    Count = 1,
                    Poll = PollClass.Fast,
                    Publish = false,
                    HasExpected = true,
                    Expected = e[3],
                };
                _points.Add(p);
                _scaleFactors.Add(true);
            }
        }

        private PointDefinition LoadPoint(int obj, bool metadata)
        {
            var p = new PointDefinition { Index = _points.Count, IsMetadata = metadata, Poll = metadata ? PollClass.Once : PollClass.Normal };
            string name;
            int device, function, address;
            RegisterType type;
            if (!_r.Object(obj, null, metadata ? MetadataMembers : PointMembers)
                || !_names.Read(obj, out name) || !_names.Claim(obj, name)
                || !_devices.ReadReference(obj, _map.Devices.Length == 1 ? 0 : -1, out device)
                || !_terms.Function(obj, out function)
                || !_terms.Address(obj, "address", out address))
            {
                return p;
            }

            bool bitFunction = function < RegisterTerms.Holding;
            if (!_terms.Type(obj, bitFunction, out type))
            {
                return p;
            }

            p.Name = name;
            p.Device = device;
            p.Function = RegisterTerms.Code(function);
            p.Address = address;
            p.Type = type;
            if (ReadShape(obj, p, bitFunction) && ReadBits(obj, p, bitFunction) && ReadScaling(obj, p)
                && ReadSentinels(obj, p, bitFunction) && ReadValidRange(obj, p.Type == RegisterType.String, out double min, out double max)
                && _use.Read(obj, p))
            {
                p.ValidMin = min;
                p.ValidMax = max;
            }

            // A scale factor's default (not published) gives way to a "publish" the map writes itself.
            _scaleFactors.PublishGiven(p.Index, _doc.Member(obj, "publish") >= 0);
            return p;
        }

        /// <summary>Register count, word order and the raw type the decoder reads.</summary>
        private bool ReadShape(int obj, PointDefinition p, bool bitFunction)
        {
            if (bitFunction && p.Type != RegisterType.Bool)
            {
                return _r.Fail(MapErrorCode.NotAllowed, _doc.Member(obj, "type"), "type", "must be bool for coil and discrete_input points");
            }

            long count = ValueCodec.RegisterCount(p.Type);
            bool counted = p.Type == RegisterType.String
                ? _r.RequiredInteger(obj, "count", 1, MapLimits.MaxStringRegisters, out count)
                : _r.Absent(obj, "count", "only allowed for type string");
            int order = 0;
            if (!counted || !(bitFunction ? _r.Absent(obj, "wordOrder", "only allowed for registers") : _r.Choice(obj, "wordOrder", OrderNames, 0, out order)))
            {
                return false;
            }

            p.Count = bitFunction ? 1 : (int)count;
            p.Order = Orders[order];
            if (p.Address + p.Count - 1 > 65535)
            {
                return _r.Fail(MapErrorCode.OutOfRange, _doc.Member(obj, "address"), "address", "the point runs past address 65535");
            }

            p.RawType = p.Type == RegisterType.Float32 ? RegisterType.UInt32
                : p.Type == RegisterType.Bool && !bitFunction ? RegisterType.UInt16
                : p.Type;
            return true;
        }

        /// <summary>"bit" takes one bit (0 = least significant), "mask" a group of bits shifted down to bit 0.</summary>
        private bool ReadBits(int obj, PointDefinition p, bool bitFunction)
        {
            int bit = _doc.Member(obj, "bit");
            int mask = _doc.Member(obj, "mask");
            if (bit < 0 && mask < 0)
            {
                return true;
            }

            string member = mask >= 0 ? "mask" : "bit";
            if (bit >= 0 && mask >= 0)
            {
                return _r.Fail(MapErrorCode.NotAllowed, mask, "mask", "bit and mask exclude each other");
            }

            bool unsigned = p.RawType == RegisterType.UInt8High || p.RawType == RegisterType.UInt8Low || p.RawType == RegisterType.UInt16
                || p.RawType == RegisterType.UInt32 || p.RawType == RegisterType.UInt64;
            if (!unsigned || bitFunction || p.Type == RegisterType.Float32)
            {
                return _r.Fail(MapErrorCode.NotAllowed, bit >= 0 ? bit : mask, member, "only allowed for unsigned integer types and bool registers");
            }

            if (p.Type == RegisterType.Bool && mask >= 0)
            {
                return _r.Fail(MapErrorCode.NotAllowed, mask, "mask", "a bool takes a bit, not a mask");
            }

            int width = RegisterTerms.Width(p.RawType);
            if (bit >= 0)
            {
                long n;
                if (!_r.Integer(obj, "bit", 0, width - 1, 0, out n))
                {
                    return false;
                }

                p.Mask = 1UL << (int)n;
                p.Shift = (int)n;
                return true;
            }

            long pattern;
            if (!_terms.Constant(mask, "mask", p.RawType, out pattern))
            {
                return false;
            }

            ulong m = (ulong)pattern & RegisterTerms.WidthMask(width);
            if (m == 0)
            {
                return _r.Fail(MapErrorCode.OutOfRange, mask, "mask", "must not be 0");
            }

            p.Mask = m;
            while (((m >> p.Shift) & 1) == 0)
            {
                p.Shift++;
            }

            return true;
        }

        /// <summary>value = raw x scale x 10^scaleFactor + offset, for numeric points that are not single bits.</summary>
        private bool ReadScaling(int obj, PointDefinition p)
        {
            bool single = p.Type == RegisterType.Bool || (p.Mask != 0 && _doc.Member(obj, "bit") >= 0);
            if (p.Type == RegisterType.String || single)
            {
                string why = single ? "not allowed for a single bit" : "not allowed for type string";
                return _r.Absent(obj, "scale", why) && _r.Absent(obj, "offset", why) && _r.Absent(obj, "scaleFactor", why);
            }

            double scale, offset;
            string factor;
            if (!_r.Number(obj, "scale", 1, out scale) || !_r.Number(obj, "offset", 0, out offset)
                || !_r.String(obj, "scaleFactor", MapLimits.MaxNameLength, out factor))
            {
                return false;
            }

            if (scale == 0)
            {
                return _r.Fail(MapErrorCode.OutOfRange, _doc.Member(obj, "scale"), "scale", "must not be 0");
            }

            if (factor != null && p.Type == RegisterType.Float32)
            {
                return _r.Fail(MapErrorCode.NotAllowed, _doc.Member(obj, "scaleFactor"), "scaleFactor", "not allowed for type float32");
            }

            p.Scale = scale;
            p.Offset = offset;
            _scaleFactors.Link(p.Index, factor, _doc.Member(obj, "scaleFactor"));
            return true;
        }

        private bool ReadSentinels(int obj, PointDefinition p, bool bitFunction)
        {
            int list;
            if (!_r.Array(obj, "sentinels", MapLimits.MaxSentinels, "sentinels", out list) || list < 0)
            {
                return !_r.Failed;
            }

            if (p.Type == RegisterType.String || bitFunction)
            {
                return _r.Fail(MapErrorCode.NotAllowed, list, "sentinels", bitFunction ? "not allowed for coil and discrete_input points" : "not allowed for type string");
            }

            var sentinels = new long[_doc.Length(list)];
            for (int e = _doc.FirstChild(list), i = 0; e != -1; e = _doc.NextSibling(list, e), i++)
            {
                if (!_terms.Constant(e, "sentinels[" + i.ToString() + "]", p.RawType, out sentinels[i]))
                {
                    return false;
                }
            }

            p.Sentinels = sentinels;
            return true;
        }

        private bool ReadValidRange(int obj, bool isString, out double min, out double max)
        {
            if (isString)
            {
                min = double.NaN;
                max = double.NaN;
                return _r.Absent(obj, "validMin", "not allowed for type string") && _r.Absent(obj, "validMax", "not allowed for type string");
            }

            return _r.Bounds(obj, "validMin", "validMax", out min, out max);
        }
    }
}
