using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Runtime
{
    /// <summary>
    /// Makes the map again from the devices themselves when their layout is no longer the map's (a SunSpec device whose
    /// chain changed: docs/register-map.md, "SunSpec devices"). Called on the loop's thread between poll cycles, with the
    /// bus of the map's first device; it may read the bus. Null when the devices cannot be walked now: the loop asks again
    /// after as many cycles as it waited the first time.
    /// </summary>
    public interface IMapRediscovery
    {
        RegisterMap Rediscover(RegisterMap current, ModbusMaster bus);
    }
}
