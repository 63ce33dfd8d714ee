namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// MODBUS TCP framing: MBAP header (transaction id, protocol id 0, length, unit id) and the PDU,
    /// no CRC (MODBUS Messaging on TCP/IP Implementation Guide v1.0b, 3.1.3). Each request gets a new
    /// transaction id, so a late reply to an earlier request is recognised and passed over.
    /// </summary>
    public sealed class MbapFramer : IModbusFramer
    {
        public const int HeaderLength = 7;
        public const int MaxAdu = HeaderLength + ModbusPdu.MaxLength;

        private readonly byte[] _rx = new byte[MaxAdu];
        private int _length;
        private int _frameLength;
        private ushort _transactionId;
        private int _noise;

        public int PduOffset => HeaderLength;

        public int MaxAduLength => MaxAdu;

        public bool SilenceEndsFrame => false;

        public byte[] Frame => _rx;

        public int FrameLength => _frameLength;

        public byte FrameUnit => _rx[6];

        public int FramePduOffset => HeaderLength;

        public int FramePduLength => _frameLength - HeaderLength;

        public bool FrameAnswersCurrentRequest => ModbusPdu.ReadUInt16(_rx, 0) == _transactionId;

        public bool ExpectedReplyCorrupt => false;

        public bool ExpectedReplyPartial => _length > 0 && _frameLength == 0;

        public int NoiseBytes => _noise;

        public int Buffered => _length;

        public int Seal(byte[] adu, byte unit, int pduLength)
        {
            _transactionId++;
            ModbusPdu.WriteUInt16(adu, 0, _transactionId);
            ModbusPdu.WriteUInt16(adu, 2, 0);
            ModbusPdu.WriteUInt16(adu, 4, pduLength + 1);
            adu[6] = unit;
            return HeaderLength + pduLength;
        }

        public void BeginResponse(byte[] request, int requestLength)
        {
            Reset();
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
                _length = 0;
                _frameLength = 0;
            }

            _rx[_length++] = value;
            while (_length >= 6 && !HeaderPlausible())
            {
                // Not an MBAP header: slide one byte and look again.
                _noise++;
                _length--;
                System.Array.Copy(_rx, 1, _rx, 0, _length);
            }

            if (_length >= HeaderLength && _length == 6 + ModbusPdu.ReadUInt16(_rx, 4))
            {
                _frameLength = _length;
                return true;
            }

            return false;
        }

        private bool HeaderPlausible()
        {
            int declared = ModbusPdu.ReadUInt16(_rx, 4);
            return ModbusPdu.ReadUInt16(_rx, 2) == 0 && declared >= 3 && declared <= ModbusPdu.MaxLength + 1;
        }
    }
}
