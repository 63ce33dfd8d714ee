using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>What the read planner must respect for one device of a map.</summary>
    public static class DeviceLimits
    {
        /// <summary>Request sizes, the device's line and its neverRead ranges; no barriers learned yet.</summary>
        public static PlannerLimits For(DeviceDefinition device)
        {
            var limits = new PlannerLimits
            {
                MaxRegisters = device.MaxRegisters,
                MaxBits = device.MaxBits,
                BaudRate = device.BaudRate,
                // RTU characters always carry 8 data bits (MODBUS over serial line v1.02, 2.5.1).
                BitsPerChar = RtuTiming.BitsPerChar(device.Parity != SerialParity.None, device.StopBits),
            };
            RangeList neverRead = device.NeverRead;
            for (int i = 0; i < neverRead.Count; i++)
            {
                limits.Forbidden.Add(neverRead.Function(i), neverRead.First(i), neverRead.Last(i));
            }

            return limits;
        }
    }
}
