using EnergyLogger.Core.Json;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Reads the "computed" list: up to 20 fields of up to two sources each (point, constant or another computed
    /// field). Sources may come later in the list; the fields are put in evaluation order and a cycle is refused.
    /// </summary>
    internal sealed class ComputedListReader
    {
        private static readonly string[] ComputedMembers =
        {
            "name", "op", "a", "b", "device", "target", "unit", "validMin", "validMax", "publish", "source",
        };

        private static readonly string[] OpNames = { "add", "subtract", "multiply", "negate", "daily" };

        private const int SourceNone = 0;
        private const int SourcePoint = 1;
        private const int SourceComputed = 2;
        private const int SourceConstant = 3;

        private readonly MapReader _r;
        private readonly JsonDocument _doc;
        private readonly RegisterMap _map;
        private readonly MapNames _names;
        private readonly DeviceListReader _devices;
        private readonly SchemaTargets _targets;

        // Per computed field, two source slots (a at 2i, b at 2i + 1), in declared order.
        private ComputedField[] _declared;
        private int[] _sourceKind;
        private int[] _sourceRef;
        private double[] _sourceConstant;
        private int[] _sourceToken;

        public ComputedListReader(MapReader r, RegisterMap map, MapNames names, DeviceListReader devices, SchemaTargets targets)
        {
            _r = r;
            _doc = r.Doc;
            _map = map;
            _names = names;
            _devices = devices;
            _targets = targets;
        }

        /// <summary>Fills the map's computed fields, in evaluation order.</summary>
        public bool Load()
        {
            int list;
            if (!_r.Array(JsonDocument.Root, "computed", MapLimits.MaxComputed, "computed fields", out list))
            {
                return false;
            }

            int n = list < 0 ? 0 : _doc.Length(list);
            _declared = new ComputedField[n];
            _sourceKind = new int[2 * n];
            _sourceRef = new int[2 * n];
            _sourceConstant = new double[2 * n];
            _sourceToken = new int[2 * n];
            _r.Enter("computed");
            for (int pass = 0; pass < 2; pass++)
            {
                for (int e = n == 0 ? -1 : _doc.FirstChild(list), i = 0; e != -1 && !_r.Failed; e = _doc.NextSibling(list, e), i++)
                {
                    _r.EnterIndex(i);
                    if (pass == 0)
                    {
                        DeclareComputed(e, i);
                    }
                    else
                    {
                        ReadComputed(e, i);
                    }

                    _r.Leave();
                }
            }

            _r.Leave();
            return !_r.Failed && OrderComputed();
        }

        /// <summary>First pass: names only, so that sources may refer to fields declared further down.</summary>
        private void DeclareComputed(int obj, int i)
        {
            string name;
            if (_r.Object(obj, null, ComputedMembers) && _names.Read(obj, out name) && _names.Claim(obj, name))
            {
                _declared[i] = new ComputedField { Name = name, DeclaredIndex = i };
            }
        }

        private void ReadComputed(int obj, int i)
        {
            ComputedField c = _declared[i];
            int op;
            if (!_r.Present(obj, "op") || !_r.Choice(obj, "op", OpNames, 0, out op) || !ReadSource(obj, "a", 2 * i))
            {
                return;
            }

            c.Op = (ComputeOp)op;
            bool unary = c.Op == ComputeOp.Negate || c.Op == ComputeOp.Daily;
            if (!(unary ? _r.Absent(obj, "b", "not allowed for " + OpNames[op]) : ReadSource(obj, "b", (2 * i) + 1)))
            {
                return;
            }

            if (c.Op == ComputeOp.Daily && _sourceKind[2 * i] == SourceConstant)
            {
                _r.Fail(MapErrorCode.NotAllowed, _sourceToken[2 * i], "a", "daily needs a lifetime counter, not a constant");
                return;
            }

            int device;
            string unit;
            double min, max;
            int target;
            bool publish;
            if (!_devices.ReadReference(obj, DefaultComputedDevice(i), out device) || !_r.String(obj, "unit", MapLimits.MaxUnitLength, out unit)
                || !_r.Bounds(obj, "validMin", "validMax", out min, out max) || !_r.String(obj, "source", MapLimits.MaxSourceLength, out _)
                || !_targets.Read(obj, _map.Devices[device].EndpointGroup, false, false, ref unit, out target)
                || !_r.Bool(obj, "publish", true, out publish) || !_targets.CheckPublished(obj, publish, target))
            {
                return;
            }

            c.Publish = publish;
            if (c.Op == ComputeOp.Daily && target >= 0 && TelemetrySchema.Field(target).Kind != FieldKind.EnergyDaily)
            {
                _r.Fail(MapErrorCode.NotAllowed, _doc.Member(obj, "target"), "target", "daily feeds a daily energy field, not " + TelemetrySchema.Field(target).Path);
            }

            c.Device = device;
            c.Unit = unit;
            c.ValidMin = min;
            c.ValidMax = max;
            c.Target = target;
        }

        /// <summary>A source: a number is a constant, a string names a point or a computed field.</summary>
        private bool ReadSource(int obj, string member, int slot)
        {
            if (!_r.Present(obj, member))
            {
                return false;
            }

            int token = _doc.Member(obj, member);
            _sourceToken[slot] = token;
            if (_doc.Kind(token) == JsonKind.Number)
            {
                _sourceKind[slot] = SourceConstant;
                return _doc.TryGetDouble(token, out _sourceConstant[slot]) || _r.Fail(MapErrorCode.OutOfRange, token, member, "number too large");
            }

            if (_doc.Kind(token) != JsonKind.String)
            {
                return _r.Fail(MapErrorCode.WrongType, token, member, "expected a point name, a computed field name or a number");
            }

            string name = _doc.GetString(token);
            int point = _map.IndexOfPoint(name);
            if (point >= 0)
            {
                _sourceKind[slot] = SourcePoint;
                _sourceRef[slot] = point;
                return true;
            }

            for (int j = 0; j < _declared.Length; j++)
            {
                if (_declared[j].Name == name)
                {
                    _sourceKind[slot] = SourceComputed;
                    _sourceRef[slot] = j;
                    return true;
                }
            }

            return _r.Fail(MapErrorCode.UnknownReference, token, member, "unknown source \"" + name + "\"");
        }

        /// <summary>The device of the first point source, else the first device.</summary>
        private int DefaultComputedDevice(int i)
        {
            for (int slot = 2 * i; slot < (2 * i) + 2; slot++)
            {
                if (_sourceKind[slot] == SourcePoint)
                {
                    return _map.Points[_sourceRef[slot]].Device;
                }
            }

            return 0;
        }

        /// <summary>Depth-first order (sources before users); a back edge is a cycle and is refused.</summary>
        private bool OrderComputed()
        {
            int n = _declared.Length;
            var state = new int[n];
            var order = new int[n];
            var stack = new int[n];
            int placed = 0;
            for (int i = 0; i < n; i++)
            {
                if (state[i] == 0 && !Visit(i, state, order, ref placed, stack, 0))
                {
                    return false;
                }
            }

            _map.Computed = new ComputedField[n];
            int points = _map.Points.Length;
            for (int k = 0; k < n; k++)
            {
                _declared[order[k]].ValueIndex = points + k;
                _map.Computed[k] = _declared[order[k]];
            }

            foreach (ComputedField c in _map.Computed)
            {
                c.A = MakeOperand(2 * c.DeclaredIndex);
                c.B = c.Op == ComputeOp.Negate || c.Op == ComputeOp.Daily ? null : MakeOperand((2 * c.DeclaredIndex) + 1);
            }

            return true;
        }

        private bool Visit(int i, int[] state, int[] order, ref int placed, int[] stack, int depth)
        {
            const int Visiting = 1;
            const int Done = 2;
            state[i] = Visiting;
            stack[depth] = i;
            for (int slot = 2 * i; slot < (2 * i) + 2; slot++)
            {
                if (_sourceKind[slot] != SourceComputed)
                {
                    continue;
                }

                int j = _sourceRef[slot];
                if (state[j] == Visiting)
                {
                    return FailCycle(i, slot, j, stack, depth);
                }

                if (state[j] != Done && !Visit(j, state, order, ref placed, stack, depth + 1))
                {
                    return false;
                }
            }

            state[i] = Done;
            order[placed++] = i;
            return true;
        }

        /// <summary>Names the cycle, e.g. <c>computed[2].a: forms a cycle: x -> y -> x</c>.</summary>
        private bool FailCycle(int i, int slot, int j, int[] stack, int depth)
        {
            int from = depth;
            while (stack[from] != j)
            {
                from--;
            }

            string cycle = string.Empty;
            for (int k = from; k <= depth; k++)
            {
                cycle = cycle + _declared[stack[k]].Name + " -> ";
            }

            string path = "computed[" + i.ToString() + "]." + (slot % 2 == 0 ? "a" : "b");
            _r.FailWith(new MapError(MapErrorCode.Cycle, path, _doc.Position(_sourceToken[slot]), "forms a cycle: " + cycle + _declared[j].Name));
            return false;
        }

        private Operand MakeOperand(int slot)
        {
            switch (_sourceKind[slot])
            {
                case SourcePoint:
                    return new Operand(OperandKind.Value, _sourceRef[slot], 0);
                case SourceComputed:
                    return new Operand(OperandKind.Value, _declared[_sourceRef[slot]].ValueIndex, 0);
                default:
                    return new Operand(OperandKind.Constant, -1, _sourceConstant[slot]);
            }
        }
    }
}
