namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// MODBUS RTU framing: slave address, PDU, CRC-16 low byte first (MODBUS over serial line v1.02, 2.5.1).
    /// The receiver keeps at most 256 bytes and treats every position as a possible frame start, so it
    /// finds a real frame behind any amount of line noise: a start that cannot begin a reply, or whose
    /// frame ends with a bad CRC, is dropped and the next position is tried.
    /// </summary>
    public sealed class RtuFramer : IModbusFramer
    {
        public const int MaxAdu = 256;
        private const int Pending = 0;
        private const int Dead = -1;

        private readonly byte[] _rx = new byte[MaxAdu];
        private int _length;
        private int _frameLength;
        private byte _expectedSlave;
        private byte _expectedFunction;
        private bool _expectedCorrupt;
        private int _noise;

        public int PduOffset => 1;

        public int MaxAduLength => MaxAdu;

        public bool SilenceEndsFrame => true;

        public byte[] Frame => _rx;

        public int FrameLength => _frameLength;

        public byte FrameUnit => _rx[0];

        public int FramePduOffset => 1;

        public int FramePduLength => _frameLength - 3;

        public bool FrameAnswersCurrentRequest => true;

        public bool ExpectedReplyCorrupt => _expectedCorrupt;

        public int NoiseBytes => _noise;

        public int Buffered => _length;

        public bool ExpectedReplyPartial
        {
            get
            {
                // Inside a delivered frame, its data bytes may look like the start of another one.
                if (_frameLength != 0)
                {
                    return false;
                }

                for (int start = 0; start < _length; start++)
                {
                    if (IsExpectedShape(start) && CandidateLength(start) >= Pending && !IsComplete(start))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public int Seal(byte[] adu, byte unit, int pduLength)
        {
            adu[0] = unit;
            return Crc16.Append(adu, 0, 1 + pduLength);
        }

        public void BeginResponse(byte[] request, int requestLength)
        {
            Reset();
            _expectedSlave = request[0];
            _expectedFunction = request[1];
            _expectedCorrupt = false;
        }

        public void Reset()
        {
            if (_frameLength == 0)
            {
                _noise += _length;
            }

            _length = 0;
            _frameLength = 0;
        }

        public bool Feed(byte value)
        {
            if (_frameLength != 0)
            {
                // The previous frame was delivered and not reset: whatever follows it is a new stream.
                _length = 0;
                _frameLength = 0;
            }

            if (_length == MaxAdu)
            {
                Drop(1);
            }

            _rx[_length++] = value;
            return Scan();
        }

        /// <summary>
        /// Every candidate start is checked exactly once, on the byte that completes its frame, so a
        /// candidate whose end lies behind the newest byte has already failed and is dead.
        /// </summary>
        private bool Scan()
        {
            int firstLive = -1;
            for (int start = 0; start < _length; start++)
            {
                int length = CandidateLength(start);
                if (length == Dead)
                {
                    continue;
                }

                int end = start + length;
                if (length == Pending || end > _length)
                {
                    if (firstLive < 0)
                    {
                        firstLive = start;
                    }

                    continue;
                }

                if (end == _length)
                {
                    if (Crc16.IsValid(_rx, start, length))
                    {
                        Drop(start);
                        _frameLength = length;
                        return true;
                    }

                    if (IsExpectedShape(start))
                    {
                        _expectedCorrupt = true;
                    }
                }
            }

            Drop(firstLive < 0 ? _length : firstLive);
            return false;
        }

        /// <summary>Frame length if it can be told, Pending if more bytes are needed, Dead if no reply starts here.</summary>
        private int CandidateLength(int start)
        {
            byte slave = _rx[start];
            if (slave < 1 || slave > 247)
            {
                return Dead;
            }

            int pduLength = ModbusPdu.ResponseLength(_rx, start + 1, _length - start - 1);
            if (pduLength == ModbusPdu.Invalid)
            {
                return Dead;
            }

            return pduLength == 0 ? Pending : 1 + pduLength + 2;
        }

        private bool IsComplete(int start)
        {
            int length = CandidateLength(start);
            return length > 0 && start + length <= _length;
        }

        private bool IsExpectedShape(int start)
        {
            if (_rx[start] != _expectedSlave || start + 1 >= _length)
            {
                return false;
            }

            byte function = _rx[start + 1];
            return function == _expectedFunction || function == (byte)(_expectedFunction | 0x80);
        }

        private void Drop(int count)
        {
            if (count <= 0)
            {
                return;
            }

            _noise += count;
            _length -= count;
            System.Array.Copy(_rx, count, _rx, 0, _length);
        }
    }
}
