using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>One reply's worth of registers or bits, shared by every device: reads happen one at a time.</summary>
    internal sealed class PollBuffers
    {
        public readonly ushort[] Registers = new ushort[ModbusPdu.MaxReadRegisters];

        public readonly bool[] Bits = new bool[ModbusPdu.MaxReadBits];
    }
}
