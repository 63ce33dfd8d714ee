namespace EnergyLogger.Core.Modbus
{
    /// <summary>
    /// Pure codec for MODBUS PDUs (function code + data), shared by the RTU and TCP framings.
    /// Encoders write at <c>pduOffset</c> and return the PDU length, or <see cref="Invalid"/> when the
    /// request breaks a protocol limit. MODBUS Application Protocol v1.1b3, 6.1 to 6.12.
    /// </summary>
    public static class ModbusPdu
    {
        public const int Invalid = -1;

        // Quantity limits: Application Protocol v1.1b3, 6.1-6.4, 6.11, 6.12.
        public const int MaxReadBits = 2000;
        public const int MaxReadRegisters = 125;
        public const int MaxWriteBits = 1968;
        public const int MaxWriteRegisters = 123;

        /// <summary>Largest PDU: an RTU ADU is at most 256 bytes, less the slave address and the CRC.</summary>
        public const int MaxLength = 253;

        public static bool IsRead(FunctionCode function)
        {
            return function == FunctionCode.ReadCoils || function == FunctionCode.ReadDiscreteInputs
                || function == FunctionCode.ReadHoldingRegisters || function == FunctionCode.ReadInputRegisters;
        }

        public static bool IsBitFunction(FunctionCode function)
        {
            return function == FunctionCode.ReadCoils || function == FunctionCode.ReadDiscreteInputs
                || function == FunctionCode.WriteSingleCoil || function == FunctionCode.WriteMultipleCoils;
        }

        public static bool IsKnown(byte function)
        {
            return (function >= 0x01 && function <= 0x06) || function == 0x0F || function == 0x10;
        }

        public static int MaxReadCount(FunctionCode function)
        {
            return IsBitFunction(function) ? MaxReadBits : MaxReadRegisters;
        }

        /// <summary>FC01-04: function, start address, quantity.</summary>
        public static int EncodeRead(byte[] buf, int pduOffset, FunctionCode function, int address, int count)
        {
            if (!IsRead(function) || !InRange(address, count, MaxReadCount(function)))
            {
                return Invalid;
            }

            return EncodeHeader(buf, pduOffset, (byte)function, address, count);
        }

        /// <summary>FC05: ON is 0xFF00, OFF is 0x0000 (6.5).</summary>
        public static int EncodeWriteSingleCoil(byte[] buf, int pduOffset, int address, bool value)
        {
            if (!InRange(address, 1, 1))
            {
                return Invalid;
            }

            return EncodeHeader(buf, pduOffset, (byte)FunctionCode.WriteSingleCoil, address, value ? 0xFF00 : 0x0000);
        }

        /// <summary>FC06.</summary>
        public static int EncodeWriteSingleRegister(byte[] buf, int pduOffset, int address, ushort value)
        {
            if (!InRange(address, 1, 1))
            {
                return Invalid;
            }

            return EncodeHeader(buf, pduOffset, (byte)FunctionCode.WriteSingleRegister, address, value);
        }

        /// <summary>FC15: coils packed LSB first, eight to a byte (6.11).</summary>
        public static int EncodeWriteMultipleCoils(byte[] buf, int pduOffset, int address, bool[] values, int valuesOffset, int count)
        {
            if (!InRange(address, count, MaxWriteBits) || values == null || valuesOffset < 0 || valuesOffset + count > values.Length)
            {
                return Invalid;
            }

            int byteCount = (count + 7) / 8;
            EncodeHeader(buf, pduOffset, (byte)FunctionCode.WriteMultipleCoils, address, count);
            buf[pduOffset + 5] = (byte)byteCount;
            for (int i = 0; i < byteCount; i++)
            {
                buf[pduOffset + 6 + i] = 0;
            }

            for (int i = 0; i < count; i++)
            {
                if (values[valuesOffset + i])
                {
                    buf[pduOffset + 6 + (i >> 3)] |= (byte)(1 << (i & 7));
                }
            }

            return 6 + byteCount;
        }

        /// <summary>FC16: registers big-endian (6.12).</summary>
        public static int EncodeWriteMultipleRegisters(byte[] buf, int pduOffset, int address, ushort[] values, int valuesOffset, int count)
        {
            if (!InRange(address, count, MaxWriteRegisters) || values == null || valuesOffset < 0 || valuesOffset + count > values.Length)
            {
                return Invalid;
            }

            EncodeHeader(buf, pduOffset, (byte)FunctionCode.WriteMultipleRegisters, address, count);
            buf[pduOffset + 5] = (byte)(count * 2);
            for (int i = 0; i < count; i++)
            {
                WriteUInt16(buf, pduOffset + 6 + (2 * i), values[valuesOffset + i]);
            }

            return 6 + (count * 2);
        }

        /// <summary>
        /// Length of the response PDU that starts at <paramref name="pduOffset"/>, from its first two bytes,
        /// or 0 when more bytes are needed, or <see cref="Invalid"/> when no valid response starts there.
        /// </summary>
        public static int ResponseLength(byte[] buf, int pduOffset, int available)
        {
            if (available < 1)
            {
                return 0;
            }

            byte function = buf[pduOffset];
            if ((function & 0x80) != 0)
            {
                return IsKnown((byte)(function & 0x7F)) ? 2 : Invalid;
            }

            if (!IsKnown(function))
            {
                return Invalid;
            }

            if (function >= 0x05)
            {
                return 5;
            }

            if (available < 2)
            {
                return 0;
            }

            int byteCount = buf[pduOffset + 1];
            return byteCount == 0 || byteCount > MaxLength - 2 ? Invalid : 2 + byteCount;
        }

        /// <summary>
        /// Checks that a response PDU answers the request PDU: function echo, byte count for reads,
        /// exact echo for FC05/06 and address plus quantity echo for FC15/16 (Application Protocol 6.x).
        /// Returns Ok, Exception (with the code in <paramref name="exceptionCode"/>) or BadResponse.
        /// </summary>
        public static ModbusStatus CheckResponse(byte[] request, int requestPdu, byte[] response, int responsePdu, int responseLength, out byte exceptionCode)
        {
            exceptionCode = 0;
            byte function = request[requestPdu];
            byte answered = response[responsePdu];
            if (answered == (byte)(function | 0x80) && responseLength == 2)
            {
                exceptionCode = response[responsePdu + 1];
                return ModbusStatus.Exception;
            }

            if (answered != function)
            {
                return ModbusStatus.BadResponse;
            }

            if (function <= 0x04)
            {
                int count = ReadUInt16(request, requestPdu + 3);
                int expected = function <= 0x02 ? (count + 7) / 8 : count * 2;
                return responseLength == 2 + expected && response[responsePdu + 1] == expected ? ModbusStatus.Ok : ModbusStatus.BadResponse;
            }

            if (responseLength != 5)
            {
                return ModbusStatus.BadResponse;
            }

            // FC05/06 echo address and value; FC15/16 echo address and quantity: the first five PDU bytes in both cases.
            for (int i = 1; i < 5; i++)
            {
                if (response[responsePdu + i] != request[requestPdu + i])
                {
                    return ModbusStatus.BadResponse;
                }
            }

            return ModbusStatus.Ok;
        }

        /// <summary>Copies <paramref name="count"/> big-endian registers out of a checked FC03/04 response.</summary>
        public static void CopyRegisters(byte[] response, int responsePdu, ushort[] dest, int destOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                dest[destOffset + i] = ReadUInt16(response, responsePdu + 2 + (2 * i));
            }
        }

        /// <summary>Unpacks <paramref name="count"/> bits (LSB first) out of a checked FC01/02 response.</summary>
        public static void CopyBits(byte[] response, int responsePdu, bool[] dest, int destOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                dest[destOffset + i] = (response[responsePdu + 2 + (i >> 3)] & (1 << (i & 7))) != 0;
            }
        }

        public static ushort ReadUInt16(byte[] buf, int offset)
        {
            return (ushort)((buf[offset] << 8) | buf[offset + 1]);
        }

        public static void WriteUInt16(byte[] buf, int offset, int value)
        {
            buf[offset] = (byte)(value >> 8);
            buf[offset + 1] = (byte)value;
        }

        private static int EncodeHeader(byte[] buf, int pduOffset, byte function, int address, int value)
        {
            buf[pduOffset] = function;
            WriteUInt16(buf, pduOffset + 1, address);
            WriteUInt16(buf, pduOffset + 3, value);
            return 5;
        }

        private static bool InRange(int address, int count, int maxCount)
        {
            return count >= 1 && count <= maxCount && address >= 0 && address + count <= 0x10000;
        }
    }
}
