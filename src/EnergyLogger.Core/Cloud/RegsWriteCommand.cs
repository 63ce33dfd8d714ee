using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// <c>regs_write</c>: <c>{"unit":1,"addr":142,"values":[50],"fc":16,"verify":true}</c> (<see cref="RegsWriteRequest"/>). The
    /// registers must be exactly one point the map marks writable, and the value it encodes must lie in that point's
    /// writeMin..writeMax (<see cref="WriteGuard"/>); anything else is refused before a single byte goes on the bus
    /// (RELIABILITY C7). A schedule's actions run through this command too. An accepted write reads the
    /// old value, writes, reads back, and writes the old value again when the read-back differs (the Kaa Deye
    /// example's verify-and-restore, reference A.3 CEX).
    /// </summary>
    public sealed class RegsWriteCommand : ICommandHandler
    {
        private readonly IRegisterAccess _registers;
        private readonly ushort[] _old = new ushort[RegsWriteRequest.MaxValues];
        private readonly ushort[] _back = new ushort[RegsWriteRequest.MaxValues];

        public RegsWriteCommand(IRegisterAccess registers)
        {
            _registers = registers;
        }

        public string Type => "regs_write";

        public void Execute(JsonDocument doc, int payload, CommandReply reply)
        {
            string reason;
            RegsWriteRequest request = RegsWriteRequest.Read(doc, payload, out reason);
            if (request == null)
            {
                reply.Fail(400, reason);
                return;
            }

            int status = WriteGuard.Check(_registers.Map, request, out reason);
            ModbusMaster bus = status == 0 ? _registers.Bus(request.Unit) : null;
            if (status == 0 && bus == null)
            {
                status = 404;
                reason = "no bus for unit " + request.Unit.ToString();
            }

            if (status != 0)
            {
                reply.Fail(status, reason);
                return;
            }

            Write(bus, (byte)request.Unit, request.Address, request.Values, request.Multiple, request.Verify, reply);
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
