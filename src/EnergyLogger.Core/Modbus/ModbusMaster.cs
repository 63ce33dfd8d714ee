using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// The MODBUS client of one bus: one transaction at a time over an <see cref="IByteLink"/>, with the
    /// inter-frame silence, response timeout, bounded retries, echo checks and per-slave health of
    /// RELIABILITY M1 to M9. It allocates nothing per transaction; callers pass their own buffers.
    /// </summary>
    public sealed class ModbusMaster
    {
        private const int NoDeadline = -1;

        private readonly IByteLink _link;
        private readonly IClock _clock;
        private readonly IModbusFramer _framer;
        private readonly MasterOptions _options;
        private readonly byte[] _tx;
        private readonly byte[] _rx;
        private readonly SlaveHealth[] _health = new SlaveHealth[248];
        private readonly long _silenceMs;

        private long _busQuietFromMs;
        private long _deadlineMs = NoDeadline;

        // The last request that timed out: its reply may still arrive during the next transaction (M9).
        private byte _staleSlave;
        private byte _staleFunction;

        public ModbusMaster(IByteLink link, IClock clock, IModbusFramer framer, MasterOptions options)
        {
            _link = link;
            _clock = clock;
            _framer = framer;
            _options = options ?? new MasterOptions();
            _tx = new byte[framer.MaxAduLength];
            _rx = new byte[framer.MaxAduLength];
            _silenceMs = _options.BaudRate > 0 ? RtuTiming.CeilMs(RtuTiming.SilenceUs(_options.BaudRate, _options.BitsPerChar)) : 0;
        }

        public ModbusCounters Counters { get; } = new ModbusCounters();

        public MasterOptions Options => _options;

        /// <summary>Bytes of line noise dropped by the receiver so far.</summary>
        public int NoiseBytes => _framer.NoiseBytes;

        /// <summary>
        /// No retry starts once the monotonic clock passes this point, so a poll cycle keeps its budget.
        /// Pass -1 to lift the limit.
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

        /// <summary>FC01/02 into <paramref name="dest"/>, or FC03/04 into a register buffer via <see cref="ReadRegisters"/>.</summary>
        public ModbusResult ReadBits(byte slave, FunctionCode function, int address, int count, bool[] dest, int destOffset)
        {
            if (function != FunctionCode.ReadCoils && function != FunctionCode.ReadDiscreteInputs)
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

        /// <summary>FC03/04.</summary>
        public ModbusResult ReadRegisters(byte slave, FunctionCode function, int address, int count, ushort[] dest, int destOffset)
        {
            if (function != FunctionCode.ReadHoldingRegisters && function != FunctionCode.ReadInputRegisters)
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

        private ModbusResult Refuse()
        {
            Counters.Count(ModbusStatus.InvalidRequest);
            return new ModbusResult(ModbusStatus.InvalidRequest, 0, 0);
        }

        private ModbusResult Transact(byte slave, int pduLength)
        {
            // Broadcast (0) gets no reply, so the engine does not offer it; 248-255 are reserved (serial line 2.2).
            if (pduLength == ModbusPdu.Invalid || slave < 1 || slave > 247)
            {
                return Refuse();
            }

            SlaveHealth health = Health(slave);
            bool probing = health.State == SlaveState.Offline;
            int adu = _framer.Seal(_tx, slave, pduLength);
            int attempts = 0;
            int busyAttempts = 0;
            while (true)
            {
                attempts++;
                byte exceptionCode;
                ModbusStatus status = Exchange(adu, out exceptionCode);
                Counters.Count(status);
                long now = _clock.MonotonicMs;

                if (status == ModbusStatus.Ok || status == ModbusStatus.BadResponse
                    || (status == ModbusStatus.Exception && !ExceptionCode.IsTransient(exceptionCode)))
                {
                    health.OnAnswer(now);
                    return new ModbusResult(status, exceptionCode, attempts);
                }

                if (status == ModbusStatus.Exception)
                {
                    // 05/06: the slave is there but busy; wait longer each time (M3).
                    if (busyAttempts < _options.BusyRetries && CanRetry(now + (_options.BusyBackoffMs * (busyAttempts + 1))))
                    {
                        busyAttempts++;
                        Counters.Retries++;
                        _clock.Sleep(_options.BusyBackoffMs * busyAttempts);
                        continue;
                    }

                    health.OnAnswer(now);
                    return new ModbusResult(status, exceptionCode, attempts);
                }

                if (status == ModbusStatus.Timeout)
                {
                    _staleSlave = slave;
                    _staleFunction = _tx[_framer.PduOffset];
                }

                // An offline slave gets one probe, not a full retry round, to keep the loop's budget (M4).
                if (status != ModbusStatus.LinkError && !probing && attempts <= _options.Retries && CanRetry(now))
                {
                    Counters.Retries++;
                    continue;
                }

                health.OnFailure(now, _options);
                return new ModbusResult(status, 0, attempts);
            }
        }

        private bool CanRetry(long startMs)
        {
            return _deadlineMs == NoDeadline || startMs + _options.ResponseTimeoutMs <= _deadlineMs;
        }

        /// <summary>One request on the wire and the wait for its reply.</summary>
        private ModbusStatus Exchange(int aduLength, out byte exceptionCode)
        {
            exceptionCode = 0;
            WaitForSilence();
            _link.DiscardInput();
            _framer.BeginResponse(_tx, aduLength);

            long sentAt = _clock.MonotonicMs;
            Counters.Requests++;
            if (_link.Write(_tx, 0, aduLength) != LinkStatus.Ok)
            {
                return ModbusStatus.LinkError;
            }

            // The UART may still be shifting the request out when Write returns.
            long txMs = _options.BaudRate > 0 ? RtuTiming.CeilMs(RtuTiming.BytesUs(aduLength, _options.BaudRate, _options.BitsPerChar)) : 0;
            long deadline = sentAt + txMs + _options.ResponseTimeoutMs;
            ModbusStatus status = AwaitReply(deadline, out exceptionCode);
            _busQuietFromMs = _clock.MonotonicMs;
            return status;
        }

        private ModbusStatus AwaitReply(long deadline, out byte exceptionCode)
        {
            exceptionCode = 0;
            bool inFrame = false;
            bool sawCorrupt = false;
            bool sawPartial = false;
            while (true)
            {
                int wait;
                if (inFrame && _framer.SilenceEndsFrame)
                {
                    wait = _options.InterByteTimeoutMs;
                }
                else
                {
                    wait = (int)(deadline - _clock.MonotonicMs);
                    if (wait <= 0)
                    {
                        return sawCorrupt ? ModbusStatus.CrcError : (sawPartial || _framer.ExpectedReplyPartial) ? ModbusStatus.Truncated : ModbusStatus.Timeout;
                    }
                }

                int received;
                LinkStatus link = _link.Read(_rx, 0, _rx.Length, wait, out received);
                if (link == LinkStatus.Error)
                {
                    return ModbusStatus.LinkError;
                }

                if (link == LinkStatus.Timeout)
                {
                    if (!inFrame)
                    {
                        continue;
                    }

                    // Silence after some bytes: whatever was on the line has ended (M6).
                    if (_framer.ExpectedReplyCorrupt)
                    {
                        return ModbusStatus.CrcError;
                    }

                    if (_framer.ExpectedReplyPartial)
                    {
                        return ModbusStatus.Truncated;
                    }

                    // Only noise so far: drop it and keep waiting for the real reply (M8).
                    _framer.Reset();
                    inFrame = false;
                    continue;
                }

                inFrame = true;
                for (int i = 0; i < received; i++)
                {
                    if (!_framer.Feed(_rx[i]))
                    {
                        continue;
                    }

                    sawCorrupt |= _framer.ExpectedReplyCorrupt;
                    if (IsStale())
                    {
                        Counters.StaleReplies++;
                        continue;
                    }

                    return Classify(out exceptionCode);
                }

                sawCorrupt |= _framer.ExpectedReplyCorrupt;
                sawPartial |= _framer.ExpectedReplyPartial;
            }
        }

        /// <summary>A complete frame that answers an earlier, timed-out request rather than this one (M9).</summary>
        private bool IsStale()
        {
            if (!_framer.FrameAnswersCurrentRequest)
            {
                return true;
            }

            byte unit = _framer.FrameUnit;
            byte function = (byte)(_framer.Frame[_framer.FramePduOffset] & 0x7F);
            bool sameRequestShape = unit == RequestUnit && function == _tx[_framer.PduOffset];
            return _staleSlave != 0 && !sameRequestShape && unit == _staleSlave && function == _staleFunction;
        }

        /// <summary>Both framings put the unit (slave) id right before the PDU.</summary>
        private byte RequestUnit => _tx[_framer.PduOffset - 1];

        private ModbusStatus Classify(out byte exceptionCode)
        {
            exceptionCode = 0;
            _staleSlave = 0;
            if (_framer.FrameUnit != RequestUnit)
            {
                return ModbusStatus.WrongSlave;
            }

            return ModbusPdu.CheckResponse(_tx, _framer.PduOffset, _framer.Frame, _framer.FramePduOffset, _framer.FramePduLength, out exceptionCode);
        }

        /// <summary>Holds the next request back until the bus has been quiet for t3.5 (serial line 2.5.1.1).</summary>
        private void WaitForSilence()
        {
            if (_silenceMs == 0)
            {
                return;
            }

            long wait = _busQuietFromMs + _silenceMs - _clock.MonotonicMs;
            if (wait > 0)
            {
                _clock.Sleep((int)wait);
            }
        }
    }
}
