using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The slave side of the PDU codec: answers one request PDU from a <see cref="RegisterBank"/>, with the
/// exception replies of MODBUS Application Protocol v1.1b3, 6 and 7 (01 unknown function, 02 address
/// outside the implemented tables, 03 quantity or value out of range).
/// </summary>
internal static class SlaveResponder
{
    /// <summary>Writes the reply PDU at <paramref name="replyOffset"/> and returns its length.</summary>
    public static int Respond(RegisterBank bank, byte[] request, int requestOffset, int requestLength, byte[] reply, int replyOffset)
    {
        byte function = request[requestOffset];
        if (!ModbusPdu.IsKnown(function) || requestLength < 5)
        {
            return Exception(reply, replyOffset, function, ExceptionCode.IllegalFunction);
        }

        var code = (FunctionCode)function;
        int address = ModbusPdu.ReadUInt16(request, requestOffset + 1);
        int quantity = ModbusPdu.ReadUInt16(request, requestOffset + 3);
        return code switch
        {
            FunctionCode.ReadCoils => ReadBits(bank.Coils, bank, code, address, quantity, reply, replyOffset),
            FunctionCode.ReadDiscreteInputs => ReadBits(bank.DiscreteInputs, bank, code, address, quantity, reply, replyOffset),
            FunctionCode.ReadHoldingRegisters => ReadRegisters(bank.HoldingRegisters, bank, code, address, quantity, reply, replyOffset),
            FunctionCode.ReadInputRegisters => ReadRegisters(bank.InputRegisters, bank, code, address, quantity, reply, replyOffset),
            FunctionCode.WriteSingleCoil => WriteSingleCoil(bank, address, quantity, request, requestOffset, reply, replyOffset),
            FunctionCode.WriteSingleRegister => WriteSingleRegister(bank, address, quantity, request, requestOffset, reply, replyOffset),
            FunctionCode.WriteMultipleCoils => WriteCoils(bank, address, quantity, request, requestOffset, requestLength, reply, replyOffset),
            _ => WriteRegisters(bank, address, quantity, request, requestOffset, requestLength, reply, replyOffset),
        };
    }

    private static int ReadBits(bool[] table, RegisterBank bank, FunctionCode code, int address, int quantity, byte[] reply, int at)
    {
        if (quantity < 1 || quantity > ModbusPdu.MaxReadBits)
        {
            return Exception(reply, at, (byte)code, ExceptionCode.IllegalDataValue);
        }

        if (address + quantity > 65536 || !bank.IsLegal(code, address, quantity))
        {
            return Exception(reply, at, (byte)code, ExceptionCode.IllegalDataAddress);
        }

        int bytes = (quantity + 7) / 8;
        reply[at] = (byte)code;
        reply[at + 1] = (byte)bytes;
        Array.Clear(reply, at + 2, bytes);
        for (int i = 0; i < quantity; i++)
        {
            if (table[address + i])
            {
                reply[at + 2 + (i >> 3)] |= (byte)(1 << (i & 7));
            }
        }

        return 2 + bytes;
    }

    private static int ReadRegisters(ushort[] table, RegisterBank bank, FunctionCode code, int address, int quantity, byte[] reply, int at)
    {
        if (quantity < 1 || quantity > ModbusPdu.MaxReadRegisters)
        {
            return Exception(reply, at, (byte)code, ExceptionCode.IllegalDataValue);
        }

        if (address + quantity > 65536 || !bank.IsLegal(code, address, quantity))
        {
            return Exception(reply, at, (byte)code, ExceptionCode.IllegalDataAddress);
        }

        reply[at] = (byte)code;
        reply[at + 1] = (byte)(quantity * 2);
        for (int i = 0; i < quantity; i++)
        {
            ModbusPdu.WriteUInt16(reply, at + 2 + (2 * i), table[address + i]);
        }

        return 2 + (quantity * 2);
    }

    private static int WriteSingleCoil(RegisterBank bank, int address, int value, byte[] request, int requestOffset, byte[] reply, int at)
    {
        if (value != 0xFF00 && value != 0x0000)
        {
            return Exception(reply, at, (byte)FunctionCode.WriteSingleCoil, ExceptionCode.IllegalDataValue);
        }

        if (!bank.IsLegal(FunctionCode.WriteSingleCoil, address, 1))
        {
            return Exception(reply, at, (byte)FunctionCode.WriteSingleCoil, ExceptionCode.IllegalDataAddress);
        }

        bank.Coils[address] = value == 0xFF00;
        return Echo(request, requestOffset, reply, at);
    }

    private static int WriteSingleRegister(RegisterBank bank, int address, int value, byte[] request, int requestOffset, byte[] reply, int at)
    {
        if (!bank.IsLegal(FunctionCode.WriteSingleRegister, address, 1))
        {
            return Exception(reply, at, (byte)FunctionCode.WriteSingleRegister, ExceptionCode.IllegalDataAddress);
        }

        bank.HoldingRegisters[address] = (ushort)value;
        return Echo(request, requestOffset, reply, at);
    }

    private static int WriteCoils(RegisterBank bank, int address, int quantity, byte[] request, int requestOffset, int requestLength, byte[] reply, int at)
    {
        int bytes = (quantity + 7) / 8;
        if (quantity < 1 || quantity > ModbusPdu.MaxWriteBits || requestLength < 6 + bytes || request[requestOffset + 5] != bytes)
        {
            return Exception(reply, at, (byte)FunctionCode.WriteMultipleCoils, ExceptionCode.IllegalDataValue);
        }

        if (address + quantity > 65536 || !bank.IsLegal(FunctionCode.WriteMultipleCoils, address, quantity))
        {
            return Exception(reply, at, (byte)FunctionCode.WriteMultipleCoils, ExceptionCode.IllegalDataAddress);
        }

        for (int i = 0; i < quantity; i++)
        {
            bank.Coils[address + i] = (request[requestOffset + 6 + (i >> 3)] & (1 << (i & 7))) != 0;
        }

        return Echo(request, requestOffset, reply, at);
    }

    private static int WriteRegisters(RegisterBank bank, int address, int quantity, byte[] request, int requestOffset, int requestLength, byte[] reply, int at)
    {
        if (quantity < 1 || quantity > ModbusPdu.MaxWriteRegisters || requestLength < 6 + (2 * quantity) || request[requestOffset + 5] != 2 * quantity)
        {
            return Exception(reply, at, (byte)FunctionCode.WriteMultipleRegisters, ExceptionCode.IllegalDataValue);
        }

        if (address + quantity > 65536 || !bank.IsLegal(FunctionCode.WriteMultipleRegisters, address, quantity))
        {
            return Exception(reply, at, (byte)FunctionCode.WriteMultipleRegisters, ExceptionCode.IllegalDataAddress);
        }

        for (int i = 0; i < quantity; i++)
        {
            bank.HoldingRegisters[address + i] = ModbusPdu.ReadUInt16(request, requestOffset + 6 + (2 * i));
        }

        return Echo(request, requestOffset, reply, at);
    }

    /// <summary>FC05/06 echo the request; FC15/16 echo function, address and quantity: five bytes either way.</summary>
    private static int Echo(byte[] request, int requestOffset, byte[] reply, int at)
    {
        Array.Copy(request, requestOffset, reply, at, 5);
        return 5;
    }

    private static int Exception(byte[] reply, int at, byte function, byte code)
    {
        reply[at] = (byte)(function | 0x80);
        reply[at + 1] = code;
        return 2;
    }
}
