using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// <c>regs_read</c>: <c>{"unit":1,"fc":3,"addr":0,"count":10}</c> answers <c>{"unit":1,"fc":3,"addr":0,"values":[..]}</c>.
    /// Reading cannot harm the inverter, so any holding or input register of a unit in the map may be read.
    /// </summary>
    public sealed class RegsReadCommand : ICommandHandler
    {
        private readonly IRegisterAccess _registers;
        private readonly ushort[] _values = new ushort[ModbusPdu.MaxReadRegisters];

        public RegsReadCommand(IRegisterAccess registers)
        {
            _registers = registers;
        }

        public string Type => "regs_read";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            int unit, fc, addr, count;
            string reason;
            if (!CommandArgs.Integer(doc, payload, "unit", 1, 247, true, 0, out unit, out reason)
                || !CommandArgs.Integer(doc, payload, "fc", 3, 4, false, 3, out fc, out reason)
                || !CommandArgs.Integer(doc, payload, "addr", 0, 65535, true, 0, out addr, out reason)
                || !CommandArgs.Integer(doc, payload, "count", 1, ModbusPdu.MaxReadRegisters, false, 1, out count, out reason))
            {
                reply.Fail(400, reason);
                return;
            }

            if (addr + count > 65536)
            {
                reply.Fail(400, "addr + count: beyond register 65535");
                return;
            }

            ModbusMaster bus = _registers.Bus(unit);
            if (bus == null)
            {
                reply.Fail(404, "no device with unit " + unit.ToString() + " in the map");
                return;
            }

            ModbusResult result = bus.ReadRegisters((byte)unit, (FunctionCode)fc, addr, count, _values, 0);
            if (!result.IsOk)
            {
                reply.Fail(BusStatus.Code(result), BusStatus.Reason(result));
                return;
            }

            reply.Begin(200, "OK");
            JsonWriter w = reply.Writer;
            w.Name("unit");
            w.Integer(unit);
            w.Name("fc");
            w.Integer(fc);
            w.Name("addr");
            w.Integer(addr);
            BusStatus.WriteValues(w, "values", _values, count);
        }
    }

    /// <summary>A bus result as an HTTP-style status code and reason for a command result (RFC 11 uses HTTP codes).</summary>
    public static class BusStatus
    {
        public static int Code(ModbusResult result)
        {
            switch (result.Status)
            {
                case ModbusStatus.Exception: return 502;
                case ModbusStatus.Skipped: return 503;
                case ModbusStatus.InvalidRequest: return 400;
                default: return 504;
            }
        }

        public static string Reason(ModbusResult result)
        {
            if (result.Status == ModbusStatus.Exception)
            {
                return "device answered exception " + result.ExceptionCode.ToString();
            }

            return result.Status == ModbusStatus.Skipped ? "device offline or cycle budget spent" : "bus error: " + ModbusStatusText.Of(result.Status);
        }

        public static void WriteValues(JsonWriter w, string name, ushort[] values, int count)
        {
            w.Name(name);
            w.BeginArray();
            for (int i = 0; i < count; i++)
            {
                w.Integer(values[i]);
            }

            w.EndArray();
        }
    }
}
