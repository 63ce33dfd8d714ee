using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// Free bytes of the nanoCLR managed heap. nanoFramework 1.17 reports them only as the result of a collection
    /// (GC.Run), so each read costs one non-compacting GC: read it for diagnostics, not per loop turn.
    /// </summary>
    public sealed class ManagedHeap : IMemoryInfo
    {
        public long FreeBytes => nanoFramework.Runtime.Native.GC.Run(false);
    }
}
