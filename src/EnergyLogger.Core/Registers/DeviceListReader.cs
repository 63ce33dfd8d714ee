using System.Collections;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads the "devices" list: slaves on the bus, their line settings, limits, identity and sign conventions, and
    /// the registers each must hold; then resolves the references points and computed fields make to them.
    /// </summary>
    internal sealed class DeviceListReader
    {
        private static readonly string[] DeviceMembers =
        {
            "id", "slave", "baud", "parity", "dataBits", "stopBits", "timeoutMs", "maxRegisters", "maxBits",
            "minGapMs", "neverRead", "endpoint", "signs", "maxPowerW", "expect", "source", "kind", "scaleInRequest",
        };

        /// <summary>A device read by the map's points, or one that describes itself (SunSpec) and whose points are drafted from its chain.</summary>
        private static readonly string[] KindNames = { "registers", "sunspec" };

        private static readonly string[] ExpectMembers = { "function", "address", "values", "source" };

        private const int MaxExpect = 16;
        private const int MaxExpectValues = 8;

        private static readonly string[] RangeMembers = { "function", "from", "to" };
        private static readonly string[] SignMembers = { "grid", "battery" };
        private static readonly string[] ParityNames = { "none", "even", "odd" };
        private static readonly string[] GridSignNames = { "export_positive", "import_positive" };
        private static readonly string[] BatterySignNames = { "charge_positive", "discharge_positive" };

        private readonly MapReader _r;
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map;
        private readonly RegisterTerms _terms;

        public DeviceListReader(MapReader r, RegisterMap map, RegisterTerms terms)
        {
            _r = r;
            _doc = r.Doc;
            _map = map;
            _terms = terms;
        }

        /// <summary>
        /// Per expected register, in map order: a long[] of device index, function index, PDU address and value. The
        /// point list reads each as a hidden point.
        /// </summary>
        public ArrayList Expected { get; } = new ArrayList();

        /// <summary>Fills the map's devices and endpoints.</summary>
        public bool Load()
        {
            int list;
            if (!_r.Present(JsonDocument.Root, "devices") || !_r.Array(JsonDocument.Root, "devices", MapLimits.MaxDevices, "devices", out list))
            {
                return false;
            }

            int count = _doc.Length(list);
            if (count == 0)
            {
                return _r.Fail(MapErrorCode.Required, list, "devices", "must list at least one device");
            }

            _map.Devices = new DeviceDefinition[count];
            _r.Enter("devices");
            for (int e = _doc.FirstChild(list), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(list, e), i++)
            {
                _r.EnterIndex(i);
                _map.Devices[i] = LoadDevice(e, i);
                _r.Leave();
            }

            _r.Leave();
            return !_r.Failed && GroupEndpoints();
        }

        private DeviceDefinition LoadDevice(int obj, int index)
        {
            var d = new DeviceDefinition { Index = index };
            string id;
            long slave;
            if (!_r.Object(obj, null, DeviceMembers) || !ReadDeviceId(obj, index, out id) || !_r.RequiredInteger(obj, "slave", 1, 247, out slave))
            {
                return d;
            }

            for (int i = 0; i < index; i++)
            {
                if (_map.Devices[i].Slave == slave)
                {
                    _r.Fail(MapErrorCode.DuplicateName, _doc.Member(obj, "slave"), "slave", "slave " + slave.ToString() + " is already used by devices[" + i.ToString() + "]");
                    return d;
                }
            }

            int kind;
            if (!_r.Choice(obj, "kind", KindNames, 0, out kind))
            {
                return d;
            }

            bool scaleInRequest;
            if (!_r.Bool(obj, "scaleInRequest", false, out scaleInRequest))
            {
                return d;
            }

            d.Id = id;
            d.Slave = (byte)slave;
            d.SunSpec = kind == 1;
            d.ScaleInRequest = scaleInRequest;
            ReadLine(obj, d);
            ReadLimits(obj, d);
            ReadIdentity(obj, d);
            ReadExpect(obj, d);
            return d;
        }

        private bool ReadDeviceId(int obj, int index, out string id)
        {
            if (!_r.RequiredString(obj, "id", MapLimits.MaxNameLength, out id))
            {
                return false;
            }

            if (!MapNames.IsName(id))
            {
                return _r.Fail(MapErrorCode.BadName, _doc.Member(obj, "id"), "id", "must start with a-z and use only a-z, 0-9 and _");
            }

            for (int i = 0; i < index; i++)
            {
                if (_map.Devices[i].Id == id)
                {
                    return _r.Fail(MapErrorCode.DuplicateName, _doc.Member(obj, "id"), "id", "\"" + id + "\" is already used by devices[" + i.ToString() + "]");
                }
            }

            return true;
        }

        /// <summary>Serial line settings (MODBUS over serial line v1.02, 2.5.1), defaulting to the 9600 8N1 most inverters ship with.</summary>
        private void ReadLine(int obj, DeviceDefinition d)
        {
            long baud, dataBits, stopBits, timeout;
            int parity;
            if (_r.Integer(obj, "baud", 1200, 115200, 9600, out baud)
                && _r.Choice(obj, "parity", ParityNames, 0, out parity)
                && _r.Integer(obj, "dataBits", 7, 8, 8, out dataBits)
                && _r.Integer(obj, "stopBits", 1, 2, 1, out stopBits)
                && _r.Integer(obj, "timeoutMs", 10, 10000, 1000, out timeout))
            {
                d.BaudRate = (int)baud;
                d.Parity = (SerialParity)parity;
                d.DataBits = (int)dataBits;
                d.StopBits = (int)stopBits;
                d.ResponseTimeoutMs = (int)timeout;
            }
        }

        private void ReadLimits(int obj, DeviceDefinition d)
        {
            long maxRegisters, maxBits, minGap;
            double maxPower;
            int ranges;
            if (!_r.Integer(obj, "maxRegisters", 1, ModbusPdu.MaxReadRegisters, ModbusPdu.MaxReadRegisters, out maxRegisters)
                || !_r.Integer(obj, "maxBits", 1, ModbusPdu.MaxReadBits, ModbusPdu.MaxReadBits, out maxBits)
                || !_r.Integer(obj, "minGapMs", 0, 60000, 0, out minGap)
                || !_r.Number(obj, "maxPowerW", d.MaxPowerW, out maxPower)
                || !_r.Array(obj, "neverRead", MapLimits.MaxNeverRead, "ranges", out ranges))
            {
                return;
            }

            if (maxPower <= 0)
            {
                _r.Fail(MapErrorCode.OutOfRange, _doc.Member(obj, "maxPowerW"), "maxPowerW", "must be above 0");
                return;
            }

            d.MaxRegisters = (int)maxRegisters;
            d.MaxBits = (int)maxBits;
            d.MinGapMs = (int)minGap;
            d.MaxPowerW = maxPower;
            if (ranges < 0)
            {
                return;
            }

            _r.Enter("neverRead");
            for (int e = _doc.FirstChild(ranges), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(ranges, e), i++)
            {
                _r.EnterIndex(i);
                ReadRange(e, d);
                _r.Leave();
            }

            _r.Leave();
        }

        /// <summary>
        /// "expect": registers whose values the device must hold for the map's layout to be the device's, such as a SunSpec
        /// model's ID and L; a device that holds other values publishes nothing but invalid values (docs/register-map.md).
        /// </summary>
        private void ReadExpect(int obj, DeviceDefinition d)
        {
            int list;
            if (_r.Failed || !_r.Array(obj, "expect", MaxExpect, "expected register ranges", out list) || list < 0)
            {
                return;
            }

            _r.Enter("expect");
            for (int e = _doc.FirstChild(list), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(list, e), i++)
            {
                _r.EnterIndex(i);
                int function, address, values;
                if (_r.Object(e, null, ExpectMembers) && _terms.Function(e, out function)
                    && _terms.Address(e, "address", out address) && _r.Present(e, "values")
                    && _r.Array(e, "values", MaxExpectValues, "values", out values))
                {
                    if (function < RegisterTerms.Holding || _doc.Length(values) == 0)
                    {
                        _r.Fail(MapErrorCode.NotAllowed, function < RegisterTerms.Holding ? _doc.Member(e, "function") : values, function < RegisterTerms.Holding ? "function" : "values",
                            function < RegisterTerms.Holding ? "only registers can be expected" : "must list at least one value");
                    }

                    for (int v = _doc.FirstChild(values), k = 0; v != -1 && !_r.Failed; v = _doc.NextSibling(values, v), k++)
                    {
                        long value;
                        if (!_terms.Constant(v, "values[" + k.ToString() + "]", RegisterType.UInt16, out value))
                        {
                            break;
                        }

                        if (address + k > 65535)
                        {
                            _r.Fail(MapErrorCode.OutOfRange, v, "values[" + k.ToString() + "]", "runs past address 65535");
                            break;
                        }

                        Expected.Add(new long[] { d.Index, function, address + k, value });
                    }
                }

                _r.Leave();
            }

            _r.Leave();
        }

        private void ReadRange(int obj, DeviceDefinition d)
        {
            int function;
            int from, to;
            if (!_r.Object(obj, null, RangeMembers)
                || !_terms.Function(obj, out function)
                || !_terms.Address(obj, "from", out from)
                || !_terms.Address(obj, "to", out to))
            {
                return;
            }

            if (to < from)
            {
                _r.Fail(MapErrorCode.OutOfRange, _doc.Member(obj, "to"), "to", "must not be below from");
                return;
            }

            d.NeverRead.Add(RegisterTerms.Code(function), from, to);
        }

        private void ReadIdentity(int obj, DeviceDefinition d)
        {
            string endpoint, ignored;
            int grid = 0, battery = 0;
            if (!_r.String(obj, "endpoint", MapLimits.MaxEndpointLength, out endpoint) || !_r.String(obj, "source", MapLimits.MaxSourceLength, out ignored))
            {
                return;
            }

            int signs = _doc.Member(obj, "signs");
            if (signs >= 0)
            {
                _r.Enter("signs");
                bool ok = _r.Object(signs, null, SignMembers)
                    && _r.Choice(signs, "grid", GridSignNames, 0, out grid)
                    && _r.Choice(signs, "battery", BatterySignNames, 0, out battery);
                _r.Leave();
                if (!ok)
                {
                    return;
                }
            }

            d.Endpoint = endpoint;
            d.GridSign = (GridSign)grid;
            d.BatterySign = (BatterySign)battery;
        }

        /// <summary>Devices sharing an endpoint publish one sample; group 0 is the logger's own identity.</summary>
        private bool GroupEndpoints()
        {
            var endpoints = new ArrayList();
            endpoints.Add(null);
            foreach (DeviceDefinition d in _map.Devices)
            {
                int group = d.Endpoint == null ? 0 : endpoints.IndexOf(d.Endpoint);
                if (group < 0)
                {
                    group = endpoints.Add(d.Endpoint);
                }

                d.EndpointGroup = group;
            }

            _map.Endpoints = new string[endpoints.Count];
            for (int i = 0; i < endpoints.Count; i++)
            {
                _map.Endpoints[i] = (string)endpoints[i];
            }

            return true;
        }

        /// <summary>The device a point or computed field names, or <paramref name="fallback"/> when it names none.</summary>
        public bool ReadReference(int obj, int fallback, out int device)
        {
            device = fallback;
            string id;
            if (!_r.String(obj, "device", MapLimits.MaxNameLength, out id))
            {
                return false;
            }

            if (id == null)
            {
                return fallback >= 0 || _r.Fail(MapErrorCode.Required, obj, "device", "is required when the map has several devices");
            }

            for (int i = 0; i < _map.Devices.Length; i++)
            {
                if (_map.Devices[i].Id == id)
                {
                    device = i;
                    return true;
                }
            }

            return _r.Fail(MapErrorCode.UnknownReference, _doc.Member(obj, "device"), "device", "unknown device \"" + id + "\"");
        }
    }
}
