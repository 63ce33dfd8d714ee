using EnergyLogger.Core.Modbus;
using EnergyLogger.Vectors;

namespace NFUnitTest
{
    /// <summary>Encodes the request of golden vector i with the codec under test, from the vector's fields.</summary>
    internal static class VectorRequests
    {
        public static int EncodePdu(int i, byte[] buf, int pduOffset)
        {
            FunctionCode function = (FunctionCode)RtuVectors.Function[i];
            int address = RtuVectors.Address[i];
            int field = RtuVectors.Field[i];
            switch (function)
            {
                case FunctionCode.WriteSingleCoil:
                    return ModbusPdu.EncodeWriteSingleCoil(buf, pduOffset, address, field == 0xFF00);
                case FunctionCode.WriteSingleRegister:
                    return ModbusPdu.EncodeWriteSingleRegister(buf, pduOffset, address, (ushort)field);
                case FunctionCode.WriteMultipleCoils:
                    return ModbusPdu.EncodeWriteMultipleCoils(buf, pduOffset, address, RtuVectors.Bits[i], 0, field);
                case FunctionCode.WriteMultipleRegisters:
                    return ModbusPdu.EncodeWriteMultipleRegisters(buf, pduOffset, address, RtuVectors.Registers[i], 0, field);
                default:
                    return ModbusPdu.EncodeRead(buf, pduOffset, function, address, field);
            }
        }

        public static byte[] Slice(byte[] source, int offset, int count)
        {
            byte[] slice = new byte[count];
            System.Array.Copy(source, offset, slice, 0, count);
            return slice;
        }

        /// <summary>Feeds the bytes; returns how many frames the framer delivered, and on which byte the last one ended.</summary>
        public static int FeedAll(IModbusFramer framer, byte[] bytes, out int lastEnd)
        {
            int frames = 0;
            lastEnd = -1;
            for (int k = 0; k < bytes.Length; k++)
            {
                if (framer.Feed(bytes[k]))
                {
                    frames++;
                    lastEnd = k;
                }
            }

            return frames;
        }
    }
}
