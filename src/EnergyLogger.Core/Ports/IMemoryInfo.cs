namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// Free heap and free flash for diagnostics: <c>nanoFramework.Runtime.Native.GC.Run(false)</c> and the drive's size less its
    /// files on the board, the GC's figures and the data folder's file system on the host.
    /// </summary>
    public interface IMemoryInfo
    {
        /// <summary>Bytes free on the managed heap; -1 when unknown.</summary>
        long FreeBytes { get; }

        /// <summary>Bytes free on the drive the logger stores its files on; -1 when unknown.</summary>
        long FreeFlashBytes { get; }
    }
}
