using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>The register map in use and its buses, for remote reads and writes and for Home Assistant discovery.</summary>
    public interface IRegisterAccess
    {
        /// <summary>The map in use (the writable set of remote writes); null when none is.</summary>
        RegisterMap Map { get; }

        /// <summary>The master of the bus a slave is on, or null when no device of the map has that address.</summary>
        ModbusMaster Bus(int slave);
    }
}
