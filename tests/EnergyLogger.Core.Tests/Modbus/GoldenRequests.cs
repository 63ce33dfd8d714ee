using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;

namespace EnergyLogger.Core.Tests.Modbus;

/// <summary>Encodes the request of golden vector i with the codec under test, from the vector's fields.</summary>
public static class GoldenRequests
{
    public static int EncodePdu(int i, byte[] buf, int pduOffset)
    {
        var function = (FunctionCode)RtuVectors.Function[i];
        int address = RtuVectors.Address[i];
        int field = RtuVectors.Field[i];
        return function switch
        {
            FunctionCode.WriteSingleCoil => ModbusPdu.EncodeWriteSingleCoil(buf, pduOffset, address, field == 0xFF00),
            FunctionCode.WriteSingleRegister => ModbusPdu.EncodeWriteSingleRegister(buf, pduOffset, address, (ushort)field),
            FunctionCode.WriteMultipleCoils => ModbusPdu.EncodeWriteMultipleCoils(buf, pduOffset, address, RtuVectors.Bits[i], 0, field),
            FunctionCode.WriteMultipleRegisters => ModbusPdu.EncodeWriteMultipleRegisters(buf, pduOffset, address, RtuVectors.Registers[i], 0, field),
            _ => ModbusPdu.EncodeRead(buf, pduOffset, function, address, field),
        };
    }

    /// <summary>Runs golden exchange i through the master; the data read lands in the returned arrays.</summary>
    public static ModbusResult Run(ModbusMaster master, int i, out bool[] bits, out ushort[] registers)
    {
        var function = (FunctionCode)RtuVectors.Function[i];
        int address = RtuVectors.Address[i];
        int field = RtuVectors.Field[i];
        bits = new bool[RtuVectors.Bits[i].Length];
        registers = new ushort[RtuVectors.Registers[i].Length];
        byte slave = RtuVectors.Slave;
        return function switch
        {
            FunctionCode.ReadCoils or FunctionCode.ReadDiscreteInputs => master.ReadBits(slave, function, address, field, bits, 0),
            FunctionCode.ReadHoldingRegisters or FunctionCode.ReadInputRegisters => master.ReadRegisters(slave, function, address, field, registers, 0),
            FunctionCode.WriteSingleCoil => master.WriteSingleCoil(slave, address, field == 0xFF00),
            FunctionCode.WriteSingleRegister => master.WriteSingleRegister(slave, address, (ushort)field),
            FunctionCode.WriteMultipleCoils => master.WriteMultipleCoils(slave, address, RtuVectors.Bits[i], 0, field),
            _ => master.WriteMultipleRegisters(slave, address, RtuVectors.Registers[i], 0, field),
        };
    }
}
