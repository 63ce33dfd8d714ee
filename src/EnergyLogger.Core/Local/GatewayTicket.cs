using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Local
{
    /// <summary>
    /// One MODBUS TCP request for the inverter, handed from a client's thread to the main loop through the
    /// <see cref="GatewayDesk"/>, and the reply PDU the loop puts in it. Each session owns one and reuses it, so a forwarded
    /// request allocates nothing; the desk's lock orders the hand-over.
    /// </summary>
    public sealed class GatewayTicket
    {
        private readonly ushort[] _values = new ushort[ModbusPdu.MaxWriteRegisters];
        private readonly byte[] _reply = new byte[ModbusPdu.MaxLength];

        /// <summary>The slave address on the bus (the request's unit id).</summary>
        public int Unit { get; private set; }

        /// <summary>03, 04, 06 or 16.</summary>
        public byte Function { get; private set; }

        public int Address { get; private set; }

        /// <summary>Registers to read, or the values to write.</summary>
        public int Quantity { get; private set; }

        /// <summary>The values of a write, <see cref="Quantity"/> of them.</summary>
        public ushort[] Values => _values;

        /// <summary>Whether it writes (06 or 16) rather than reads.</summary>
        public bool IsWrite => Function == (byte)FunctionCode.WriteSingleRegister || Function == (byte)FunctionCode.WriteMultipleRegisters;

        /// <summary>The reply PDU (function code first), <see cref="ReplyLength"/> bytes of it.</summary>
        public byte[] Reply => _reply;

        public int ReplyLength { get; private set; }

        internal bool Pending { get; set; }

        internal bool Done { get; set; }

        internal void Ask(int unit, byte function, int address, int quantity)
        {
            Unit = unit;
            Function = function;
            Address = address;
            Quantity = quantity;
            ReplyLength = 0;
            Done = false;
        }

        /// <summary>The read's answer: the registers <paramref name="registers"/>[<paramref name="offset"/>..], high byte first.</summary>
        public void AnswerRegisters(ushort[] registers, int offset)
        {
            _reply[0] = Function;
            _reply[1] = (byte)(2 * Quantity);
            for (int i = 0; i < Quantity; i++)
            {
                int value = registers[offset + i];
                _reply[2 + (2 * i)] = (byte)(value >> 8);
                _reply[3 + (2 * i)] = (byte)value;
            }

            ReplyLength = 2 + (2 * Quantity);
        }

        /// <summary>A write's answer, as the slave gives it: address and value (06) or address and quantity (16).</summary>
        public void AnswerWritten()
        {
            _reply[0] = Function;
            ModbusPdu.WriteUInt16(_reply, 1, Address);
            ModbusPdu.WriteUInt16(_reply, 3, Function == (byte)FunctionCode.WriteSingleRegister ? _values[0] : Quantity);
            ReplyLength = 5;
        }

        public void AnswerException(byte code)
        {
            _reply[0] = (byte)(Function | 0x80);
            _reply[1] = code;
            ReplyLength = 2;
        }
    }
}
