using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// The MODBUS client of one bus: one transaction at a time over an <see cref="IByteLink"/>, with the
    /// inter-frame silence, response timeout, bounded retries, echo checks and per-slave health of
    /// RELIABILITY M1 to M9. It allocates nothing per transaction; callers pass their own buffers.
    /// This class decides whether and how often to ask; <see cref="LineExchange"/> does each asking on the wire.
    /// </summary>
    public sealed class ModbusMaster
    {
        private const int NoDeadline = -1;

        private readonly IClock _clock;
        private readonly IModbusFramer _framer;
        private readonly MasterOptions _options;
        private readonly byte[] _tx;
        private readonly SlaveHealth[] _health = new SlaveHealth[248];
        private readonly LineExchange _line;

        private long _deadlineMs = NoDeadline;

        public ModbusMaster(IByteLink link, IClock clock, IModbusFramer framer, MasterOptions options)
        {
            _clock = clock;
            _framer = framer;
            _options = options ?? new MasterOptions();
            _tx = new byte[framer.MaxAduLength];
            _line = new LineExchange(link, clock, framer, _options, Counters);
        }

        public ModbusCounters Counters { get; } = new ModbusCounters();

        public MasterOptions Options => _options;

        /// <summary>Bytes of line noise dropped by the receiver so far.</summary>
        public int NoiseBytes => _framer.NoiseBytes;

        /// <summary>
        /// The end of the caller's budget on the monotonic clock: an attempt (the first one too) starts only
        /// when its silence, request and whole response timeout fit before it, so a poll cycle keeps its
        /// budget; a call that cannot start returns Skipped. Pass -1 to lift the limit.
        /// </summary>
        public void SetDeadline(long monotonicMs)
        {
            _deadlineMs = monotonicMs;
        }

        public SlaveHealth Health(byte slave)
        {
            if (_health[slave] == null)
            {
                _health[slave] = new SlaveHealth(slave);
            }

            return _health[slave];
        }

        /// <summary>FC01/02 into <paramref name="dest"/>.</summary>
        public ModbusResult ReadBits(byte slave, FunctionCode function, int address, int count, bool[] dest, int destOffset)
        {
            if ((function != FunctionCode.ReadCoils && function != FunctionCode.ReadDiscreteInputs)
                || dest == null || !Fits(dest.Length, destOffset, count))
            {
                return Refuse();
            }

            ModbusResult result = Transact(slave, ModbusPdu.EncodeRead(_tx, _framer.PduOffset, function, address, count));
            if (result.IsOk)
            {
                ModbusPdu.CopyBits(_framer.Frame, _framer.FramePduOffset, dest, destOffset, count);
            }

            return result;
        }

        /// <summary>FC03/04 into <paramref name="dest"/>.</summary>
        public ModbusResult ReadRegisters(byte slave, FunctionCode function, int address, int count, ushort[] dest, int destOffset)
        {
            if ((function != FunctionCode.ReadHoldingRegisters && function != FunctionCode.ReadInputRegisters)
                || dest == null || !Fits(dest.Length, destOffset, count))
            {
                return Refuse();
            }

            ModbusResult result = Transact(slave, ModbusPdu.EncodeRead(_tx, _framer.PduOffset, function, address, count));
            if (result.IsOk)
            {
                ModbusPdu.CopyRegisters(_framer.Frame, _framer.FramePduOffset, dest, destOffset, count);
            }

            return result;
        }

        /// <summary>FC05.</summary>
        public ModbusResult WriteSingleCoil(byte slave, int address, bool value)
        {
            return Transact(slave, ModbusPdu.EncodeWriteSingleCoil(_tx, _framer.PduOffset, address, value));
        }

        /// <summary>FC06.</summary>
        public ModbusResult WriteSingleRegister(byte slave, int address, ushort value)
        {
            return Transact(slave, ModbusPdu.EncodeWriteSingleRegister(_tx, _framer.PduOffset, address, value));
        }

        /// <summary>FC15.</summary>
        public ModbusResult WriteMultipleCoils(byte slave, int address, bool[] values, int offset, int count)
        {
            return Transact(slave, ModbusPdu.EncodeWriteMultipleCoils(_tx, _framer.PduOffset, address, values, offset, count));
        }

        /// <summary>FC16.</summary>
        public ModbusResult WriteMultipleRegisters(byte slave, int address, ushort[] values, int offset, int count)
        {
            return Transact(slave, ModbusPdu.EncodeWriteMultipleRegisters(_tx, _framer.PduOffset, address, values, offset, count));
        }

        private static bool Fits(int length, int offset, int count)
        {
            return offset >= 0 && count >= 0 && offset <= length - count;
        }

        private ModbusResult Refuse()
        {
            Counters.Count(ModbusStatus.InvalidRequest);
            return new ModbusResult(ModbusStatus.InvalidRequest, 0, 0);
        }

        private ModbusResult Skip()
        {
            Counters.Count(ModbusStatus.Skipped);
            return new ModbusResult(ModbusStatus.Skipped, 0, 0);
        }

        private ModbusResult Transact(byte slave, int pduLength)
        {
            // Broadcast (0) gets no reply, so the engine does not offer it; 248-255 are reserved (serial line 2.2).
            if (pduLength == ModbusPdu.Invalid || slave < 1 || slave > 247)
            {
                return Refuse();
            }

            SlaveHealth health = Health(slave);
            long now = _clock.MonotonicMs;
            if (!health.IsDue(now))
            {
                // An offline slave is asked only at its probe interval, so it cannot eat the cycle (M4).
                return Skip();
            }

            int adu = _framer.Seal(_tx, slave, pduLength);
            int attemptMs = _line.AttemptMs(adu);
            if (!CanStart(now, attemptMs))
            {
                return Skip();
            }

            // An offline slave gets one probe, not a full retry round, to keep the loop's budget (M4).
            bool probing = health.State == SlaveState.Offline;
            int attempts = 0;
            int faultRetries = 0;
            int busyRetries = 0;
            while (true)
            {
                attempts++;
                byte exceptionCode;
                ModbusStatus status = _line.Exchange(_tx, adu, out exceptionCode);
                Counters.Count(status);
                now = _clock.MonotonicMs;

                if (status == ModbusStatus.LinkError)
                {
                    // The medium failed, not the slave: its health says nothing new.
                    return new ModbusResult(status, 0, attempts);
                }

                if (status == ModbusStatus.Exception && ExceptionCode.IsTransient(exceptionCode))
                {
                    // 05/06: the slave is there but busy; wait longer each time (M3).
                    int pauseMs = _options.BusyBackoffMs * (busyRetries + 1);
                    if (busyRetries < _options.BusyRetries && CanStart(now + pauseMs, attemptMs))
                    {
                        busyRetries++;
                        Counters.Retries++;
                        _clock.Sleep(pauseMs);
                        continue;
                    }

                    health.OnAnswer(now);
                    return new ModbusResult(status, exceptionCode, attempts);
                }

                if (status == ModbusStatus.Ok || status == ModbusStatus.BadResponse || status == ModbusStatus.Exception)
                {
                    health.OnAnswer(now);
                    return new ModbusResult(status, exceptionCode, attempts);
                }

                if (status == ModbusStatus.Timeout)
                {
                    _line.RememberTimedOut(_tx);
                }

                if (!probing && faultRetries < _options.Retries && CanStart(now, attemptMs))
                {
                    faultRetries++;
                    Counters.Retries++;
                    continue;
                }

                health.OnFailure(now, _options);
                return new ModbusResult(status, 0, attempts);
            }
        }

        private bool CanStart(long startMs, int attemptMs)
        {
            return _deadlineMs == NoDeadline || startMs + attemptMs <= _deadlineMs;
        }
    }
}
