using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// <c>regs_write</c>: <c>{"unit":1,"addr":142,"values":[50],"fc":16,"verify":true}</c>. The registers must be
    /// exactly one point the map marks writable, and the value it encodes must lie in that point's writeMin..writeMax;
    /// anything else is refused before a single byte goes on the bus (RELIABILITY C7). An accepted write reads the
    /// old value, writes, reads back, and writes the old value again when the read-back differs (the Kaa Deye
    /// example's verify-and-restore, reference A.3 CEX).
    /// </summary>
    public sealed class RegsWriteCommand : ICommandHandler
    {
        private const int MaxValues = 123;

        private readonly IRegisterAccess _registers;
        private readonly ushort[] _old = new ushort[MaxValues];
        private readonly ushort[] _back = new ushort[MaxValues];

        public RegsWriteCommand(IRegisterAccess registers)
        {
            _registers = registers;
        }

        public string Type => "regs_write";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int unit, addr, fc;
            string reason;
            ushort[] values = null;
            if (!CommandArgs.Integer(doc, payload, "unit", 1, 247, true, 0, out unit, out reason)
                || !CommandArgs.Integer(doc, payload, "addr", 0, 65535, true, 0, out addr, out reason)
                || !CommandArgs.Integer(doc, payload, "fc", 6, 16, false, 0, out fc, out reason)
                || (values = CommandArgs.Registers(doc, payload, "values", MaxValues, out reason)) == null)
            {
                reply.Fail(400, reason);
                return;
            }

            bool verify = CommandArgs.Flag(doc, payload, "verify", true);
            if ((fc != 0 && fc != 6 && fc != 16) || (fc == 6 && values.Length != 1))
            {
                reply.Fail(400, "fc: 6 for one register or 16");
                return;
            }

            PointDefinition point;
            int status = Check(unit, addr, values, out point, out reason);
            ModbusMaster bus = status == 0 ? _registers.Bus(unit) : null;
            if (status == 0 && bus == null)
            {
                status = 404;
                reason = "no bus for unit " + unit.ToString();
            }

            if (status != 0)
            {
                reply.Fail(status, reason);
                return;
            }

            Write(bus, (byte)unit, addr, values, fc == 16 || values.Length > 1, verify, reply);
        }

        /// <summary>0 when the write is allowed, otherwise the status and why not. Touches nothing but the map.</summary>
        private int Check(int unit, int addr, ushort[] values, out PointDefinition point, out string reason)
        {
            point = null;
            reason = null;
            RegisterMap map = _registers.Map;
            if (map == null)
            {
                reason = "no register map in use";
                return 503;
            }

            point = WritablePoint(map, unit, addr, values.Length);
            if (point == null)
            {
                reason = "registers " + addr.ToString() + ".." + (addr + values.Length - 1).ToString() + " of unit " + unit.ToString() + " are not a writable point of the map";
                return 403;
            }

            if (point.ScaleFactorPoint >= 0)
            {
                reason = point.Name + ": scaled by another register, not writable remotely";
                return 403;
            }

            if (point.Type == RegisterType.String)
            {
                return 0;
            }

            double value = ValueCodec.ToDouble(values, 0, point.Type, point.Order) * point.Scale + point.Offset;
            double min = point.Type == RegisterType.Bool ? 0 : point.WriteMin;
            double max = point.Type == RegisterType.Bool ? 1 : point.WriteMax;
            if (double.IsNaN(value) || !PointDecoder.InRange(value, min, max))
            {
                reason = point.Name + ": value outside " + JsonNumberFormat.Text(min) + ".." + JsonNumberFormat.Text(max);
                return 422;
            }

            return 0;
        }

        private static PointDefinition WritablePoint(RegisterMap map, int unit, int addr, int count)
        {
            for (int i = 0; i < map.Points.Length; i++)
            {
                PointDefinition p = map.Points[i];
                if (p.Writable && p.Function == FunctionCode.ReadHoldingRegisters && p.Address == addr && p.Count == count
                    && map.Devices[p.Device].Slave == unit)
                {
                    return p;
                }
            }

            return null;
        }

        private void Write(ModbusMaster bus, byte unit, int addr, ushort[] values, bool multiple, bool verify, CommandReply reply)
        {
            int n = values.Length;
            ModbusResult result = bus.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, addr, n, _old, 0);
            if (result.IsOk)
            {
                result = Put(bus, unit, addr, values, multiple);
            }

            if (!result.IsOk)
            {
                reply.Fail(BusStatus.Code(result), BusStatus.Reason(result));
                return;
            }

            if (verify)
            {
                result = bus.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, addr, n, _back, 0);
                if (!result.IsOk || !Same(values, _back, n))
                {
                    bool restored = Put(bus, unit, addr, _old, multiple).IsOk;
                    reply.Begin(restored ? 409 : 500, restored ? "read-back mismatch; previous value restored" : "read-back mismatch; restore failed");
                    BusStatus.WriteValues(reply.Writer, "previous", _old, n);
                    return;
                }
            }

            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("unit");
            w.Integer(unit);
            w.Name("addr");
            w.Integer(addr);
            BusStatus.WriteValues(w, "values", values, n);
            BusStatus.WriteValues(w, "previous", _old, n);
        }

        private static ModbusResult Put(ModbusMaster bus, byte unit, int addr, ushort[] values, bool multiple)
        {
            return multiple
                ? bus.WriteMultipleRegisters(unit, addr, values, 0, values.Length)
                : bus.WriteSingleRegister(unit, addr, values[0]);
        }

        private static bool Same(ushort[] a, ushort[] b, int n)
        {
            for (int i = 0; i < n; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
