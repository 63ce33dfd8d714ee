using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>What the GC could still give the process (its memory limit less what the heap holds), and the free space of the data folder's file system.</summary>
internal sealed class HostMemory(string dataDir) : IMemoryInfo
{
    public long FreeBytes => Math.Max(0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false));

    public long FreeFlashBytes
    {
        get
        {
            try
            {
                return new DriveInfo(Path.GetFullPath(dataDir)).AvailableFreeSpace;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                return -1;
            }
        }
    }
}
