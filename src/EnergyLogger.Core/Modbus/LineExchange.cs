using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// The wire side of one bus: one request out and the wait for its reply, with the inter-frame silence before it
    /// (serial line 2.5.1.1), the response timeout, the end of a frame in silence, line noise (M6, M8) and late
    /// replies to an earlier, timed-out request (M9). What to do with the outcome (retry, back off, mark the slave)
    /// is <see cref="ModbusMaster"/>'s. It allocates nothing per exchange: the request is the caller's buffer.
    /// </summary>
    internal sealed class LineExchange
    {
        private readonly IByteLink _link;
        private readonly IClock _clock;
        private readonly IModbusFramer _framer;
        private readonly ModbusCounters _counters;
        private readonly MasterOptions _options;
        private readonly int _silenceMs;
        private readonly int _interByteMs;
        private readonly byte[] _rx;

        // The last request that timed out (slave, function, address, quantity): its reply may still
        // arrive during a later transaction and must not be taken for that one's (M9).
        private readonly byte[] _stalePdu = new byte[5];
        private byte _staleSlave;

        private long _busQuietFromMs;

        public LineExchange(IByteLink link, IClock clock, IModbusFramer framer, MasterOptions options, ModbusCounters counters)
        {
            _link = link;
            _clock = clock;
            _framer = framer;
            _counters = counters;
            _options = options;
            _rx = new byte[framer.MaxAduLength];
            _silenceMs = options.BaudRate > 0 ? RtuTiming.CeilMs(RtuTiming.SilenceUs(options.BaudRate, options.BitsPerChar)) : 0;

            // A frame cannot end before t3.5 of silence, whatever floor is configured (serial line 2.5.1.1).
            _interByteMs = options.InterByteTimeoutMs > _silenceMs ? options.InterByteTimeoutMs : _silenceMs;
        }

        /// <summary>Worst case of one attempt: inter-frame silence, the request on the wire, the response timeout.</summary>
        public int AttemptMs(int aduLength)
        {
            return _silenceMs + WireMs(aduLength) + _options.ResponseTimeoutMs;
        }

        /// <summary>The sealed request in <paramref name="request"/> on the wire and the wait for its reply.</summary>
        public ModbusStatus Exchange(byte[] request, int aduLength, out byte exceptionCode)
        {
            exceptionCode = 0;
            WaitForSilence();
            _link.DiscardInput();
            _framer.BeginResponse(request, aduLength);

            long sentAt = _clock.MonotonicMs;
            _counters.Requests++;
            if (_link.Write(request, 0, aduLength) != LinkStatus.Ok)
            {
                return ModbusStatus.LinkError;
            }

            // The UART may still be shifting the request out when Write returns.
            long deadline = sentAt + WireMs(aduLength) + _options.ResponseTimeoutMs;

            // A reply that began by the deadline may take a whole ADU's wire time to end; a line that
            // is still busy after that is babbling, and the wait ends there.
            long frameLimit = deadline + WireMs(_framer.MaxAduLength) + _interByteMs;
            ModbusStatus status = AwaitReply(request, deadline, frameLimit, out exceptionCode);
            _busQuietFromMs = _clock.MonotonicMs;
            return status;
        }

        /// <summary>Keeps <paramref name="request"/>, which got no reply, so that its late reply is told from the next one's.</summary>
        public void RememberTimedOut(byte[] request)
        {
            _staleSlave = RequestUnit(request);
            System.Array.Copy(request, _framer.PduOffset, _stalePdu, 0, _stalePdu.Length);
        }

        private ModbusStatus AwaitReply(byte[] request, long deadline, long frameLimit, out byte exceptionCode)
        {
            exceptionCode = 0;
            bool inFrame = false;
            bool sawCorrupt = false;
            bool sawPartial = false;
            while (true)
            {
                long now = _clock.MonotonicMs;
                long until = deadline;
                if (inFrame && _framer.SilenceEndsFrame)
                {
                    until = now + _interByteMs < frameLimit ? now + _interByteMs : frameLimit;
                }

                if (until <= now)
                {
                    return sawCorrupt ? ModbusStatus.CrcError : (sawPartial || _framer.ExpectedReplyPartial) ? ModbusStatus.Truncated : ModbusStatus.Timeout;
                }

                int received;
                LinkStatus link = _link.Read(_rx, 0, _rx.Length, (int)(until - now), out received);
                if (link == LinkStatus.Error)
                {
                    return ModbusStatus.LinkError;
                }

                if (link != LinkStatus.Ok || received <= 0)
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

                    if (IsStale(request))
                    {
                        _counters.StaleReplies++;
                        continue;
                    }

                    return Classify(request, out exceptionCode);
                }

                sawCorrupt |= _framer.ExpectedReplyCorrupt;
                sawPartial |= _framer.ExpectedReplyPartial;
            }
        }

        /// <summary>
        /// A complete frame that answers an earlier, timed-out request rather than this one (M9). On TCP the
        /// transaction id tells; on RTU only the content can: a frame from the timed-out slave that answers
        /// that request and not this one. A reply that answers both equally well cannot be told apart on
        /// a serial line and is taken as this request's.
        /// </summary>
        private bool IsStale(byte[] request)
        {
            if (!_framer.FrameAnswersCurrentRequest)
            {
                return true;
            }

            if (_staleSlave == 0 || _framer.FrameUnit != _staleSlave || !Answers(_stalePdu, 0))
            {
                return false;
            }

            return _framer.FrameUnit != RequestUnit(request) || !Answers(request, _framer.PduOffset);
        }

        private bool Answers(byte[] request, int requestPdu)
        {
            byte exceptionCode;
            return ModbusPdu.CheckResponse(request, requestPdu, _framer.Frame, _framer.FramePduOffset, _framer.FramePduLength, out exceptionCode) != ModbusStatus.BadResponse;
        }

        /// <summary>Both framings put the unit (slave) id right before the PDU.</summary>
        private byte RequestUnit(byte[] request)
        {
            return request[_framer.PduOffset - 1];
        }

        private ModbusStatus Classify(byte[] request, out byte exceptionCode)
        {
            exceptionCode = 0;
            if (_framer.FrameUnit != RequestUnit(request))
            {
                return ModbusStatus.WrongSlave;
            }

            // The slave asked has answered on a half-duplex line, so an earlier late reply has had its turn.
            _staleSlave = 0;
            return ModbusPdu.CheckResponse(request, _framer.PduOffset, _framer.Frame, _framer.FramePduOffset, _framer.FramePduLength, out exceptionCode);
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

        /// <summary>Whole milliseconds that <paramref name="bytes"/> characters take on the serial line; 0 on TCP.</summary>
        private int WireMs(int bytes)
        {
            return _options.BaudRate > 0 ? RtuTiming.CeilMs(RtuTiming.BytesUs(bytes, _options.BaudRate, _options.BitsPerChar)) : 0;
        }
    }
}
