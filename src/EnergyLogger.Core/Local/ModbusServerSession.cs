using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// One MODBUS TCP client of the local server, a pure codec: bytes in, replies out. It reads MBAP frames (MODBUS
    /// Messaging on TCP/IP Implementation Guide v1.0b, 3.1.3) and answers FC03 and FC04 alike from the
    /// <see cref="RegisterImage"/>. A header that is not MODBUS (protocol id not 0, a length outside 2..254, that is an
    /// ADU over 260 bytes) closes the connection, since the stream cannot be resynchronised; a request for another unit
    /// id gets exception 0x0B, another function 01, a bad quantity 03, an address outside the blocks 02. With the gateway
    /// on, a request for a unit id of the map's devices is checked here (FC03, 04, 06 and 16 only; others 01, a malformed
    /// one 03) and left at the <see cref="GatewayDesk"/> for the main loop: the session then <see cref="Waiting"/> until
    /// <see cref="Collect"/> finds the reply.
    /// </summary>
    public sealed class ModbusServerSession
    {
        public const int MaxAdu = MbapFramer.MaxAdu;

        private const int HeaderLength = MbapFramer.HeaderLength;

        private readonly RegisterImage _image;
        private readonly GatewayDesk _desk;
        private readonly GatewayTicket _ticket = new GatewayTicket();
        private readonly int _unit;
        private readonly byte[] _frame = new byte[MaxAdu];
        private int _length;

        /// <param name="unit">The unit id to answer as (<see cref="LocalSwitch.Unit"/> when the connection came in).</param>
        public ModbusServerSession(RegisterImage image, int unit)
        {
            _image = image;
            _desk = image.Gateway;
            _unit = unit;
            IsOpen = true;
        }

        /// <summary>False once a framing error closed the session: the adapter closes the connection.</summary>
        public bool IsOpen { get; private set; }

        /// <summary>The reply to send after <see cref="Receive"/> returned, in <see cref="Reply"/>; 0 for none.</summary>
        public int ReplyLength { get; private set; }

        public byte[] Reply { get; } = new byte[MaxAdu];

        /// <summary>A request waits at the gateway desk for the bus: call <see cref="Collect"/> until it has the reply.</summary>
        public bool Waiting { get; private set; }

        /// <summary>Requests answered, exceptions included.</summary>
        public int Requests { get; private set; }

        /// <summary>
        /// Takes bytes up to the end of one request and answers it; returns how many it took. Call again with the rest
        /// after sending the reply, until all are taken or the session is closed.
        /// </summary>
        public int Receive(byte[] data, int offset, int count)
        {
            ReplyLength = 0;
            int taken = 0;
            while (taken < count && IsOpen)
            {
                _frame[_length++] = data[offset + taken];
                taken++;
                if (_length == HeaderLength && !HeaderValid())
                {
                    IsOpen = false;
                }
                else if (HeaderLength <= _length && _length == 6 + ModbusPdu.ReadUInt16(_frame, 4))
                {
                    Answer();
                    _length = 0;
                    return taken;
                }
            }

            return taken;
        }

        private bool HeaderValid()
        {
            int declared = ModbusPdu.ReadUInt16(_frame, 4);
            return ModbusPdu.ReadUInt16(_frame, 2) == 0 && declared >= 2 && declared <= ModbusPdu.MaxLength + 1;
        }

        private void Answer()
        {
            Requests++;
            System.Array.Copy(_frame, 0, Reply, 0, HeaderLength);
            byte function = _frame[HeaderLength];
            if (_frame[6] != _unit)
            {
                if (_desk.Serves(_frame[6]))
                {
                    Forward(function);
                    return;
                }

                Exception(function, ExceptionCode.GatewayTargetFailedToRespond);
                return;
            }

            if (function != (byte)FunctionCode.ReadHoldingRegisters && function != (byte)FunctionCode.ReadInputRegisters)
            {
                Exception(function, ExceptionCode.IllegalFunction);
                return;
            }

            int pduLength = _length - HeaderLength;
            int address = pduLength == 5 ? ModbusPdu.ReadUInt16(_frame, HeaderLength + 1) : 0;
            int quantity = pduLength == 5 ? ModbusPdu.ReadUInt16(_frame, HeaderLength + 3) : 0;
            if (quantity < 1 || quantity > ModbusPdu.MaxReadRegisters)
            {
                Exception(function, ExceptionCode.IllegalDataValue);
                return;
            }

            byte status = _image.Read(address, quantity, Reply, HeaderLength + 2);
            if (status != 0)
            {
                Exception(function, status);
                return;
            }

            Reply[HeaderLength] = function;
            Reply[HeaderLength + 1] = (byte)(2 * quantity);
            Seal(2 + (2 * quantity));
        }

        /// <summary>
        /// True once the main loop has answered the forwarded request: the reply is in <see cref="Reply"/>. False while it
        /// waits (or when nothing was forwarded).
        /// </summary>
        public bool Collect()
        {
            if (!Waiting || !_desk.IsDone(_ticket))
            {
                return false;
            }

            Waiting = false;
            System.Array.Copy(_ticket.Reply, 0, Reply, HeaderLength, _ticket.ReplyLength);
            Seal(_ticket.ReplyLength);
            return true;
        }

        /// <summary>
        /// The client has waited long enough: a request the loop has not taken yet is withdrawn and answered 0x0B (no
        /// byte went on the bus for it); true then. False when the loop is on it: its reply comes within one exchange.
        /// </summary>
        public bool GiveUp()
        {
            if (!Waiting || !_desk.Withdraw(_ticket))
            {
                return false;
            }

            Waiting = false;
            Exception(_ticket.Function, ExceptionCode.GatewayTargetFailedToRespond);
            return true;
        }

        /// <summary>
        /// A request for the inverter: only register reads and writes, well formed, go to the desk (MODBUS Application
        /// Protocol v1.1b3, 6.3, 6.4, 6.6, 6.12); anything else is answered here and reaches neither the loop nor the bus.
        /// </summary>
        private void Forward(byte function)
        {
            int pduLength = _length - HeaderLength;
            int address = pduLength >= 5 ? ModbusPdu.ReadUInt16(_frame, HeaderLength + 1) : 0;
            int second = pduLength >= 5 ? ModbusPdu.ReadUInt16(_frame, HeaderLength + 3) : 0;
            int quantity;
            switch (function)
            {
                case (byte)FunctionCode.ReadHoldingRegisters:
                case (byte)FunctionCode.ReadInputRegisters:
                    quantity = pduLength == 5 && second >= 1 && second <= ModbusPdu.MaxReadRegisters ? second : 0;
                    break;
                case (byte)FunctionCode.WriteSingleRegister:
                    quantity = pduLength == 5 ? 1 : 0;
                    break;
                case (byte)FunctionCode.WriteMultipleRegisters:
                    bool fits = second >= 1 && second <= ModbusPdu.MaxWriteRegisters && pduLength == 6 + (2 * second);
                    quantity = fits && _frame[HeaderLength + 5] == 2 * second ? second : 0;
                    break;
                default:
                    Exception(function, ExceptionCode.IllegalFunction);
                    return;
            }

            if (quantity == 0)
            {
                Exception(function, ExceptionCode.IllegalDataValue);
                return;
            }

            _ticket.Ask(_frame[6], function, address, quantity);
            if (function == (byte)FunctionCode.WriteSingleRegister)
            {
                _ticket.Values[0] = (ushort)second;
            }

            for (int i = 0; function == (byte)FunctionCode.WriteMultipleRegisters && i < quantity; i++)
            {
                _ticket.Values[i] = ModbusPdu.ReadUInt16(_frame, HeaderLength + 6 + (2 * i));
            }

            Waiting = true;
            _desk.Submit(_ticket);
        }

        private void Exception(byte function, byte code)
        {
            Reply[HeaderLength] = (byte)(function | 0x80);
            Reply[HeaderLength + 1] = code;
            Seal(2);
        }

        private void Seal(int pduLength)
        {
            ModbusPdu.WriteUInt16(Reply, 4, pduLength + 1);
            ReplyLength = HeaderLength + pduLength;
        }
    }
}
