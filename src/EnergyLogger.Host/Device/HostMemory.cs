using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>What the GC could still give the process: its memory limit less what the heap holds.</summary>
internal sealed class HostMemory : IMemoryInfo
{
    public long FreeBytes => Math.Max(0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false));
}
