using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// The transparent gateway's half on the main loop (docs/local-access.md, "The gateway"): the MODBUS TCP requests for
    /// the inverter that wait at the <see cref="GatewayDesk"/> go onto the bus between poll cycles, from the loop's own
    /// thread, so the logger stays the one master on the wire. An exchange starts only when its whole response timeout
    /// fits before the next cycle is due (the master's deadline), so the cadence holds; one that does not fit waits
    /// for the next gap. A read whose registers the last cycle delivered is answered from them, with no byte on the bus.
    /// A write must pass <see cref="WriteGuard"/>, the rule of <c>regs_write</c>; a refused one gets exception 02 and puts
    /// no byte on the bus.
    /// </summary>
    internal sealed class GatewayRelay : ILoopTask
    {
        /// <summary>Requests per iteration at most, so that the loop's other tasks are not held up by a busy client.</summary>
        private const int MaxPerTick = 8;

        private readonly GatewayDesk _desk;
        private readonly ConfigInUse _config;
        private readonly PollSchedule _schedule;
        private readonly LoopStats _stats;
        private readonly Log _log;
        private readonly ushort[] _registers = new ushort[ModbusPdu.MaxReadRegisters];
        private RegisterMap _map;
        private int _writeCycle = -1;

        public GatewayRelay(GatewayDesk desk, ConfigInUse config, PollSchedule schedule, LoopStats stats, Log log)
        {
            _desk = desk;
            _config = config;
            _schedule = schedule;
            _stats = stats;
            _log = log;
        }

        public void Tick(long startMs, Heartbeat heartbeat)
        {
            RegisterMap map = _config.Map;
            if (map != _map)
            {
                _map = map;
                _desk.Follow(map);
            }

            if (!_desk.HasWork)
            {
                return;
            }

            heartbeat.Beat("gateway", startMs);
            for (int n = 0; n < MaxPerTick; n++)
            {
                GatewayTicket ticket = _desk.Take();
                if (ticket == null)
                {
                    return;
                }

                if (!Answer(ticket))
                {
                    _desk.Return(ticket);
                    return;
                }
            }
        }

        /// <summary>False when the exchange did not fit before the next cycle: the ticket waits for the next gap.</summary>
        private bool Answer(GatewayTicket ticket)
        {
            int device = DeviceOf(ticket.Unit);
            if (device < 0)
            {
                // The map changed under the request: that unit id is no longer the inverter's.
                ticket.AnswerException(ExceptionCode.GatewayTargetFailedToRespond);
                _desk.Finish(ticket, GatewayOutcome.Refused);
                return true;
            }

            if (ticket.IsWrite)
            {
                return Write(ticket);
            }

            var function = (FunctionCode)ticket.Function;
            if (_writeCycle != _stats.Cycles
                && _config.Engine.Frame.CopyFromCycle(device, function, ticket.Address, ticket.Quantity, _registers, 0))
            {
                ticket.AnswerRegisters(_registers, 0);
                _desk.Finish(ticket, GatewayOutcome.FromCycle);
                return true;
            }

            ModbusMaster bus = _config.Bus(ticket.Unit);
            bus.SetDeadline(_schedule.NextMs);
            ModbusResult result = bus.ReadRegisters((byte)ticket.Unit, function, ticket.Address, ticket.Quantity, _registers, 0);
            bus.SetDeadline(-1);
            if (result.Status == ModbusStatus.Skipped)
            {
                return false;
            }

            if (result.IsOk)
            {
                ticket.AnswerRegisters(_registers, 0);
            }
            else
            {
                AnswerFailure(ticket, result);
            }

            _desk.Finish(ticket, GatewayOutcome.Forwarded);
            return true;
        }

        private bool Write(GatewayTicket ticket)
        {
            var values = new ushort[ticket.Quantity];
            System.Array.Copy(ticket.Values, values, values.Length);
            string reason;
            if (WriteGuard.Check(_map, ticket.Unit, ticket.Address, values, out reason) != 0)
            {
                _log.Write(LogLevel.Warn, "gateway", "write refused", "unit", ticket.Unit.ToString(), "reason", reason);
                ticket.AnswerException(ExceptionCode.IllegalDataAddress);
                _desk.Finish(ticket, GatewayOutcome.Refused);
                return true;
            }

            ModbusMaster bus = _config.Bus(ticket.Unit);
            bus.SetDeadline(_schedule.NextMs);
            ModbusResult result = ticket.Function == (byte)FunctionCode.WriteSingleRegister
                ? bus.WriteSingleRegister((byte)ticket.Unit, ticket.Address, values[0])
                : bus.WriteMultipleRegisters((byte)ticket.Unit, ticket.Address, values, 0, values.Length);
            bus.SetDeadline(-1);
            if (result.Status == ModbusStatus.Skipped)
            {
                return false;
            }

            // Until the next cycle has read them again, the cycle's registers may be older than the write.
            _writeCycle = _stats.Cycles;
            if (result.IsOk)
            {
                _log.Write(LogLevel.Info, "gateway", "write", "unit", ticket.Unit.ToString(), "addr", ticket.Address.ToString());
                ticket.AnswerWritten();
            }
            else
            {
                AnswerFailure(ticket, result);
            }

            _desk.Finish(ticket, GatewayOutcome.Forwarded);
            return true;
        }

        /// <summary>The slave's own exception passes through; a slave that did not answer properly is 0x0B, as gateways say it.</summary>
        private static void AnswerFailure(GatewayTicket ticket, ModbusResult result)
        {
            ticket.AnswerException(result.Status == ModbusStatus.Exception ? result.ExceptionCode : ExceptionCode.GatewayTargetFailedToRespond);
        }

        private int DeviceOf(int unit)
        {
            for (int d = 0; _map != null && d < _map.Devices.Length; d++)
            {
                if (_map.Devices[d].Slave == unit)
                {
                    return d;
                }
            }

            return -1;
        }
    }
}
