namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// The slave side of MODBUS Application Protocol v1.1b3, section 6, written plainly and apart from the
/// master's codec: it answers a request PDU from a <see cref="SlaveImage"/> and applies writes.
/// </summary>
public static class SlaveLogic
{
    public static byte[] Answer(SlaveImage slave, byte[] pdu)
    {
        if (pdu.Length < 5)
        {
            return Exception(pdu[0], 0x03);
        }

        byte function = pdu[0];
        int address = pdu[1] << 8 | pdu[2];
        int field = pdu[3] << 8 | pdu[4];
        return function switch
        {
            0x01 => ReadBits(function, slave.Coils, address, field),
            0x02 => ReadBits(function, slave.Discrete, address, field),
            0x03 => ReadRegisters(function, slave.Holding, address, field),
            0x04 => ReadRegisters(function, slave.Input, address, field),
            0x05 => WriteCoil(slave, pdu, address, field),
            0x06 => WriteRegister(slave, pdu, address, field),
            0x0F => WriteCoils(slave, pdu, address, field),
            0x10 => WriteRegisters(slave, pdu, address, field),
            _ => Exception(function, 0x01),
        };
    }

    public static byte[] Exception(byte function, byte code) => [(byte)(function | 0x80), code];

    private static byte[] ReadBits(byte function, Dictionary<int, bool> table, int address, int count)
    {
        if (count < 1 || count > 2000)
        {
            return Exception(function, 0x03);
        }

        var reply = new byte[2 + (count + 7) / 8];
        reply[0] = function;
        reply[1] = (byte)(reply.Length - 2);
        for (int i = 0; i < count; i++)
        {
            if (!table.TryGetValue(address + i, out bool on))
            {
                return Exception(function, 0x02);
            }

            if (on)
            {
                reply[2 + i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return reply;
    }

    private static byte[] ReadRegisters(byte function, Dictionary<int, ushort> table, int address, int count)
    {
        if (count < 1 || count > 125)
        {
            return Exception(function, 0x03);
        }

        var reply = new byte[2 + 2 * count];
        reply[0] = function;
        reply[1] = (byte)(2 * count);
        for (int i = 0; i < count; i++)
        {
            if (!table.TryGetValue(address + i, out ushort value))
            {
                return Exception(function, 0x02);
            }

            reply[2 + 2 * i] = (byte)(value >> 8);
            reply[3 + 2 * i] = (byte)value;
        }

        return reply;
    }

    private static byte[] WriteCoil(SlaveImage slave, byte[] pdu, int address, int value)
    {
        if (value != 0x0000 && value != 0xFF00)
        {
            return Exception(pdu[0], 0x03);
        }

        if (!slave.Coils.ContainsKey(address))
        {
            return Exception(pdu[0], 0x02);
        }

        slave.Coils[address] = value == 0xFF00;
        return pdu[..5];
    }

    private static byte[] WriteRegister(SlaveImage slave, byte[] pdu, int address, int value)
    {
        if (!slave.Holding.ContainsKey(address))
        {
            return Exception(pdu[0], 0x02);
        }

        slave.Holding[address] = (ushort)value;
        return pdu[..5];
    }

    private static byte[] WriteCoils(SlaveImage slave, byte[] pdu, int address, int count)
    {
        if (count < 1 || count > 1968 || pdu.Length != 6 + (count + 7) / 8 || pdu[5] != (count + 7) / 8)
        {
            return Exception(pdu[0], 0x03);
        }

        for (int i = 0; i < count; i++)
        {
            if (!slave.Coils.ContainsKey(address + i))
            {
                return Exception(pdu[0], 0x02);
            }
        }

        for (int i = 0; i < count; i++)
        {
            slave.Coils[address + i] = (pdu[6 + i / 8] & (1 << (i % 8))) != 0;
        }

        return pdu[..5];
    }

    private static byte[] WriteRegisters(SlaveImage slave, byte[] pdu, int address, int count)
    {
        if (count < 1 || count > 123 || pdu.Length != 6 + 2 * count || pdu[5] != 2 * count)
        {
            return Exception(pdu[0], 0x03);
        }

        for (int i = 0; i < count; i++)
        {
            if (!slave.Holding.ContainsKey(address + i))
            {
                return Exception(pdu[0], 0x02);
            }
        }

        for (int i = 0; i < count; i++)
        {
            slave.Holding[address + i] = (ushort)(pdu[6 + 2 * i] << 8 | pdu[7 + 2 * i]);
        }

        return pdu[..5];
    }
}
